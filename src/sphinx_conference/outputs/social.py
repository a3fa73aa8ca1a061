"""Social images: a 1200x630 PNG per post, event, session page and person page, for link previews.

Each page about one thing gets an ``og:image`` drawn with Pillow at build time: the
thing's title, what it belongs to, its date and its people, light text on a dark
ground (every text colour reads at 4.5:1 or better:
``tests/unit/test_social_drawing.py``).

Which image a page gets (its *subject*):

* a post: its own (the post's ``image:`` front matter, when given, is used instead);
* a page defining an event: the (first) event's; the sessions on an event page are
  anchors of that page, so they share its image;
* a page defining exactly one session and no event (a session on a page of its own):
  the session's;
* a page defining exactly one person: the person's.

A page whose front matter sets ``og:image`` keeps it.  The images are
``_social/<kind>/<id>.png`` in the output (never the source tree), made in the main
process with the calendars (:mod:`.exports`), and made again only when what they
show changes: their fingerprint (the drawn texts, :data:`DRAWING_VERSION` and the
font) lives in the :class:`~.cache.OutputCache`.  ``conference_social_images = False``
turns them off.

The ``og:image`` tags go through sphinxext-opengraph when it is loaded (the page's
``og:image``, ``og:image:alt``, ``og:image:width`` and ``og:image:height`` metadata,
set before it reads them); otherwise this module writes those four tags itself.  A
page that gets an image and carries a ``twitter:card`` of ``summary`` (as
``ogp_custom_meta_tags`` adds) has it raised to ``summary_large_image``.

Drawing: one 8-bit canvas whose values are text levels, from the ground (0) to white
(:data:`FULL`), and the accent (15), saved as a 16-colour palette PNG with zlib's
run-length strategy (about 15 KB).  The site's name and the accent bars are drawn once
per build and copied.  In a build of a generated N = 500 site an image took 3.4 ms of
CPU (side by side, an RGB canvas saved the default way took five times as long as the
palette one, and a stroked "bold" title line 2.5 times as long as a plain one).  Text is in Pillow's own FreeType font
(``ImageFont.load_default(size=...)``, Pillow 10.1 or newer), or the font file
``conference_social_font`` names.  A character the font lacks is replaced by its
unaccented letter (``é`` -> ``e``) or its ASCII look-alike (``–`` -> ``-``) where
it has one; any other (CJK, Cyrillic with the default font) is drawn as the font's
box.  Long titles are wrapped over three lines and cut with an ellipsis, other texts cut.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, ImageDraw, ImageFont

from sphinx_conference.domain.store import get_domain
from sphinx_conference.outputs.cache import PageJob, file_url, image_url, is_html, page_objects
from sphinx_conference.outputs.favicon import contrast
from sphinx_conference.outputs.ical import zone
from sphinx_conference.render.components import format_date_range

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_conference.core.model import Event, Person, Post, Session
    from sphinx_conference.domain.store import ConferenceDomain

SOCIAL_DIR = "_social"
WIDTH, HEIGHT = 1200, 630
#: Bumped whenever the drawing changes: every image is made again.
DRAWING_VERSION = 1

#: The ground, the colour text mixes towards (white) and the accent bar (decorative, no text).
GROUND = "#14213d"
INK = "#ffffff"
ACCENT = "#fca311"
#: Text levels: 0 is the ground, :data:`FULL` the ink; between, the mix of the two.  The
#: image is a 16-colour palette PNG (4 bits a pixel): levels 0-14 and the accent, 15.
FULL = 14
TITLE_LEVEL, LABEL_LEVEL, BODY_LEVEL, FOOTER_LEVEL = FULL, 13, 12, 10
_ACCENT_INDEX = 15

MARGIN = 72
TITLE_SIZES = (72, 62, 54)
TITLE_LINES = 3
LABEL_SIZE, BODY_SIZE, FOOTER_SIZE = 30, 34, 28

#: ASCII look-alikes of punctuation that fonts often lack.
_LOOKALIKES = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "•": "·",
        "→": "->",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
        "\u00a0": " ",
    }
)


@dataclass(frozen=True)
class Card:
    """What one image shows (its fingerprint, with the drawing's version and the font)."""

    kind: str  # "posts", "events", "sessions" or "people"
    id: str
    label: str
    title: str
    lines: tuple[str, ...] = ()
    footer: str = ""

    @property
    def path(self) -> str:
        """The image's path in the output."""
        return f"{SOCIAL_DIR}/{self.kind}/{self.id}.png"

    @property
    def alt(self) -> str:
        """The image's text alternative: everything it shows, in reading order."""
        return ". ".join(t for t in (self.label, self.title, *self.lines) if t)


# -- colours ------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def level_colour(level: int) -> str:
    """The ``#rrggbb`` colour of text level ``level`` (0: the ground, :data:`FULL`: the ink)."""
    ground, ink = _rgb(GROUND), _rgb(INK)
    mix = (round(g + (i - g) * level / FULL) for g, i in zip(ground, ink, strict=True))
    return "#" + "".join(f"{c:02x}" for c in mix)


def text_contrasts() -> dict[str, float]:
    """The WCAG contrast of each text colour against the ground."""
    levels = {
        "title": TITLE_LEVEL,
        "body": BODY_LEVEL,
        "label": LABEL_LEVEL,
        "footer": FOOTER_LEVEL,
    }
    return {name: contrast(level_colour(level), GROUND) for name, level in levels.items()}


@cache
def _palette() -> list[int]:
    palette: list[int] = []
    for level in range(FULL + 1):
        palette += _rgb(level_colour(level))
    return palette + list(_rgb(ACCENT))


# -- text ---------------------------------------------------------------------------------

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def font(size: int, path: str = "") -> Font:
    """The font at ``size`` pixels: the file ``path``, else Pillow's own."""
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


@cache
def _has_glyph(path: str, char: str) -> bool:
    face = font(24, path)
    missing = face.getmask("\uffff")
    mask = face.getmask(char)
    return not (mask.size == missing.size and bytes(mask) == bytes(missing))


def drawable(text: str, font_path: str = "") -> str:
    """``text`` with the characters the font lacks replaced where a look-alike exists."""
    out = []
    for char in " ".join(text.split()):
        if char == " " or _has_glyph(font_path, char):
            out.append(char)
            continue
        swap = char.translate(_LOOKALIKES)
        if swap == char:
            base = unicodedata.normalize("NFKD", char)
            base = "".join(c for c in base if not unicodedata.combining(c))
            swap = base or char
        if swap != char and all(_has_glyph(font_path, c) for c in swap):
            out.append(swap)
        else:
            out.append(char)  # drawn as the font's box
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def _width(face: Font, word: str) -> float:
    return face.getlength(word)


def _cut(text: str, face: Font, width: float) -> int:
    """The length of the longest start of ``text`` that fits in ``width`` (binary search)."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if face.getlength(text[:mid]) <= width:
            low = mid
        else:
            high = mid - 1
    return low


def _ellipsis(text: str, face: Font, width: int) -> str:
    """``text`` ended with an ellipsis, cut to ``width``."""
    room = width - face.getlength("…")
    if face.getlength(text) > room:
        text = text[: _cut(text, face, room)]
    return text.rstrip(" ,;:-–—") + "…"


def _fit(text: str, face: Font, width: int) -> str:
    """``text``, cut to ``width`` with an ellipsis where it is longer."""
    return text if face.getlength(text) <= width else _ellipsis(text, face, width)


def wrap(text: str, face: Font, width: int, max_lines: int) -> list[str]:
    """``text`` in lines of at most ``width`` pixels, at most ``max_lines``, the last cut.

    Lines are filled by the widths of their words (each measured once a build); each
    line kept is then measured whole, as kerning across words may widen it.
    """
    space = _width(face, " ")
    lines: list[str] = []
    words: list[str] = []
    used = 0.0
    for word in text.split():
        size = _width(face, word)
        wider = size if not words else used + space + size
        if wider <= width:
            words.append(word)
            used = wider
            continue
        if words:
            lines.append(" ".join(words))
        while size > width:  # a word longer than a line (CJK has no spaces)
            cut = max(1, _cut(word, face, width))
            lines.append(word[:cut])
            word = word[cut:]
            size = _width(face, word)
        words, used = ([word], size) if word else ([], 0.0)
    if words:
        lines.append(" ".join(words))
    if len(lines) > max_lines:
        return [
            *(_fit(line, face, width) for line in lines[: max_lines - 1]),
            _ellipsis(lines[max_lines - 1], face, width),
        ]
    return [_fit(line, face, width) for line in lines]


# -- drawing ------------------------------------------------------------------------------


FOOTER_Y = HEIGHT - MARGIN - FOOTER_SIZE + 8


@cache
def _base(footer: str, font_path: str) -> Image.Image:
    """What every image of a site shares: the accent bars and the site's name."""
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(canvas)
    pen.rectangle((0, 0, 15, HEIGHT - 1), fill=_ACCENT_INDEX)
    pen.rectangle((MARGIN, FOOTER_Y - 24, MARGIN + 96, FOOTER_Y - 20), fill=_ACCENT_INDEX)
    if footer:
        face = font(FOOTER_SIZE, font_path)
        text = _fit(drawable(footer, font_path), face, WIDTH - 2 * MARGIN)
        pen.text((MARGIN, FOOTER_Y), text, font=face, fill=FOOTER_LEVEL)
    return canvas


def _title(text: str, font_path: str, width: int) -> tuple[int, list[str]]:
    """The title's size and lines: the largest size that fits, else the smallest, cut."""
    for size in TITLE_SIZES:
        lines = wrap(text, font(size, font_path), width, TITLE_LINES)
        if not lines or not lines[-1].endswith("…"):
            break
    return size, lines


def draw(card: Card, font_path: str = "") -> bytes:
    """The PNG of ``card``: a 16-colour palette image (4 bits a pixel)."""
    canvas = _base(card.footer, font_path).copy()
    pen = ImageDraw.Draw(canvas)
    width = WIDTH - 2 * MARGIN
    y = MARGIN - 8
    if card.label:
        face = font(LABEL_SIZE, font_path)
        text = _fit(drawable(card.label, font_path), face, width)
        pen.text((MARGIN, y), text, font=face, fill=LABEL_LEVEL)
    y += LABEL_SIZE + 34
    size, lines = _title(drawable(card.title, font_path), font_path, width)
    face = font(size, font_path)
    for line in lines:
        # No stroke for a bolder title: it takes two and a half times as long to draw.
        pen.text((MARGIN, y), line, font=face, fill=TITLE_LEVEL)
        y += round(size * 1.2)
    y += 24
    face = font(BODY_SIZE, font_path)
    for text in card.lines:
        if y + BODY_SIZE > FOOTER_Y - 28:
            break
        pen.text(
            (MARGIN, y), _fit(drawable(text, font_path), face, width), font=face, fill=BODY_LEVEL
        )
        y += round(BODY_SIZE * 1.45)
    canvas.putpalette(_palette())
    out = io.BytesIO()
    # zlib's run-length strategy: the images are flat colour, so it makes the smallest
    # files (15 KB against 20 KB at the default level) in the least time (1.6 ms against 4).
    canvas.save(out, "PNG", bits=4, compress_type=3)
    return out.getvalue()


# -- what each page shows -----------------------------------------------------------------


def _names(domain: ConferenceDomain, ids: tuple[str, ...]) -> str:
    return ", ".join(domain.people[p].display_name if p in domain.people else p for p in ids)


def _place(event: Event | None, room: str = "") -> str:
    parts = [room] + ([event.venue, event.city, event.country] if event else [])
    return ", ".join(p for p in parts if p)


def post_card(app: Sphinx, post: Post) -> Card:
    """A post's image: its title, date and authors."""
    domain = get_domain(app.env)
    authors = _names(domain, post.authors)
    lines = (f"{post.date.day} {post.date:%B %Y}", f"By {authors}" if authors else "")
    return Card("posts", post.docname, "Post", post.title, tuple(t for t in lines if t))


def event_card(app: Sphinx, event: Event) -> Card:
    """An event's image: its name, dates, place, and how many sessions and speakers."""
    index = get_domain(app.env).index
    sessions = index.sessions_by_event.get(event.id, [])
    speakers = {p for s in sessions for p in s.speakers}
    counts = ", ".join(
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in ((len(sessions), "session"), (len(speakers), "speaker"))
        if n
    )
    lines = (format_date_range(event.start, event.end), _place(event), counts)
    return Card("events", event.id, "Event", event.display_name, tuple(t for t in lines if t))


def session_time(app: Sphinx, session: Session, event: Event | None) -> str:
    """``Tue 7 Feb 2023, 11:00–11:30 (Europe/London)``, or the event's days."""
    start = session.start
    if start is None:
        return format_date_range(event.start, event.end) if event else ""
    text = f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}"
    if session.end is not None:
        text += f"–{session.end:%H:%M}"
    name = zone(event, app.config.conference_default_timezone).key
    return f"{text} ({name})"


def session_card(app: Sphinx, session: Session) -> Card:
    """A session's image: its title, event, time, room and speakers."""
    domain = get_domain(app.env)
    event = domain.events.get(session.event)
    label = event.display_name if event else "Session"
    lines = (
        session_time(app, session, event),
        _place(None, session.room) if session.room else "",
        _names(domain, session.speakers),
    )
    return Card("sessions", session.id, label, session.display_name, tuple(t for t in lines if t))


def person_card(app: Sphinx, person: Person) -> Card:
    """A person's image: name, role and organisation, and the events they speak at."""
    domain = get_domain(app.env)
    index = domain.index
    sessions = index.sessions_by_speaker.get(person.id, [])
    events: list[str] = []
    for s in sessions:
        event = domain.events.get(s.event)
        name = event.display_name if event else s.event
        if name and name not in events:
            events.append(name)
    label = "Speaker" if sessions else "Author" if index.posts_by_author.get(person.id) else ""
    role = " at ".join(p for p in (person.role, person.org) if p)
    lines = (role, f"Sessions at {', '.join(events)}" if events else "")
    return Card("people", person.id, label, person.display_name, tuple(t for t in lines if t))


def page_card(app: Sphinx, docname: str) -> Card | None:
    """The image ``docname`` gets (None: none, the post's own ``image:`` or the page's ``og:image``)."""
    metadata = app.env.metadata.get(docname, {})
    if "og:image" in metadata or "ogp_disable" in metadata:
        return None
    domain = get_domain(app.env)
    post = domain.posts.get(docname)
    if post is not None:
        card = None if post.image else post_card(app, post)
    else:
        objects = page_objects(app, docname)
        if objects.events:
            card = event_card(app, objects.events[0])
        elif len(objects.sessions) == 1:
            card = session_card(app, objects.sessions[0])
        elif len(objects.people) == 1 and not objects.sessions:
            card = person_card(app, objects.people[0])
        else:
            return None
    if card is None:
        return None
    return Card(card.kind, card.id, card.label, card.title, card.lines, app.config.project or "")


# -- the build ----------------------------------------------------------------------------


def enabled(app: Sphinx) -> bool:
    """Whether this build draws social images."""
    return bool(app.config.conference_social_images) and is_html(app)


def font_path(app: Sphinx) -> str:
    """The font file ``conference_social_font`` names (absolute), or "" for Pillow's own."""
    name = app.config.conference_social_font
    return str(Path(app.confdir, name).resolve()) if name else ""


def _font_key(path: str) -> tuple[str, int, int]:
    if not path:
        return ("", 0, 0)
    try:
        stat = Path(path).stat()
    except OSError:
        return (path, 0, 0)
    return (path, stat.st_size, stat.st_mtime_ns)


def social_jobs(app: Sphinx) -> list[PageJob]:
    """Every page's image, with its page (see :class:`~.exports.RecordExports`)."""
    if not enabled(app):
        return []
    domain = get_domain(app.env)
    docnames = set(domain.posts) | set(domain.index.objects_by_doc)
    path = font_path(app)
    key = (DRAWING_VERSION, WIDTH, HEIGHT, _font_key(path))
    jobs: list[PageJob] = []
    for docname in sorted(docnames):
        card = page_card(app, docname)
        if card is not None:
            jobs.append((docname, card.path, (key, card), partial(draw, card, path)))
    return jobs


def _own_image(app: Sphinx, pagename: str) -> str:
    post = get_domain(app.env).posts.get(pagename)
    return (
        image_url(app, pagename, post.image, source_relative=True)
        if post is not None and post.image
        else ""
    )


def image_meta(app: Sphinx, pagename: str) -> dict[str, str]:
    """The ``og:image`` metadata of a page (empty: none)."""
    own = _own_image(app, pagename)
    if own:
        return {"og:image": own}
    if not enabled(app):
        return {}
    card = page_card(app, pagename)
    if card is None:
        return {}
    return {
        "og:image": file_url(app, card.path),
        "og:image:width": str(WIDTH),
        "og:image:height": str(HEIGHT),
        "og:image:alt": card.alt,
    }


_OG_IMAGE = re.compile(r"""<meta\s[^>]*property=["']og:image["']""")
_SUMMARY_CARD = re.compile(r"""(<meta\s+name=["']twitter:card["']\s+content=["'])summary(["'])""")


def add_image(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (before sphinxext-opengraph): the page's ``og:image``."""
    if not is_html(app) or doctree is None:
        return
    meta = context.get("meta") or {}
    if "og:image" in meta or "ogp_disable" in meta:
        return
    if _OG_IMAGE.search(context.get("metatags", "")):
        return  # the page's own html_meta gives one
    tags = image_meta(app, pagename)
    if not tags:
        return
    context["conference_social_image"] = True
    if "sphinxext.opengraph" in app.extensions:
        # A copy: the page's metadata in the environment stays as authored.
        context["meta"] = {**meta, **tags}
    else:
        context["metatags"] = context.get("metatags", "") + "".join(
            f'<meta property="{name}" content="{html.escape(value)}" />\n'
            for name, value in tags.items()
        )


def large_card(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (after sphinxext-opengraph): ``summary_large_image`` for an image."""
    if context.get("conference_social_image") and "metatags" in context:
        context["metatags"] = _SUMMARY_CARD.sub(r"\1summary_large_image\2", context["metatags"])
