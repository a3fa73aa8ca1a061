"""Tags: one index fed by front matter, the ``{tags}`` directive and every object's ``:tags:``.

sphinx-tags provides the ``{tags}`` directive that authors know; this module
replaces its rendering so that its badges link to the tag pages built from the
domain, and so that its tags join the same index as everything else.  Its page
generator stays off (``tags_create_tags = False``): it scans sources with
regular expressions and writes pages into the source tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx_tags import TagLinks

from sphinx_conference.core.model import Event, PageTags, Person, Post, Session, tag_slug
from sphinx_conference.core.validation import has_markup, split_list
from sphinx_conference.core.vocabulary import vocabulary
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import get_domain
from sphinx_conference.render.components import tag_badges, tag_ref

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


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


def generator_off(config: Config) -> None:
    """``config-inited``: no sphinx-tags generator (it writes into the source tree).

    Tag pages come from the domain.
    """
    config.tags_create_tags = False


def setup_tags(app: Sphinx) -> None:
    """Take over the ``{tags}`` directive of sphinx-tags and add a ``{tag}`` role."""
    app.setup_extension("sphinx_tags")
    app.add_directive("tags", TagsDirective, override=True)

    def tag_role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        options: dict[str, Any] | None = None,
        content: list[str] | None = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [tag_ref(" ".join(text.split()))], []

    app.add_role("tag", tag_role)


def check_tags(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: with ``conference_tags_strict``, every tag is in the vocabulary."""
    config = app.config
    if not config.conference_tags_strict:
        return
    domain = get_domain(env)
    aliases, names, _ = vocabulary(config)
    uses: list[tuple[str, int, str]] = []
    records: list[Person | Event | Session] = [
        *domain.people.values(),
        *domain.events.values(),
        *domain.sessions.values(),
    ]
    for record in records:
        uses.extend((record.docname, record.lineno, t) for t in record.tags)
    pages: list[Post | PageTags] = [*domain.posts.values(), *domain.page_tags.values()]
    for page in pages:
        uses.extend((page.docname, 1, t) for t in page.tags)
    known = ", ".join(sorted(names.values()))
    for docname, line, tag in sorted(uses):
        slug = aliases.get(tag_slug(tag), tag_slug(tag))
        if slug not in names:
            warn(
                f"tag {tag!r} is not in the conference_tags vocabulary; expected one of: {known} "
                "(or add it to conference_tags in conf.py)",
                location=(docname, line),
                subtype="tag",
            )
