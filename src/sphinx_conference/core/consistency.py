"""Rules over the records of the whole site: duplicate ids, references, tracks and tags.

These are pure functions over records (:mod:`.model`).  The build calls them
at ``env-check-consistency`` (and when it fills placeholders) with the
domain's records; ``check`` calls them with the records it makes from the
sources.  Each returns :class:`Finding` values: where, what and which subtype.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sphinx_conference.core.model import Event, PageTags, Person, Post, Session, tag_slug


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found across records: at ``line`` of ``docname``."""

    docname: str
    line: int
    message: str
    subtype: str


#: an example id of each object type, for messages
EXAMPLES = {
    "speaker": "ada-lovelace",
    "event": "pycon-2027",
    "session": "pycon-2027/opening-keynote",
}

DANGLING = {
    "speaker": "unknown speaker id %(target)r: no {speaker} directive defines it",
    "event": "unknown event id %(target)r: no {event} directive defines it",
    "session": "unknown session id %(target)r: no {session} directive defines it",
}


def example(typ: str) -> str:
    """An example id of object type ``typ``."""
    return EXAMPLES.get(typ, "id")


def dangling_message(typ: str, target: str) -> str:
    """The warning for a reference of type ``typ`` to ``target``, an id nothing defines."""
    msg = DANGLING.get(typ, "unknown id %(target)r") % {"target": target}
    return (
        f"{msg} (role {{{typ}}}; expected the id of a defined {typ}, e.g. "
        f"{{{typ}}}`{example(typ)}`)"
    )


def speaker_card_message(pid: str) -> str:
    """The warning for a ``{speaker-card}`` of a person nothing defines."""
    return (
        f"{{speaker-card}}: unknown speaker id {pid!r}; expected the id of a "
        "{speaker} directive, e.g. 'ada-lovelace'"
    )


def duplicate_message(objtype: str, ident: str, where: str) -> str:
    """The warning for a second definition of ``ident``; ``where`` is the first's file:line."""
    return (
        f"duplicate {objtype} id {ident!r}: already defined at {where}; "
        "ids must be unique across the site (rename one of them)"
    )


def sort_key(record: Any) -> tuple[str, int]:
    """The order that decides which of two definitions of one id wins: document, then line."""
    return (record.docname, record.lineno)


def duplicates(
    shadowed: Iterable[tuple[str, Person | Event | Session]],
    winner: Callable[[str, str], Person | Event | Session | None],
    where: Callable[[Person | Event | Session], str],
) -> list[Finding]:
    """Every definition that lost to another of the same id, with where the winner is."""
    out = []
    for objtype, record in sorted(shadowed, key=lambda t: sort_key(t[1])):
        first = winner(objtype, record.id)
        place = where(first) if first is not None else "another page"
        out.append(
            Finding(
                record.docname,
                record.lineno,
                duplicate_message(objtype, record.id, place),
                "duplicate",
            )
        )
    return out


def sessions(sessions: Iterable[Session], events: Mapping[str, Event]) -> list[Finding]:
    """Each session's event exists and has the session's track."""
    out = []
    for session in sorted(sessions, key=sort_key):
        event = events.get(session.event)
        if event is None:
            out.append(
                Finding(
                    session.docname,
                    session.line_of("event"),
                    f"{{session}} {session.id!r} field 'event': unknown event id "
                    f"{session.event!r}; expected the id of an {{event}} directive, "
                    "e.g. 'pycon-2027'",
                    "reference",
                )
            )
            continue
        if (
            session.track
            and event.tracks
            and tag_slug(session.track) not in {tag_slug(t) for t in event.tracks}
        ):
            out.append(
                Finding(
                    session.docname,
                    session.line_of("track"),
                    f"{{session}} {session.id!r} field 'track': {session.track!r} is not a "
                    f"track of {event.id!r}; expected one of: {'; '.join(event.tracks)}",
                    "track",
                )
            )
    return out


def session_speakers(session: Session, people: Mapping[str, Person]) -> list[Finding]:
    """The speakers of ``session`` that no ``{speaker}`` defines."""
    return [
        Finding(
            session.docname,
            session.line_of("speakers"),
            dangling_message("speaker", sid),
            "reference",
        )
        for sid in session.speakers
        if sid not in people
    ]


def authors(
    posts: Iterable[Post], people: Mapping[str, Person], line_of: Callable[[str, str], int]
) -> list[Finding]:
    """Every author of a post is a known person; ``line_of(docname, key)`` places the warning."""
    out = []
    for post in sorted(posts, key=lambda p: p.docname):
        for author in post.authors:
            if author not in people:
                out.append(
                    Finding(
                        post.docname,
                        line_of(post.docname, "authors"),
                        f"front matter 'authors': unknown person id {author!r}; expected the id "
                        "of a {speaker} directive in people/, e.g. 'grace-hopper'",
                        "reference",
                    )
                )
    return out


def tags(
    records: Iterable[Person | Event | Session],
    pages: Iterable[Post | PageTags],
    aliases: Mapping[str, str],
    names: Mapping[str, str],
    line_of: Callable[[str, str], int],
) -> list[Finding]:
    """With a strict vocabulary: every tag is one of ``names`` (or an alias of one)."""
    uses: list[tuple[str, int, str]] = []
    for record in records:
        uses.extend((record.docname, record.line_of("tags"), t) for t in record.tags)
    for page in pages:
        uses.extend((page.docname, line_of(page.docname, "tags"), t) for t in page.tags)
    known = ", ".join(sorted(names.values()))
    out = []
    for docname, line, tag in sorted(set(uses)):
        slug = aliases.get(tag_slug(tag), tag_slug(tag))
        if slug not in names:
            out.append(
                Finding(
                    docname,
                    line,
                    f"tag {tag!r} is not in the conference_tags vocabulary; expected one of: "
                    f"{known} (or add it to conference_tags in conf.py)",
                    "tag",
                )
            )
    return out
