"""Tag pages built from the domain: one page per tag, and the index of all tags."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_conference.core.vocabulary import vocabulary
from sphinx_conference.domain.store import get_domain
from sphinx_conference.pages.page import page_or_name
from sphinx_conference.render.agenda import AGENDA_FLAG
from sphinx_conference.render.components import (
    Linker,
    badge,
    card_grid,
    heading,
    text_para,
)
from sphinx_conference.render.lists import render_posts, session_item, speaker_item
from sphinx_conference.render.timezones import date_range

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str] | str]:
    """One page per tag listing everything that carries it, and the index of all tags."""
    if not app.config.conference_tag_pages:
        return

    domain = get_domain(app.env)
    idx = domain.index
    tags_dir = app.config.tags_output_dir
    _, _, descriptions = vocabulary(app.config)
    titles = app.env.titles
    labels = {
        "posts": "Posts",
        "events": "Events",
        "sessions": "Sessions",
        "people": "People",
        "pages": "Pages",
    }

    def build(slug: str, name: str, kinds: dict[str, list[Any]], link: Linker) -> list[nodes.Node]:
        body: list[nodes.Node] = []
        if descriptions.get(slug):
            body.append(text_para(descriptions[slug], "conference-tag-description"))
        counts = [f"{len(kinds[k])} {labels[k].lower()}" for k in labels if kinds.get(k)]
        body.append(text_para("Tagged here: " + ", ".join(counts) + ".", "conference-tag-counts"))
        for kind, label in labels.items():
            items = kinds.get(kind)
            if not items:
                continue
            section = nodes.container(classes=["conference-tag-section", f"conference-tag-{kind}"])
            section += heading(f"{label} ({len(items)})", 2, ids=[kind])
            if kind == "posts":
                section.extend(render_posts(items, domain, link, 3))
            elif kind == "sessions":
                section.extend(session_item(s, domain, link, 3) for s in items)
            elif kind == "people":
                section += card_grid(speaker_item(p, link) for p in items)
            else:
                blist = nodes.bullet_list(classes=["conference-link-list"])
                for item in items:
                    li = nodes.list_item()
                    para = nodes.paragraph()
                    if kind == "events":
                        para += link.ref(item.name, link.record(item))
                        when = date_range(item.start, item.end)
                        if when:
                            para += nodes.Text(", ")
                            para.extend(when)
                    else:
                        title = (
                            titles[item.docname].astext() if item.docname in titles else item.title
                        )
                        para += link.ref(title, link.doc(item.docname))
                    li += para
                    blist += li
                section += blist
            body.append(section)
        back = nodes.paragraph(classes=["conference-all-tags"])
        back += link.ref("All tags", link.doc(f"{tags_dir}/tagsindex"))
        body.append(back)
        return body

    for slug, name in idx.tag_names.items():
        pagename = f"{tags_dir}/{slug}"
        kinds = idx.by_tag.get(slug, {})
        # Everything the page shows: its items, and the people and events those items name.
        related = sorted(
            {a for p in kinds.get("posts", []) for a in p.authors}
            | {sp for s in kinds.get("sessions", []) for sp in s.speakers}
        )
        pages_titles = [
            titles[p.docname].astext() if p.docname in titles else ""
            for p in kinds.get("pages", [])
        ]
        inputs = (
            slug,
            descriptions.get(slug),
            kinds,
            [domain.people.get(pid) for pid in related],
            [domain.events.get(s.event) for s in kinds.get("sessions", [])],
            pages_titles,
            domain.index.tag_names,
            # the badges of the sessions' schedule changes
            [domain.index.changes_by_session.get(s.id) for s in kinds.get("sessions", [])],
        )
        link = Linker(app.builder, pagename)
        # The agenda script reads the data of the events of the timed sessions shown.
        shown = {s.event for s in kinds.get("sessions", []) if s.start is not None}
        extra = {AGENDA_FLAG: sorted(shown)} if shown else None
        yield page_or_name(
            app, pagename, name, partial(build, slug, name, kinds, link), inputs, extra
        )

    yield tags_index(app, f"{tags_dir}/tagsindex")


def tags_index(app: Sphinx, pagename: str) -> tuple[str, dict[str, Any], str] | str:
    """The index of all tags, each with its count and sized by use."""
    idx = get_domain(app.env).index
    link = Linker(app.builder, pagename)
    counts = {
        slug: sum(len(v) for v in idx.by_tag.get(slug, {}).values()) for slug in idx.tag_names
    }
    top = max(counts.values(), default=1)
    cloud = nodes.paragraph(classes=["conference-tag-cloud"])
    for slug, name in sorted(idx.tag_names.items(), key=lambda kv: kv[1].lower()):
        count = counts[slug]
        size = 1 + round(4 * (count - 1) / max(1, top - 1)) if top > 1 else 1
        ref = nodes.reference(
            "",
            "",
            internal=True,
            refuri=link.doc(f"{app.config.tags_output_dir}/{slug}"),
            classes=["conference-tag-cloud-item", f"conference-tag-size-{size}"],
        )
        ref += badge(name, "primary", outline=size < 3, extra=["conference-tag"])
        ref += nodes.inline(f" {count}", f" {count}", classes=["conference-tag-count"])
        cloud += ref
        cloud += nodes.Text(" ")
    body: list[nodes.Node] = [
        text_para(
            f"{len(idx.tag_names)} tags across posts, events, sessions and people; "
            "the number is how many things carry each tag.",
            "conference-tag-counts",
        ),
        cloud,
    ]
    if not idx.tag_names:
        body = [text_para("No tags yet.", "conference-empty")]
    inputs = (idx.tag_names, counts)
    return page_or_name(app, pagename, "Tags", body, inputs)
