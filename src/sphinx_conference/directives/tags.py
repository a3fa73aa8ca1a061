"""Tags: one index fed by front matter, the ``{tags}`` directive and every object's ``:tags:``.

sphinx-tags provides the ``{tags}`` directive that authors know; this module
replaces its rendering so that its badges link to the tag pages built from the
domain, and so that its tags join the same index as everything else.  Its page
generator stays off (``tags_create_tags = False``): it scans sources with
regular expressions and writes pages into the source tree.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx_tags import TagLinks

from sphinx_conference.core import consistency, rules
from sphinx_conference.core.model import Event, PageTags, Person, Post, Session
from sphinx_conference.core.vocabulary import vocabulary
from sphinx_conference.directives.posts import key_line
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
        tags, problems = rules.read_tags(raw)
        for problem in problems:
            warn(
                problem.message,
                location=(self.env.docname, self.lineno),
                subtype=problem.subtype,
            )
        if not tags:
            return []
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
    records: list[Person | Event | Session] = [
        *domain.people.values(),
        *domain.events.values(),
        *domain.sessions.values(),
        *(record for _, record in domain.data["shadowed"]),  # a duplicate's own tags too
    ]
    pages: list[Post | PageTags] = [*domain.posts.values(), *domain.page_tags.values()]
    line_of = functools.partial(key_line, env)
    for found in consistency.tags(records, pages, aliases, names, line_of):
        warn(found.message, location=(found.docname, found.line), subtype=found.subtype)
