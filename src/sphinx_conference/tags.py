"""Tags: one index fed by front matter, the ``{tags}`` directive and every object's ``:tags:``.

sphinx-tags provides the ``{tags}`` directive that authors know; this module
replaces its rendering so that its badges link to the tag pages built from the
domain, and so that its tags join the same index as everything else.  Its page
generator stays off (``tags_create_tags = False``): it scans sources with
regular expressions and writes pages into the source tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx_tags import TagLinks

from .model import Event, PageTags, Person, Post, Session, tag_slug
from .render import tag_badges, tag_ref
from .validation import has_markup, split_list, warn

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


def _generator_off(app: Sphinx, config: Config) -> None:
    # sphinx-tags' generator writes into the source tree; tag pages come from the domain.
    config.tags_create_tags = False


def setup_tags(app: Sphinx) -> None:
    """Take over the ``{tags}`` directive of sphinx-tags and add a ``{tag}`` role."""
    app.setup_extension("sphinx_tags")
    app.add_directive("tags", TagsDirective, override=True)
    app.connect("config-inited", _generator_off, priority=100)

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
    app.connect("env-check-consistency", check_tags)


# -- vocabulary ------------------------------------------------------------------------


def vocabulary(config: Config) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """From ``conference_tags``: (alias slug -> canonical slug, slug -> name, slug -> description).

    ``conference_tags = {"Platform Engineering": {"description": "...", "aliases": ["platform-eng"]}}``
    """
    aliases: dict[str, str] = {}
    names: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for name, info in (config.conference_tags or {}).items():
        slug = tag_slug(name)
        names[slug] = name
        if isinstance(info, dict):
            descriptions[slug] = str(info.get("description", ""))
            for alias in info.get("aliases", []) or []:
                aliases[tag_slug(str(alias))] = slug
        elif isinstance(info, str):
            descriptions[slug] = info
    return aliases, names, descriptions


def check_tags(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: with ``conference_tags_strict``, every tag is in the vocabulary."""
    config = app.config
    if not config.conference_tags_strict:
        return
    from .domain import get_domain

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


# -- pages -------------------------------------------------------------------------------


def tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str] | str]:
    """One page per tag listing everything that carries it, and the index of all tags."""
    if not app.config.conference_tag_pages:
        return
    from .domain import get_domain
    from .lists import render_posts, session_item, speaker_item
    from .pages import page_or_name
    from .render import Linker, card_grid, format_date_range, heading, text_para

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
                        when = format_date_range(item.start, item.end)
                        if when:
                            para += nodes.Text(f", {when}")
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
        )
        link = Linker(app.builder, pagename)
        yield page_or_name(app, pagename, name, partial(build, slug, name, kinds, link), inputs)

    yield tags_index(app, f"{tags_dir}/tagsindex")


def tags_index(app: Sphinx, pagename: str) -> tuple[str, dict[str, Any], str] | str:
    """The index of all tags, each with its count and sized by use."""
    from .domain import get_domain
    from .pages import page_or_name
    from .render import Linker, badge, text_para

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
