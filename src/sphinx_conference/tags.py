"""Tags: one index fed by front matter, the ``{tags}`` directive and every object's ``:tags:``.

sphinx-tags provides the ``{tags}`` directive that authors know; this module
replaces its rendering so that its badges link to the tag pages built from the
domain, and so that its tags join the same index as everything else.  Its page
generator stays off (``tags_create_tags = False``): it scans sources with
regular expressions and writes pages into the source tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx_tags import TagLinks

from .render import tag_badges, tag_ref
from .validation import has_markup, split_list, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


class TagsDirective(TagLinks):
    """``{tags}``: show a page's tags as badges and add them to the page's tags."""

    def run(self) -> list[nodes.Node]:
        """Record the tags in the page metadata and render linked badges."""
        raw = ",".join([*(self.arguments or []), *self.content])
        tags = split_list(raw)
        if not tags:
            warn(
                "{tags}: no tags given; expected a comma-separated list, e.g. 'Security, Community'",
                location=(self.env.docname, self.lineno),
                subtype="required",
            )
            return []
        for tag in tags:
            if has_markup(tag):
                warn(
                    f"{{tags}}: plain text expected, got markup {tag!r}; it is shown as text",
                    location=(self.env.docname, self.lineno),
                    subtype="markup",
                )
        meta = self.env.metadata[self.env.docname]
        known = meta.setdefault("conference_directive_tags", [])
        known.extend(t for t in tags if t not in known)
        para = tag_badges(tags)
        assert para is not None
        self.set_source_info(para)
        return [para]


def _generator_off(app: Sphinx, config: Config) -> None:
    # sphinx-tags' generator writes into the source tree; tag pages come from the domain.
    config.tags_create_tags = False


def setup_tags(app: Sphinx) -> None:
    """Take over the ``{tags}`` directive of sphinx-tags and add a ``{tag}`` role."""
    app.setup_extension("sphinx_tags")
    app.add_directive("tags", TagsDirective, override=True)
    app.connect("config-inited", _generator_off, priority=100)

    def tag_role(name, rawtext, text, lineno, inliner, options=None, content=None):  # type: ignore[no-untyped-def]
        return [tag_ref(" ".join(text.split()))], []

    app.add_role("tag", tag_role)
