"""``python -m sphinx_conference new``: start a post, event, session or person in the right place.

=====================  ===================================================================
``new post TITLE``     ``posts/<year>/<slug>.md``: front matter and a title
``new event NAME``     ``events/<year>/<event-id>.md``: an ``{event}`` and its session list
``new session TITLE``  a ``{session}`` block appended to the page of its event (``--event``)
``new person NAME``    ``people/<id>.md``; ``--photo FILE`` stores a resized copy in
                       ``_static/people/<id>.jpg`` (or ``.webp``), EXIF removed
``new site DIR``       a whole new site in ``DIR`` (see :mod:`.newsite`)
=====================  ===================================================================

Sessions live on their event's page (each is an anchor there, and the event's
``{session-list}`` shows them), so ``new session`` appends to that page rather
than creating a file.  Nothing is ever overwritten: an existing file, photo or
id stops the command with a message.

What the contributor must still write is marked ``[TODO: ...]``; ``check``
reports each such placeholder at its line until it is replaced.  Explanations
are MyST comments (lines starting with ``%``), which never show on the site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx_conference.cli import newsite
from sphinx_conference.cli.check import Reader, find_root, load_config, source_files
from sphinx_conference.cli.pagetext import (
    ScaffoldError,
    event_text,
    option_lines,
    person_text,
    post_text,
    session_block,
)
from sphinx_conference.core import rules
from sphinx_conference.core import validation as v
from sphinx_conference.core.slugs import slugify

#: Photos are stored at most this many pixels wide and high.
PHOTO_SIZE = (400, 400)
PHOTO_QUALITY = 85


def _parsed(value: str | None, parse: Callable[[str], Any], option: str) -> Any:
    if value is None:
        return None
    try:
        return parse(value)
    except v.FieldError as err:
        raise ScaffoldError(f"--{option}: {err}") from None


def _field(
    spec: rules.Directive, name: str, value: str | None, option: str = "", **context: Any
) -> Any:
    """``value`` of command-line option ``--option`` read by field ``name`` of ``spec``."""
    parse = spec.field(name).parse
    assert parse is not None
    ctx = rules.Context(**context)
    return _parsed(value, lambda text: parse(text, ctx), option or name)


def _ids(value: str | None, option: str) -> list[str]:
    return [
        _parsed(x, lambda s: v.parse_slug(s, what=f"{option} id"), option)
        for x in v.split_list(value)
    ]


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{path} already exists; nothing was written (choose another --slug or --id, or edit the file)"
        ) from None


def _refuse_existing(*paths: Path) -> None:
    for path in paths:
        if path.exists():
            raise ScaffoldError(
                f"{path} already exists; nothing was written (choose another --slug or --id, or edit the file)"
            )


# -- post ----------------------------------------------------------------------------------


def new_post(root: Path, args: argparse.Namespace) -> list[Path]:
    """Write ``posts/<year>/<slug>.md``."""
    date = _parsed(args.date, v.parse_date, "date") or dt.date.today()
    slug = _parsed(args.slug, v.parse_slug, "slug") or slugify(args.title)
    if not slug:
        raise ScaffoldError("the title gives no slug; pass --slug, e.g. --slug my-first-post")
    text = post_text(
        title=args.title,
        date=date,
        authors=_ids(args.authors, "authors"),
        tags=v.split_list(args.tags),
        summary=args.summary or "[TODO: one sentence for lists, feeds and previews]",
        body="[TODO: the text of the post, in Markdown. Use ## headings for its sections.]",
    )
    path = root / "posts" / str(date.year) / f"{slug}.md"
    _write_new(path, text)
    return [path]


# -- event ---------------------------------------------------------------------------------


def new_event(root: Path, args: argparse.Namespace) -> list[Path]:
    """Write ``events/<year>/<event-id>.md``."""
    eid = _parsed(args.id, lambda s: v.parse_slug(s, what="event id"), "id") or slugify(args.name)
    if not eid:
        raise ScaffoldError("the name gives no id; pass --id, e.g. --id pycon-de-2025")
    start = _field(rules.EVENT, "start", args.start)
    end = _field(rules.EVENT, "end", args.end)
    if start and end and end < start:
        raise ScaffoldError(f"--end {end} lies before --start {start}")
    year = start.year if start else dt.date.today().year
    options = option_lines(
        rules.EVENT,
        [
            ("name", args.name),
            ("start", start.isoformat() if start else "[TODO: first day, YYYY-MM-DD]"),
            ("end", end.isoformat() if end else None),
            ("venue", args.venue),
            ("city", args.city),
            ("country", _field(rules.EVENT, "country", args.country)),
            ("url", _field(rules.EVENT, "url", args.url)),
            ("timezone", _field(rules.EVENT, "timezone", args.timezone)),
            ("tracks", v.split_list(args.tracks, ";")),
            ("tags", v.split_list(args.tags)),
            ("series", _field(rules.EVENT, "series", args.series)),
        ],
    )
    path = root / "events" / str(year) / f"{eid}.md"
    _refuse_existing(path, root / "events" / str(year) / eid / "index.md")
    text = event_text(
        eid=eid,
        name=args.name,
        options=options,
        description="[TODO: two or three sentences about the event: who it is for, what it covers.]",
    )
    _write_new(path, text)
    return [path]


# -- session -------------------------------------------------------------------------------


def _site_definitions(root: Path) -> tuple[dict[str, Path], set[str]]:
    """Pages of every event by id, and every session id of the site."""
    config = load_config(root)
    reader = Reader(root, config)
    events: dict[str, Path] = {}
    sessions: set[str] = set()
    for path in source_files(root, config.get("exclude_patterns", ())):
        for d in reader.read(path).directives:
            if d.name == "event":
                events.setdefault(d.argument, path)
            elif d.name == "session":
                sessions.add(d.argument)
    return events, sessions


def new_session(root: Path, args: argparse.Namespace) -> list[Path]:
    """Append a ``{session}`` block to the page of its event."""
    event = _field(rules.SESSION, "event", args.event)
    slug = _parsed(args.slug, v.parse_slug, "slug") or slugify(args.title)
    if not slug:
        raise ScaffoldError("the title gives no slug; pass --slug, e.g. --slug opening-keynote")
    sid = f"{event}/{slug}"
    events, sessions = _site_definitions(root)
    if event not in events:
        known = ", ".join(sorted(events)) or "none yet"
        raise ScaffoldError(
            f"--event: no {{event}} directive defines {event!r} (known: {known}); "
            f'create it with: python -m sphinx_conference new event "Name" --id {event}'
        )
    if sid in sessions:
        raise ScaffoldError(
            f"the session {sid!r} already exists; nothing was written (choose another --slug)"
        )
    config = load_config(root)
    types = config.get("conference_session_types") or []
    options = option_lines(
        rules.SESSION,
        [
            ("title", args.title),
            (
                "speakers",
                _ids(args.speakers, "speakers") or "[TODO: people ids, e.g. ada-lovelace]",
            ),
            ("track", args.track),
            ("type", _field(rules.SESSION, "type", args.type, session_types=tuple(types))),
            ("start", _field(rules.SESSION, "start", args.start) and args.start.strip()),
            (
                "duration",
                _field(rules.SESSION, "duration", args.duration) and args.duration.strip(),
            ),
            ("room", args.room),
            ("tags", v.split_list(args.tags)),
        ],
    )
    block = session_block(
        sid=sid,
        options=options,
        abstract="[TODO: the abstract, in Markdown: what the session is about, in a few sentences.]",
    )
    path = events[event]
    text = path.read_text("utf-8")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(("" if text.endswith("\n") else "\n") + block)
    return [path]


# -- person --------------------------------------------------------------------------------


def store_photo(source: Path, dest_base: Path, fmt: str) -> Path:
    """Save ``source`` resized to fit :data:`PHOTO_SIZE`, EXIF and other metadata removed."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(source) as opened:
            image = ImageOps.exif_transpose(opened)  # honour the camera's rotation, then drop EXIF
            image.load()
            icc = opened.info.get("icc_profile")
    except (OSError, UnidentifiedImageError) as err:
        raise ScaffoldError(f"--photo: cannot read {source} as an image ({err})") from None
    image.thumbnail(PHOTO_SIZE, Image.Resampling.LANCZOS)
    extra: dict[str, Any] = {"icc_profile": icc} if icc else {}
    if fmt == "webp":
        if image.mode not in {"RGB", "RGBA"}:
            image = image.convert(
                "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
            )
        dest = dest_base.with_suffix(".webp")
        _refuse_existing(dest)
        image.save(dest, "WEBP", quality=PHOTO_QUALITY, method=6, **extra)
        return dest
    if image.mode != "RGB":
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    dest = dest_base.with_suffix(".jpg")
    _refuse_existing(dest)
    image.save(dest, "JPEG", quality=PHOTO_QUALITY, optimize=True, progressive=True, **extra)
    return dest


def new_person(root: Path, args: argparse.Namespace) -> list[Path]:
    """Write ``people/<id>.md`` and, with ``--photo``, ``_static/people/<id>.<ext>``."""
    pid = _parsed(args.id, lambda s: v.parse_slug(s, what="person id"), "id") or slugify(args.name)
    if not pid:
        raise ScaffoldError("the name gives no id; pass --id, e.g. --id ada-lovelace")
    path = root / "people" / f"{pid}.md"
    ext = ".webp" if args.photo_format == "webp" else ".jpg"
    photo_base = root / "_static" / "people" / pid
    _refuse_existing(path, photo_base.with_suffix(ext))
    links = [_field(rules.SPEAKER, "links", x) for x in v.split_list(args.links)]
    written: list[Path] = []
    photo = ""
    if args.photo:
        photo_base.parent.mkdir(parents=True, exist_ok=True)
        stored = store_photo(Path(args.photo), photo_base, args.photo_format)
        written.append(stored)
        photo = f"../_static/people/{stored.name}"
    options = option_lines(
        rules.SPEAKER,
        [
            ("name", args.name),
            ("role", args.role),
            ("org", args.org),
            ("photo", photo),
            ("links", links),
            ("tags", v.split_list(args.tags)),
            ("aliases", v.split_list(args.aliases)),
        ],
    )
    text = person_text(
        pid=pid,
        name=args.name,
        options=options,
        bio="[TODO: a short bio in Markdown, two or three sentences in the third person.]",
    )
    _write_new(path, text)
    return [path, *written]


# -- command line --------------------------------------------------------------------------

KINDS: dict[str, tuple[Callable[[Path, argparse.Namespace], list[Path]], str]] = {
    "post": (new_post, "a post: posts/<year>/<slug>.md"),
    "event": (new_event, "an event: events/<year>/<event-id>.md"),
    "session": (new_session, "a session, appended to its event's page"),
    "person": (new_person, "a person (speaker or author): people/<id>.md"),
}


SITE_HELP = "a new site in an empty folder: conf.py, pages, a sample of each, build files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``new``: one sub-command per kind of page."""
    parser.add_argument(
        "--root", type=Path, default=None, help="the site's folder (default: found from here up)"
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    post = kinds.add_parser("post", help=KINDS["post"][1], description=KINDS["post"][1])
    post.add_argument("title", help="the post's title, e.g. 'My week at PyCon'")
    post.add_argument("--slug", help="the file name (default: from the title)")
    post.add_argument("--date", help="YYYY-MM-DD (default: today)")
    post.add_argument("--authors", help="people ids, comma-separated, e.g. 'grace-hopper'")
    post.add_argument("--tags", help="comma-separated, e.g. 'Community, Security'")
    post.add_argument("--summary", help="one sentence for lists, feeds and link previews")

    event = kinds.add_parser("event", help=KINDS["event"][1], description=KINDS["event"][1])
    event.add_argument("name", help="the event's name, e.g. 'PyCon DE 2025'")
    event.add_argument("--id", help="the event id (default: from the name)")
    for name, text in [
        ("start", "first day, YYYY-MM-DD"),
        ("end", "last day, YYYY-MM-DD"),
        ("venue", "the venue"),
        ("city", "the city"),
        ("country", "ISO country code, e.g. GB"),
        ("url", "the event's website"),
        ("timezone", "IANA name, e.g. Europe/London"),
        ("tracks", "separated by ';'"),
        ("tags", "separated by ','"),
        ("series", "the series id (named in conference_series), e.g. pycon"),
    ]:
        event.add_argument(f"--{name}", help=text)

    session = kinds.add_parser("session", help=KINDS["session"][1], description=KINDS["session"][1])
    session.add_argument("title", help="the session's title")
    session.add_argument("--event", required=True, help="the event id, e.g. 'pycon-2027'")
    session.add_argument(
        "--slug", help="the second half of the session id (default: from the title)"
    )
    for name, text in [
        ("speakers", "people ids, comma-separated"),
        ("track", "one of the event's tracks"),
        ("type", "talk, keynote, workshop, ..."),
        ("start", "YYYY-MM-DD HH:MM"),
        ("duration", "minutes"),
        ("room", "the room"),
        ("tags", "separated by ','"),
    ]:
        session.add_argument(f"--{name}", help=text)

    person = kinds.add_parser("person", help=KINDS["person"][1], description=KINDS["person"][1])
    person.add_argument("name", help="the person's name, e.g. 'Nicki Watt'")
    person.add_argument("--id", help="the person id (default: from the name)")
    for name, text in [
        ("role", "job title"),
        ("org", "organisation"),
        ("links", "URLs, comma-separated"),
        ("tags", "separated by ','"),
        ("aliases", "other spellings of the name, separated by ','"),
    ]:
        person.add_argument(f"--{name}", help=text)
    person.add_argument("--photo", help="an image file; stored resized (max 400x400), EXIF removed")
    person.add_argument(
        "--photo-format", choices=("jpeg", "webp"), default="jpeg", help="default: jpeg"
    )

    site = kinds.add_parser("site", help=SITE_HELP, description=SITE_HELP)
    newsite.add_arguments(site)


def run(args: argparse.Namespace) -> int:
    """Create the page (or the site); print what was written and what to do next."""
    if args.kind == "site":
        return newsite.run(args)
    root = Path(args.root) if args.root else find_root(Path.cwd())
    if root is None:
        print(
            "new: no conf.py found here or above; run it in the site's folder or pass --root",
            file=sys.stderr,
        )
        return 2
    make, _ = KINDS[args.kind]
    try:
        written = make(root.resolve(), args)
    except ScaffoldError as err:
        print(f"new {args.kind}: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    print(
        "next: replace each [TODO: ...], then run `python -m sphinx_conference check` "
        "and preview with `sphinx-autobuild . _build/html`",
        file=sys.stderr,
    )
    return 0
