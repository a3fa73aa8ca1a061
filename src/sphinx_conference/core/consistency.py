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

from sphinx_conference.core import names
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


# -- people across events: aliases and probable duplicates ------------------------------------

MERGE_HINT = "if they are one person, keep one page and give the other spelling in its :aliases:"


def alias_conflicts(people: Iterable[Person], where: Callable[[Person], str]) -> list[Finding]:
    """Aliases that name someone else: claimed by two people, or another person's name.

    Names and aliases are compared once folded (:func:`.names.fold`).  Of two people the
    one later in document order gets the warning, which names the other's file and line
    (``where``).  An alias equal to the person's own name is harmless and not reported.
    """
    ordered = sorted(people, key=sort_key)
    by_name: dict[str, Person] = {}
    for person in ordered:
        by_name.setdefault(names.fold(person.name), person)
    claimed: dict[str, Person] = {}
    out = []
    for person in ordered:
        own = names.fold(person.name)
        for alias in person.aliases:
            key = names.fold(alias)
            if not key or key == own:
                continue
            other = by_name.get(key)
            if other is not None and other.id != person.id:
                message = (
                    f"{alias!r} is the name of another person, {other.id!r} "
                    f"({where(other)}); an alias is another spelling of this person's own "
                    "name: remove it here, or merge the two pages"
                )
            else:
                first = claimed.setdefault(key, person)
                if first.id == person.id:
                    continue
                message = (
                    f"{alias!r} is also an alias of {first.id!r} ({where(first)}); an alias "
                    "must name one person: remove it from one of them, or merge the two pages"
                )
            out.append(
                Finding(
                    person.docname,
                    person.line_of("aliases"),
                    f"{{speaker}} {person.id!r} field 'aliases': {message}",
                    "alias",
                )
            )
    return out


def _keys(person: Person) -> tuple[str, set[str]]:
    return names.fold(person.name), {names.fold(a) for a in person.aliases} - {""}


def probable_duplicates(
    people: Iterable[Person],
    sessions: Iterable[Session],
    where: Callable[[Person], str],
    threshold: float = names.SIMILAR_NAMES,
) -> list[Finding]:
    """Two people who are probably one: ``check``'s advisory list (no build warning).

    A pair is listed when their names are equal once folded (:func:`.names.fold`), or
    very similar (:func:`.names.similar` at ``threshold``) while they share a co-speaker
    (someone who speaks in a session with each of them) and never speak together.  Pairs
    linked by an alias are left to :func:`alias_conflicts`.  The later person of the pair
    (document order) gets the finding, which names the other's file and line.
    """
    ordered = sorted(people, key=sort_key)
    rank = {p.id: n for n, p in enumerate(ordered)}
    by_id = {p.id: p for p in ordered}
    keys = {p.id: _keys(p) for p in ordered}
    pairs: dict[tuple[str, str], str] = {}  # (earlier id, later id) -> shared co-speaker
    by_fold: dict[str, list[Person]] = {}
    for person in ordered:
        by_fold.setdefault(keys[person.id][0], []).append(person)
    for same in by_fold.values():
        for n, later in enumerate(same):
            for earlier in same[:n]:
                pairs[(earlier.id, later.id)] = ""
    together: dict[str, set[str]] = {}
    for session in sessions:
        ids = [sid for sid in dict.fromkeys(session.speakers) if sid in by_id]
        for sid in ids:
            together.setdefault(sid, set()).update(x for x in ids if x != sid)
    compared: set[tuple[str, str]] = set()  # a pair with several co-speakers is compared once
    for hub in sorted(together, key=rank.__getitem__):
        around = sorted(together[hub], key=rank.__getitem__)
        for n, later_id in enumerate(around):
            similar = names.Similar(keys[later_id][0], threshold)
            for earlier_id in around[:n]:
                pair = (earlier_id, later_id)
                if pair in pairs or pair in compared or later_id in together.get(earlier_id, ()):
                    continue
                compared.add(pair)
                if similar.to(keys[earlier_id][0]):
                    pairs[pair] = hub
    out = []
    for (first_id, second_id), hub in sorted(
        pairs.items(), key=lambda kv: (rank[kv[0][1]], rank[kv[0][0]])
    ):
        first, second = by_id[first_id], by_id[second_id]
        (name1, aliases1), (name2, aliases2) = keys[first_id], keys[second_id]
        if name1 in aliases2 or name2 in aliases1 or aliases1 & aliases2:
            continue  # an alias links them: alias_conflicts() says it
        if hub:
            why = (
                f"has a name very similar to {first.name!r} ({first_id!r}, {where(first)}; "
                f"similarity {names.similarity(first.name, second.name):.2f}, threshold "
                f"{threshold:.2f}) and both speak with {hub!r}"
            )
        else:
            why = (
                f"has the same name as {first_id!r} ({where(first)}) once case, accents and "
                "spacing are ignored"
            )
        out.append(
            Finding(
                second.docname,
                second.lineno,
                f"probable duplicate: {{speaker}} {second_id!r} ({second.name}) {why}; "
                f"{MERGE_HINT}",
                "probable-duplicate",
            )
        )
    return out
