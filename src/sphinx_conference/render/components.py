"""Builders of the doctree fragments shown to readers.

Everything is made of sphinx-design components (cards, grids, badges,
icons) and the extension's own nodes, as docutils containers with classes: no
hand-written HTML, so every builder can render it and every string is escaped by
the writer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cache, partial
from importlib.resources import files
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx_design.badges_buttons import create_bdg_classes, sd_badge
from sphinx_design.icons import create_icon_node, get_octicon
from sphinx_design.shared import create_component

from sphinx_conference.core import changes as schedule_changes
from sphinx_conference.core.model import (
    Event,
    Person,
    Post,
    ScheduleChange,
    Session,
    initials,
    tag_slug,
)
from sphinx_conference.domain.store import get_domain
from sphinx_conference.render import nodes as cnodes
from sphinx_conference.render.agenda import TBA
from sphinx_conference.render.icons import CSS_ICONS
from sphinx_conference.render.timezones import date_node, date_range, session_time

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: (host suffix, label, icon) for recognisable links; the first match wins.
LINK_KINDS: tuple[tuple[str, str, str], ...] = (
    ("github.com", "GitHub", "github"),
    ("gitlab.com", "GitLab", "gitlab"),
    ("bsky.app", "Bluesky", "bluesky"),
    ("linkedin.com", "LinkedIn", "linkedin"),
    ("x.com", "X", "x"),
    ("twitter.com", "X", "x"),
)
#: Hosts of well-known Mastodon servers; any ``/@user`` path is taken as Mastodon too.
MASTODON_HOSTS = ("mastodon.social", "fosstodon.org", "hachyderm.io", "mastodon.online")


@cache
def _brand_paths() -> dict[str, str]:
    text = files("sphinx_conference").joinpath("data/brand_icons.json").read_text("utf-8")
    return dict(json.loads(text))


def icon(name: str, label: str | None = None, size: str = "1em") -> nodes.Node:
    """An icon: a GitHub octicon, or a brand icon from Simple Icons (CC0).

    With ``label`` the icon is an inline SVG announced by screen readers
    (``role="img"``).  Without, it is decorative: drawn by the stylesheet when it is
    one of :data:`.icons.CSS_ICONS` (see :mod:`.icons`), else an inline SVG.
    """
    if label is None and size == "1em" and name in CSS_ICONS:
        return cnodes.icon(name=name)
    brands = _brand_paths()
    if name in brands:
        aria = f'role="img" aria-label="{_attr(label)}"' if label else 'aria-hidden="true"'
        svg = (
            f'<svg version="1.1" width="{size}" height="{size}" viewBox="0 0 24 24" '
            f'class="sd-octicon conference-brand-icon conference-brand-{name}" '
            f'fill="currentColor" focusable="false" {aria}><path d="{brands[name]}"></path></svg>'
        )
        return create_icon_node(svg)
    return create_icon_node(_octicon_svg(name, size, label))


@cache
def _octicon_svg(name: str, size: str, label: str | None) -> str:
    # The same few icons are drawn tens of thousands of times on a large site.
    return get_octicon(name, height=size, aria_label=label)


def _attr(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def link_kind(url: str) -> tuple[str, str]:
    """The label and icon of a person's link, recognised from its address."""
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return "Email", "mail"
    host = (parts.hostname or "").lower()
    for suffix, label, name in LINK_KINDS:
        if host == suffix or host.endswith("." + suffix):
            return label, name
    if host in MASTODON_HOSTS or parts.path.startswith("/@"):
        return "Mastodon", "mastodon"
    return "Website", "globe"


def text_para(text: str, *classes: str) -> nodes.paragraph:
    """A paragraph of plain (escaped) text."""
    return nodes.paragraph(text, text, classes=list(classes))


def badge(
    text: str, color: str = "secondary", *, outline: bool = True, extra: Sequence[str] = ()
) -> nodes.Element:
    """A sphinx-design badge."""
    return sd_badge(text, text, classes=[*create_bdg_classes(color, outline), *extra])


def change_badges(session: Session, changes: Sequence[ScheduleChange] | None) -> list[nodes.Node]:
    """Badges of a cancelled or changed session ("Cancelled", "Moved from 10:00, Room A").

    Text, so screen readers read them as they are shown; ``[]`` when nothing changed.
    """
    found = schedule_changes.badges(session, changes or ())
    out: list[nodes.Node] = []
    for kind, text in found:
        if out:
            out.append(nodes.Text(" "))
        out.append(
            nodes.inline(text, text, classes=["conference-change", f"conference-change-{kind}"])
        )
    return out


def change_line(
    session: Session, changes: Sequence[ScheduleChange] | None
) -> nodes.paragraph | None:
    """A paragraph of a session's change badges (None when nothing changed)."""
    found = change_badges(session, changes)
    if not found:
        return None
    para = nodes.paragraph(classes=["conference-changes"])
    para.extend(found)
    return para


def tag_ref(tag: str) -> addnodes.pending_xref:
    """A tag badge linking to the tag's page (resolved by the domain)."""
    ref = addnodes.pending_xref(
        "",
        refdomain="conference",
        reftype="tag",
        reftarget=tag_slug(tag),
        refexplicit=True,
        refwarn=False,
    )
    ref += badge(tag, "primary", outline=True, extra=["conference-tag"])
    return ref


def tag_badges(
    tags: Iterable[str],
    link: Callable[[str], str | None] | None = None,
    part: Callable[[Hashable, Callable[[], nodes.Element]], nodes.Element] | None = None,
) -> nodes.Element | None:
    """A row of tag badges, each linking to its tag page.

    At read time (``link`` is None) links are pending cross-references; at
    ``doctree-resolved`` ``link`` gives each tag's URI directly.  ``part`` (a
    :meth:`Linker.part`) makes each linked badge.
    """
    tags = list(tags)
    if not tags:
        return None
    para = nodes.paragraph(classes=["conference-tags"])
    para += nodes.inline("Tags: ", "Tags: ", classes=["sd-sr-only", "conference-visually-hidden"])
    for i, tag in enumerate(tags):
        if i:
            para += nodes.Text(" ")
        if link is None:
            para += tag_ref(tag)
            continue
        para += (
            part(("tag-badge", tag), partial(_tag_badge, tag, link))
            if part
            else _tag_badge(tag, link)
        )
    return para


def _tag_badge(tag: str, link: Callable[[str], str | None]) -> nodes.Element:
    uri = link(tag)
    bdg = badge(tag, "primary", outline=True, extra=["conference-tag"])
    if not uri:
        return bdg
    ref = nodes.reference("", "", internal=True, refuri=uri)
    ref += bdg
    return ref


class Linker:
    """URIs from one page to objects and generated pages, for nodes made at ``doctree-resolved``."""

    def __init__(self, builder: Builder, fromdocname: str) -> None:
        self.builder = builder
        self.fromdocname = fromdocname
        config = builder.config
        self.tags_dir = config.tags_output_dir if config.conference_tag_pages else ""

        self.domain = get_domain(builder.env)
        self._root_path: str | None = None

    @property
    def root_path(self) -> str:
        """The path from this page to the site root (``../../`` or empty)."""
        if self._root_path is None:
            base = self.builder.get_target_uri(self.fromdocname).split("#")[0]
            self._root_path = "../" * base.count("/")
        return self._root_path

    def doc(self, docname: str, anchor: str = "") -> str:
        """The relative URI of ``docname`` (and an anchor on it)."""
        if docname == self.fromdocname and anchor:
            return "#" + anchor
        uri = self.builder.get_relative_uri(self.fromdocname, docname)
        return f"{uri}#{anchor}" if anchor else uri

    def record(self, record: Person | Event | Session) -> str:
        """The URI of an object's block on its page."""
        return self.doc(record.docname, record.anchor)

    def tag(self, tag: str) -> str | None:
        """The URI of a tag's page, where tag pages are built."""
        if not self.tags_dir:
            return None
        return self.doc(f"{self.tags_dir}/{self.domain.tag_key(tag)}")

    def ref(self, text: str, uri: str, *classes: str) -> nodes.reference:
        """An internal link."""
        return nodes.reference(text, text, internal=True, refuri=uri, classes=list(classes))

    def part(self, key: Hashable, make: Callable[[], nodes.Element]) -> nodes.Element:
        """An inline piece of an item (a tag badge, a speaker's link, a fact): ``make()``.

        A linker that shares items' HTML across pages translates each piece once
        (:class:`~sphinx_conference.render.fragments.RootLinker`); ``key`` names
        everything the piece shows.
        """
        return make()


# -- people ---------------------------------------------------------------------------


def avatar(person: Person, photo_uri: str | None = None) -> nodes.Node:
    """A person's photo, or their initials where no photo is given."""
    if person.photo:
        img = nodes.image(
            uri=photo_uri or person.photo,
            alt=f"Photo of {person.name}",
            classes=["conference-avatar", "sd-rounded-circle"],
            loading="lazy",
        )
        img["candidates"] = {"*": person.photo}
        return img
    return cnodes.avatar(
        initials(person.name),
        initials(person.name),
        classes=["conference-avatar", "conference-avatar-initials"],
    )


def person_links(person: Person) -> nodes.Element | None:
    """A person's links as recognisable icons with accessible names."""
    if not person.links:
        return None
    para = nodes.paragraph(classes=["conference-links"])
    for i, url in enumerate(person.links):
        label, name = link_kind(url)
        if i:
            para += nodes.Text(" ")
        ref = nodes.reference(
            "", "", refuri=url, classes=["conference-link", f"conference-link-{name}"]
        )
        ref["reftitle"] = f"{label}: {url}"
        ref += icon(name, label=f"{label} of {person.name}", size="1.25em")
        para += ref
    return para


def person_card(
    person: Person,
    *,
    body: Sequence[nodes.Node] = (),
    link: Linker | None = None,
    compact: bool = False,
    with_id: bool = False,
    aliases: bool = False,
) -> nodes.container:
    """A speaker card: avatar, name, role and organisation, links, tags and bio.

    ``body`` is the parsed bio on the person's own page; elsewhere the card
    shows the bio's first sentences (``person.bio``) unless ``compact``.  With
    ``aliases`` (the person's own page) an "Also known as" line gives their aliases.
    """
    classes = [
        "sd-card",
        "sd-sphinx-override",
        "sd-mb-3",
        "sd-shadow-sm",
        "conference-card",
        "conference-speaker-card",
    ]
    if compact:
        classes.append("conference-card-compact")
    card = create_component("card", classes, ids=[person.anchor] if with_id else [])
    inner = create_component("card-body", ["sd-card-body"])
    card += inner

    head = nodes.container(classes=["conference-card-head"])
    head += avatar(person)
    heading = nodes.container(classes=["conference-card-heading"])
    name_para = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold", "conference-name"])
    if link is not None:
        name_para += link.ref(person.name, link.record(person))
    else:
        name_para += nodes.Text(person.name)
    heading += name_para
    role = " · ".join(x for x in (person.role, person.org) if x)
    if role:
        heading += text_para(role, "sd-card-text", "conference-role")
    if aliases and person.aliases:
        also = nodes.paragraph(classes=["sd-card-text", "conference-aliases"])
        also += nodes.inline("Also known as: ", "Also known as: ", classes=["conference-label"])
        also += nodes.Text(", ".join(person.aliases))
        heading += also
    head += heading
    inner += head

    if not compact or link is None:
        links = person_links(person)
        if links is not None:
            inner += links
    tags = tag_badges(person.tags, link.tag if link else None)
    if tags is not None and not compact:
        inner += tags
    if body:
        bio = nodes.container(classes=["conference-bio"])
        bio.extend(body)
        inner += bio
    elif person.bio and not compact:
        inner += text_para(person.bio, "sd-card-text", "conference-bio")
    return card


def card_grid(
    cards: Iterable[nodes.Node], columns: tuple[int, int, int] = (1, 2, 3)
) -> nodes.container:
    """A responsive sphinx-design grid: one column on phones, more on wider screens."""
    xs, sm, md = columns
    grid = create_component(
        "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "conference-grid"]
    )
    row = create_component(
        "grid-row",
        [
            "sd-row",
            f"sd-row-cols-{xs}",
            f"sd-row-cols-xs-{xs}",
            f"sd-row-cols-sm-{sm}",
            f"sd-row-cols-md-{md}",
            "sd-g-3",
        ],
    )
    grid += row
    for card in cards:
        col = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
        if not isinstance(card, cnodes.fragment):  # a shared fragment comes fitted
            fit_to_cell(card)
        col += card
        row += col
    return grid


def fit_to_cell(card: nodes.Element) -> nodes.Element:
    """Make a card fill its grid cell (the grid spaces the cells)."""
    classes = [c for c in card["classes"] if c not in ("sd-mb-3", "sd-w-100")]
    card["classes"] = [*classes, "sd-w-100"]
    return card


# -- time and place ---------------------------------------------------------------------


def format_date_range(start: dt.date | None, end: dt.date | None) -> str:
    """``7–8 February 2023``, ``28 February – 2 March 2023`` or one day."""
    if start is None:
        return ""
    if end is None or end == start:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def fact(
    icon_name: str, label: str, *content: nodes.Node, classes: Sequence[str] = ()
) -> nodes.inline:
    """One labelled fact (an icon, a hidden label for screen readers, the value)."""
    span = nodes.inline(classes=["conference-fact", *classes])
    span += icon(icon_name)
    span += nodes.inline(
        f"{label}: ", f"{label}: ", classes=["sd-sr-only", "conference-visually-hidden"]
    )
    if len(content) > 1:  # one flex item (times and the text between them flow as one line)
        span += nodes.inline("", "", *content)
    else:
        span.extend(content)
    return span


def facts_line(items: Iterable[nodes.Node | None]) -> nodes.paragraph | None:
    """A line of facts; ``None`` items (unknown facts) are left out."""
    present = [i for i in items if i is not None]
    if not present:
        return None
    para = nodes.paragraph(classes=["conference-facts"])
    for i, item in enumerate(present):
        if i:
            para += nodes.Text(" ")
        para += item
    return para


def event_facts(event: Event) -> nodes.paragraph | None:
    """Dates, place and website of an event."""
    place = ", ".join(x for x in (event.venue, event.city, event.country) if x)
    dates = date_range(event.start, event.end)
    web = None
    if event.url:
        ref = nodes.reference("Website", "Website", refuri=event.url)
        web = fact("globe", "Website", ref)
    return facts_line(
        [
            fact("calendar", "Dates", *dates) if dates else None,
            fact("location", "Venue", nodes.Text(place)) if place else None,
            web,
        ]
    )


def text_fact(icon_name: str, label: str, text: str) -> nodes.inline:
    """A fact whose value is plain text."""
    return fact(icon_name, label, nodes.Text(text))


def session_facts(
    session: Session, timezone: str = "", link: Linker | None = None
) -> nodes.paragraph | None:
    """Track, type, time and room of a session, where given.

    With ``link``, each fact that many sessions share (track, type, room, language)
    is a :meth:`~Linker.part`.
    """
    when = session_time(session, timezone)
    if not when:  # said where the time would be (and no agenda button is given)
        duration = f" ({session.duration} min)" if session.duration else ""
        when = [nodes.Text(f"{TBA}{duration}")]

    def shared(icon_name: str, label: str, text: str) -> nodes.Element:
        if link is None:
            return text_fact(icon_name, label, text)
        return link.part(
            ("fact", icon_name, label, text), partial(text_fact, icon_name, label, text)
        )

    return facts_line(
        [
            shared("stack", "Track", session.track) if session.track else None,
            shared("comment-discussion", "Type", session.type.capitalize())
            if session.type
            else None,
            fact("clock", "Time", *when),
            shared("location", "Room", session.room) if session.room else None,
            shared("globe", "Language", session.language) if session.language else None,
        ]
    )


def media_links(session: Session) -> nodes.paragraph | None:
    """Slides and video links of a session."""
    items: list[nodes.Node | None] = []
    for url, label, name in ((session.slides, "Slides", "file"), (session.video, "Video", "video")):
        if url:
            ref = nodes.reference(
                "",
                "",
                refuri=url,
                classes=["sd-btn", "sd-btn-outline-primary", "sd-btn-sm", "conference-media"],
            )
            ref += icon(name)
            ref += nodes.Text(f" {label}")
            items.append(ref)
    return facts_line(items)


def speaker_refs(
    ids: Sequence[str], people: dict[str, Person], link: Linker, *, as_role: bool = False
) -> list[nodes.Node]:
    """Speaker names, each linked to the speaker's card; an unknown id is shown unlinked.

    With ``as_role`` they look like the ``{speaker}`` role's links (a session's own
    block): the name in an ``xref`` span, the link titled with it.
    """
    out: list[nodes.Node] = []
    for i, sid in enumerate(ids):
        if i:
            out.append(nodes.Text(", " if i < len(ids) - 1 else " and "))
        person = people.get(sid)
        if as_role:
            out.append(link.part(("speaker-role", sid), partial(_speaker_role, sid, person, link)))
        elif person is not None:
            out.append(
                link.part(
                    ("speaker-ref", sid),
                    partial(link.ref, person.name, link.record(person), "conference-speaker"),
                )
            )
        else:
            out.append(nodes.inline(sid, sid, classes=["conference-missing"]))
    return out


def _speaker_role(sid: str, person: Person | None, link: Linker) -> nodes.Element:
    """A speaker's name as the ``{speaker}`` role shows it (linked if known)."""
    name = person.display_name if person is not None else sid
    ref: nodes.Element = nodes.inline(
        name, name, classes=["xref", "conference", "conference-xref-speaker"]
    )
    if person is not None:
        ref = nodes.reference("", "", ref, internal=True, refuri=link.record(person), reftitle=name)
    return ref


def post_meta(
    post: Post, people: dict[str, Person], link: Linker, *, reading_time: bool = True
) -> nodes.paragraph:
    """Date, authors and reading time of a post."""
    para = nodes.paragraph(classes=["conference-post-meta"])
    para += fact("calendar", "Published", date_node(post.date), classes=["conference-date"])
    if post.authors:
        para += nodes.Text(" ")
        names: list[nodes.Node] = []
        for a in post.authors:
            person = people.get(a)
            names.append(
                link.part(("author-ref", a), partial(link.ref, person.name, link.record(person)))
                if person
                else nodes.Text(a)
            )
        span = nodes.inline(classes=["conference-fact", "conference-authors"])
        span += icon("person")
        span += nodes.inline("By ", "By ", classes=["conference-by"])
        for i, n in enumerate(names):
            if i:
                span += nodes.Text(", " if i < len(names) - 1 else " and ")
            span += n
        para += span
    if reading_time:
        para += nodes.Text(" ")
        minutes = post.reading_time
        para += fact("clock", "Reading time", nodes.Text(f"{minutes} min read"))
    return para


#: A generated heading whose level is its position's: set when the page is resolved.
AUTO_LEVEL = "conference-auto-level"


def heading_level_at(node: nodes.Node) -> int:
    """The level of a heading placed where ``node`` is: one below its innermost section.

    The page title is a section at depth 1 (``<h1>``), so a list right under it starts at
    ``<h2>``, one under an ``<h2>`` section at ``<h3>``, and so on; outside any section
    (a page without a title) it is 2, since ``<h1>`` is the page's title.
    """
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return max(2, depth + 1)


def heading(
    text: str, level: int, ids: Sequence[str] = (), classes: Sequence[str] = ()
) -> nodes.rubric:
    """A heading inside a directive's output, at ``level`` (kept within ``<h2>``-``<h6>``)."""
    node = nodes.rubric(text, text, classes=["conference-heading", *classes], ids=list(ids))
    # Sphinx >= 8 reads "heading-level"; 7.4 reads "level" (neither writes the other out).
    node["heading-level"] = node["level"] = max(2, min(6, level))
    return node


def auto_heading(text: str, classes: Sequence[str] = ()) -> nodes.rubric:
    """A heading made by a directive, whose level follows where it ends up in the page.

    The directive cannot know its section depth reliably (MyST counts Markdown levels,
    not nesting, and content may be moved), so :func:`fix_heading_level` sets it when
    the page is resolved; 2 until then.
    """
    node = heading(text, 2, classes=classes)
    node[AUTO_LEVEL] = True
    return node


def fix_heading_level(node: nodes.rubric) -> None:
    """Give an :func:`auto_heading` the level of its position in the page's outline."""
    if node.get(AUTO_LEVEL):
        # Sphinx >= 8 reads "heading-level"; 7.4 reads "level".
        node["heading-level"] = node["level"] = min(6, heading_level_at(node))


def unique_heading_ids(used: set[str], made: Sequence[nodes.Node]) -> None:
    """Keep the ids of generated headings in ``made`` unique among ``used`` (then add them).

    A list's headings have fixed ids ("sessions", "year-2024"); an author's section of the
    same name, or two lists on one page, would repeat them. A repeated id gets a number.
    """
    for tree in made:
        if not isinstance(tree, nodes.Element):
            continue
        for node in tree.findall(nodes.rubric):
            new = []
            for i in node["ids"]:
                unique, n = i, 1
                while unique in used:
                    n += 1
                    unique = f"{i}-{n}"
                used.add(unique)
                new.append(unique)
            node["ids"] = new


def as_list(value: Any) -> list[Any]:
    """``value`` as a list."""
    return value if isinstance(value, list) else [value]
