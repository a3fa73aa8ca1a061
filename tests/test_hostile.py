"""Hostile and malformed input: the build survives, each input gets its warning, nothing injects.

The corpus is a table of (where, field, value, expected): ``expected`` is the
warning subtype (``conference.<subtype>``, or a full ``type.subtype`` for
warnings of other tools) or ``"escaped"`` for input that is valid but must be
shown as text.  Each case is written into its own page of a copy of the
``test-hostile`` root, whose index lists every session, speaker and post, so
every value is rendered both on its own page and in lists.  One build serves
every case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_root, warnings
from hostile import MARKER, injections, page_injections

P = MARKER  # every payload calls pwned(), so a leak is easy to spot

CASES: list[tuple[str, str, str, str]] = [
    # -- {speaker}
    ("speaker", "name", f"<script>{P}()</script>", "markup"),
    ("speaker", "name", f"<img src=x onerror={P}()>", "markup"),
    ("speaker", "name", f"[click](javascript:{P}())", "markup"),
    ("speaker", "name", f"{{raw}}`<b>{P}</b>`", "markup"),
    ("speaker", "name", f":raw-html:`<b>{P}</b>`", "markup"),
    ("speaker", "name", 'Tom & "Jerry" O\'Brien <3', "escaped"),
    ("speaker", "role", f"<svg onload={P}()>", "markup"),
    ("speaker", "org", f'"><script>{P}()</script>', "myst.directive_option"),
    ("speaker", "org", f'x"><script>{P}()</script>', "markup"),
    ("speaker", "links", f"javascript:{P}()", "url"),
    ("speaker", "links", f"JAVASCRIPT:{P}()", "url"),
    ("speaker", "links", "data:text/html;base64,PHNjcmlwdD5wd25lZCgpPC9zY3JpcHQ+", "url"),
    ("speaker", "links", f'https://ex.org/"onmouseover="{P}()', "url"),
    ("speaker", "links", f"vbscript:{P}", "url"),
    ("speaker", "links", "//evil.example/x", "url"),
    ("speaker", "photo", "../../../../etc/passwd.png", "photo"),
    ("speaker", "photo", "/etc/passwd", "photo"),
    ("speaker", "photo", f"javascript:{P}()", "photo"),
    ("speaker", "photo", "http://insecure.example/a.png", "photo"),
    ("speaker", "tags", f"<b onclick={P}()>x</b>", "markup"),
    ("speaker", "aliases", f"<script>{P}()</script>, A. N. Other", "markup"),
    ("speaker", "speaker", f"<script>{P}</script>", "id"),
    ("speaker", "onclick", f"{P}()", "myst.directive_option"),
    # -- {event}
    ("event", "name", f"<iframe src=javascript:{P}()>", "markup"),
    ("event", "url", f"javascript:{P}()", "url"),
    ("event", "venue", "<style>body{display:none}</style>", "markup"),
    ("event", "tracks", "<b>One</b>; Two", "markup"),
    ("event", "start", "2024-13-45", "date"),
    ("event", "end", "yesterday", "date"),
    ("event", "country", "<script>", "country"),
    ("event", "timezone", "../../etc/passwd", "timezone"),
    ("event", "series", f"<script>{P}()</script>", "id"),
    ("event", "series", "nowhere", "series"),  # not in conference_series: its page still builds
    # -- {session}
    ("session", "title", f"<script>{P}()</script>", "markup"),
    ("session", "speakers", f"<img src=x onerror={P}()>", "id"),
    ("session", "type", "<script>", "type"),
    ("session", "start", "2024-02-30 25:00", "datetime"),
    ("session", "duration", "-5", "duration"),
    ("session", "duration", "PT0M", "duration"),
    ("session", "slides", f"javascript:{P}()", "url"),
    ("session", "video", f"data:text/html,<script>{P}()</script>", "url"),
    ("session", "room", f"{{speaker}}`{P}`", "markup"),
    ("session", "track", "<em>One</em>", "markup"),
    ("session", "event", "../evil", "id"),
    ("session", "room", "Room <3 & > 2", "escaped"),
    # -- post front matter
    ("post", "summary", f"<script>{P}()</script>", "markup"),
    ("post", "tags", f"[<img src=x onerror={P}()>]", "markup"),
    ("post", "image", f"javascript:{P}()", "url"),
    ("post", "image", "../../../etc/passwd.png", "photo"),
    ("post", "date", "2024-02-30", "date"),
    ("post", "authors", "<script>", "id"),
    ("post", "draft", "maybe", "field"),
    ("post", "onload", f"{P}()", "field"),
    ("post", "title", f"Post <script>{P}()</script>", "html"),
    # -- list filters, cards and tags
    ("session-list", "layout", "<script>", "type"),
    ("session-list", "limit", "1; DROP TABLE", "field"),
    ("session-list", "speaker", f"javascript:{P}()", "id"),
    ("post-list", "author", f'"><script>{P}()</script>', "myst.directive_option"),
    ("post-list", "author", f'x"><script>{P}()</script>', "id"),
    ("speaker-list", "event", f"<svg onload={P}()>", "id"),
    ("speaker-card", "speaker-card", f"<script>{P}</script>", "id"),
    ("tags", "tags", f"<script>{P}()</script>", "markup"),
    # -- roles
    ("role", "speaker", f"<script>{P}()</script>", "reference"),
    ("role", "session", f'x/"><img src=x onerror={P}()>', "reference"),
    # -- site-wide rules: duplicate ids, unknown references, tracks
    ("page", "duplicate", (":::{speaker} twice\n:name: Once\n:::\n\n" * 2).strip(), "duplicate"),
    ("page", "speaker-card", ":::{speaker-card} nobody\n:::", "reference"),
    ("page", "event", ":::{session} nope/s\n:title: T\n:::", "reference"),
    ("page", "speakers", ":::{session} base/lost\n:title: T\n:speakers: nobody\n:::", "reference"),
    ("page", "track", ":::{session} base/off-track\n:title: T\n:track: Three\n:::", "track"),
    ("page", "role", "See {event}`nope` and {session}`base/nope`.", "reference"),
    ("post", "authors", "nobody", "reference"),
    # -- aliases that name someone else: another person's name, or another person's alias
    (
        "page",
        "aliases",
        ":::{speaker} alias-thief\n:name: Ada Byron\n:aliases: ADA  LOVELACE\n:::",
        "alias",
    ),
    (
        "page",
        "aliases",
        ":::{speaker} twin-a\n:name: Twin A\n:aliases: The Twins\n:::\n\n"
        ":::{speaker} twin-b\n:name: Twin B\n:aliases: the  twíns, Twin Bee\n:::",
        "alias",
    ),
    # -- {schedule-change}: the record a re-import writes, edited badly
    (
        "page",
        "date",
        ":::{schedule-change} base/off-track\n:date: 2024-13-01\n:change: moved\n:::",
        "date",
    ),
    (
        "page",
        "change",
        ":::{schedule-change} base/off-track\n:date: 2024-03-01\n:change: moved, exploded\n:::",
        "type",
    ),
    (
        "page",
        "was-title",
        ":::{schedule-change} base/off-track\n:date: 2024-03-01\n:change: retitled\n"
        f":was-title: <script>{P}()</script>\n:::",
        "markup",
    ),
    (
        "page",
        "session",
        ":::{schedule-change} base/gone\n:date: 2024-03-01\n:change: cancelled\n:::",
        "reference",
    ),
    # -- {event-list}
    ("page", "event-list", f":::{{event-list}}\n:when: <script>{P}()</script>\n:::", "type"),
    ("page", "event-list", ":::{event-list}\n:limit: 0\n:group-by: month\n:::", "field"),
    # -- malformed front matter: its YAML error, and no guessed problems
    ("front-matter", "yaml", "date: 2024-01-01\ntitle: a: b\nauthors: nobody", "field"),
    ("front-matter", "yaml", f"date: 2024-01-01\nsummary: [<script>{P}()</script>", "field"),
    ("front-matter", "yaml", "- date: 2024-01-01", "field"),
    ("front-matter", "yaml", "date: 2024-02-30", "date"),
    # -- raw HTML in a session's abstract and in an admonition
    (
        "page",
        "abstract",
        f":::{{session}} base/with-html\n:title: T\n\nSee <b onclick={P}()>this</b>.\n\n"
        f"<script>{P}()</script>\n:::",
        "html",
    ),
    ("page", "note", f":::{{note}}\nA note\nwith <i onmouseover={P}()>HTML</i>.\n:::", "html"),
    # -- raw HTML in a post
    ("post-body", "html", f'<a href="javascript:{P}()">x</a>', "html"),
    # -- raw HTML in a page's text
    ("body", "html", f"<script>{P}()</script>", "html"),
    ("body", "html", f"<img src=x onerror={P}()>", "html"),
    ("body", "html", f'<a href="javascript:{P}()">x</a>', "html"),
    ("body", "html", f'<iframe src="https://evil.example/{P}"></iframe>', "html"),
    ("body", "html", f'<div style="x" onmouseover="{P}()">hover</div>', "html"),
]


def case_page(n: int, where: str, field: str, value: str) -> tuple[str, str]:
    """(path, text) of the page holding case ``n``."""
    head = f"# Case {n}\n\n"
    if where == "speaker":
        arg = value if field == "speaker" else f"case-{n}"
        name = "" if field in {"name", "speaker"} else f":name: Person {n}\n"
        opt = "" if field == "speaker" else f":{field}: {value}\n"
        return f"cases/c{n}.md", f"{head}:::{{speaker}} {arg}\n{name}{opt}:::\n"
    if where == "event":
        start = "" if field == "start" else ":start: 2024-03-01\n"
        name = "" if field == "name" else f":name: Event {n}\n"
        return f"cases/c{n}.md", f"{head}:::{{event}} ev-{n}\n{name}{start}:{field}: {value}\n:::\n"
    if where == "session":
        title = "" if field == "title" else f":title: Session {n}\n"
        speakers = "" if field == "speakers" else ":speakers: ada\n"
        body = f":::{{session}} base/s-{n}\n{title}:{field}: {value}\n{speakers}:::\n"
        return f"cases/c{n}.md", head + body
    if where == "post":
        meta = {"date": "2024-01-01", "authors": "ada", "tags": "Safe"}
        if field != "title":
            meta[field] = value
        front = "".join(
            f"{k}: {v if v.startswith('[') else json.dumps(v)}\n" for k, v in meta.items()
        )
        title = value if field == "title" else f"Post {n}"
        return f"posts/c{n}.md", f"---\n{front}---\n# {title}\n\nSome text.\n"
    if where in {"session-list", "post-list", "speaker-list"}:
        return f"cases/c{n}.md", f"{head}:::{{{where}}}\n:{field}: {value}\n:::\n"
    if where == "speaker-card":
        return f"cases/c{n}.md", f"{head}:::{{speaker-card}} {value}\n:::\n"
    if where == "tags":
        return f"cases/c{n}.md", f"{head}:::{{tags}} {value}\n:::\n"
    if where == "role":
        return f"cases/c{n}.md", f"{head}See {{{field}}}`{value}` here.\n"
    if where == "page":
        return f"cases/c{n}.md", f"{head}{value}\n"
    if where == "front-matter":
        return f"posts/c{n}.md", f"---\n{value}\n---\n# Post {n}\n\nSome text.\n"
    if where == "post-body":
        front = "---\ndate: 2024-01-01\nauthors: ada\n---\n"
        return f"posts/c{n}.md", f"{front}# Post {n}\n\nInline {value} text.\n\n{value}\n"
    if where == "body":
        return f"cases/c{n}.md", f"{head}Inline {value} text.\n\n{value}\n"
    raise AssertionError(where)


def case_id(case: tuple[str, str, str, str]) -> str:
    where, field, _, expected = case
    return f"{CASES.index(case)}-{where}-{field}-{expected}"


@pytest.fixture(scope="module")
def corpus(module_tmp):
    src = module_tmp / "src"
    for n, (where, field, value, _) in enumerate(CASES):
        path, text = case_page(n, where, field, value)
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_text(text, "utf-8")
    app = build_root("hostile", src)
    yield app, warnings(app)
    app.cleanup()


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    kinds = {c[3] for c in CASES}
    assert {"markup", "url", "photo", "id", "html", "reference", "escaped"} <= kinds


def test_build_survives_without_traceback(corpus):
    app, log = corpus
    assert "Traceback" not in log and "Exception occurred" not in log
    assert (Path(app.outdir) / "index.html").is_file()


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_case_warns_and_injects_nothing(corpus, case):
    app, log = corpus
    n = CASES.index(case)
    where, field, value, expected = case
    path, _ = case_page(n, where, field, value)
    out = Path(app.outdir) / (path[: -len(".md")] + ".html")
    assert out.is_file(), f"page of case {n} was not written"
    stem = re.escape(Path(path).name)
    # MyST 4 (Sphinx 7.4) names the page of its own warnings "page.md.rst".
    mine = [
        line for line in log.splitlines() if re.search(rf"[/\\]{stem}(\.rst)?:\d+: WARNING: ", line)
    ]
    if expected == "escaped":
        assert not [w for w in mine if "[conference." in w], mine
        text = " ".join(BeautifulSoup(out.read_text("utf-8"), "lxml").get_text().split())
        assert value in text, f"{value!r} not shown as text"
    else:
        tag = expected if "." in expected else f"conference.{expected}"
        hits = [w for w in mine if w.endswith(f"[{tag}]")]
        assert hits, f"no [{tag}] warning with file and line for case {n}:\n" + "\n".join(mine)
        fields = {
            "speaker",
            "event",
            "session",
            "post",
            "session-list",
            "post-list",
            "speaker-list",
        }
        if where in fields and expected != "html" and "." not in expected:
            assert any(f"'{field}'" in w or f"{field}:" in w for w in hits), hits
    assert page_injections(out) == [], f"case {n} injected into its page"


def test_lists_showing_every_object_inject_nothing(corpus):
    app, _ = corpus
    pages = sorted(Path(app.outdir).rglob("*.html"))
    assert len(pages) > len(CASES)
    leaks = {str(p.relative_to(app.outdir)): page_injections(p) for p in pages}
    assert {k: v for k, v in leaks.items() if v} == {}


def test_escaped_values_keep_their_text_in_lists(corpus):
    app, _ = corpus
    index = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "lxml")
    text = index.get_text()
    assert 'Tom & "Jerry" O\'Brien <3' in text
    assert f"<script>{P}()</script>" in text  # a hostile title is shown, as text


def _outputs(outdir: Path, *patterns: str) -> list[Path]:
    return sorted(p for pat in patterns for p in outdir.rglob(pat))


def test_feeds_inject_nothing(corpus):
    """Atom/RSS feeds (issue 4): they parse, and HTML content in them injects nothing."""
    from lxml import etree

    app, _ = corpus
    feeds = _outputs(Path(app.outdir) / "_feeds", "*.xml", "*.atom", "*.rss")
    if not feeds:
        pytest.skip("no feeds are built yet (issue 4)")
    for feed in feeds:
        tree = etree.parse(str(feed))
        html_elements = 0
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            local = etree.QName(el).localname
            # HTML that a feed reader renders: Atom text constructs of type "html", RSS
            # descriptions and content:encoded; Atom's default type "text" is shown as text.
            is_html = el.get("type") == "html" or local in {"description", "encoded"}
            if is_html and el.text:
                html_elements += 1
                assert injections(el.text) == [], (feed, local)
            assert local.lower() not in {"script", "iframe", "object", "embed"}, feed
            assert not any(a.lower().startswith("on") for a in el.attrib), feed
            for attr in ("href", "src", "url"):
                assert (
                    not (el.get(attr) or "").strip().lower().startswith(("javascript:", "data:"))
                ), feed
        assert html_elements, f"{feed} has no HTML content to check"


def test_calendars_inject_nothing(corpus):
    """Calendars (issue 4): they parse, and no payload turns into markup or a script URL."""
    app, _ = corpus
    calendars = _outputs(Path(app.outdir), "*.ics")
    if not calendars:
        pytest.skip("no calendars are built yet (issue 4)")
    icalendar = pytest.importorskip("icalendar")
    for cal in calendars:
        parsed = icalendar.Calendar.from_ical(cal.read_bytes())
        for component in parsed.walk():
            for key in ("URL", "X-ALT-DESC"):
                value = str(component.get(key, ""))
                assert not value.lower().startswith(("javascript:", "data:")), cal
                if key == "X-ALT-DESC":
                    assert injections(value) == [], cal


def test_json_ld_parses(corpus):
    """JSON-LD (issue 4): every block parses, so no value broke out of its script."""
    app, _ = corpus
    blocks = []
    for page in Path(app.outdir).rglob("*.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
        blocks += soup.find_all("script", type="application/ld+json")
    if not blocks:
        pytest.skip("no JSON-LD is built yet (issue 4)")
    for block in blocks:
        json.loads(block.string)


def test_open_data_validates_and_holds_text(corpus):
    """The site's data and the frab XML schedules of the corpus: valid, values as text."""
    from lxml import etree

    from test_opendata import XSD, validate_data, validate_xml

    app, _ = corpus
    doc = validate_data(app)
    names = {p["name"] for p in doc["people"]}
    assert 'Tom & "Jerry" O\'Brien <3' in names
    rooms = {s["room"] for e in doc["events"] for s in e["sessions"]}
    assert "Room <3 & > 2" in rooms
    schedules = sorted((Path(app.outdir) / "_schedule").glob("*.xml"))
    assert schedules
    for path in schedules:
        tree = etree.parse(str(path))
        assert not [el for el in tree.iter() if el.tag in {"script", "img", "iframe", "svg"}]
        if XSD.exists():  # else: well-formed is all that can be checked here
            validate_xml(path)
