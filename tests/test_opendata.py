"""Open data: the site's data (``_data/conference.json``) against its JSON Schema, and each
event's frab XML schedule (``_schedule/<event-id>.xml``) against the c3voc XML Schema.

The JSON is validated with ``jsonschema`` (draft 2020-12, formats checked), the schema itself
against the metaschema; the XML is parsed with lxml and, where ``../shared`` holds the c3voc
XSD, validated against it.  Untrusted text comes out as text in both; both are written again
only when what they say changed, agree between serial and ``-j 2`` builds, and go away when
switched off.
"""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from lxml import etree

from conftest import REPO, ROOTS, SHARED, build_root, html, warnings

BASE = "https://conf.example.org/"
EPOCH = "1717200000"  # 2024-06-01
XSD = SHARED / "fixtures" / "schedules" / "schedule.xml.xsd"
PACKAGE_SCHEMA = REPO / "src" / "sphinx_conference" / "data" / "conference.schema.json"


@pytest.fixture(scope="module")
def basic(module_tmp):
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app = build_root("basic", module_tmp / "basic", confoverrides={"html_baseurl": BASE})
    yield app
    app.cleanup()
    mp.undo()


def out(app) -> Path:
    """The output folder of a build (an app, or the folder itself)."""
    return app if isinstance(app, Path) else Path(app.outdir)


def data(app) -> dict:
    return json.loads((out(app) / "_data" / "conference.json").read_text("utf-8"))


def validate_data(app) -> dict:
    """The site's data, validated against the schema the build wrote beside it."""
    schema = json.loads((out(app) / "_data" / "conference.schema.json").read_text("utf-8"))
    doc = data(app)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    return doc


def xsd() -> etree.XMLSchema:
    if not XSD.exists():
        pytest.skip(f"c3voc schedule XSD not found at {XSD} (shared fixtures absent)")
    return etree.XMLSchema(etree.parse(str(XSD)))


def validate_xml(path: Path) -> etree._ElementTree:
    schema = xsd()
    tree = etree.parse(str(path))
    assert schema.validate(tree), f"{path}: {schema.error_log}"
    return tree


# -- the JSON and its schema ------------------------------------------------------------


def test_schema_is_valid_json_schema_2020_12():
    schema = json.loads(PACKAGE_SCHEMA.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    # Every object says which keys it has, and has them all: a field added to the data
    # without its schema (and its docs) fails validation.
    objects = [schema, *schema["$defs"].values()]
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert set(obj["required"]) == set(obj["properties"])


def test_build_writes_the_data_and_its_schema(basic):
    assert "conference" not in warnings(basic)
    written = (out(basic) / "_data" / "conference.schema.json").read_text("utf-8")
    assert written == PACKAGE_SCHEMA.read_text("utf-8")
    doc = validate_data(basic)
    assert doc["$schema"] == BASE + "_data/conference.schema.json"
    assert doc["generator"]["name"] == "sphinx-conference"
    assert doc["license"] is None  # no conference_data_license: no licence claimed
    assert doc["site"]["url"] == BASE


def test_data_holds_every_record_with_stable_ids(basic):
    doc = data(basic)
    (event,) = doc["events"]
    assert event["id"] == "pycon-2024" and event["name"] == "PyCon 2024"
    assert (event["start"], event["end"], event["timezone"]) == (
        "2024-05-15",
        "2024-05-17",
        "America/New_York",
    )
    assert event["tracks"] == ["Core", "Data"]
    assert event["website"] == "https://example.org/pycon"
    assert event["schedule"] == {
        "json": BASE + "_schedule/pycon-2024.json",
        "xml": BASE + "_schedule/pycon-2024.xml",
    }
    sessions = {s["id"]: s for s in event["sessions"]}
    assert list(sessions) == ["pycon-2024/engines", "pycon-2024/compilers", "pycon-2024/lightning"]
    keynote = sessions["pycon-2024/engines"]
    assert keynote["start"] == "2024-05-15T09:00:00-04:00"  # with the event's offset
    assert keynote["end"] == "2024-05-15T09:45:00-04:00"
    assert keynote["duration"] == 45 and keynote["room"] == "Hall A"
    assert keynote["speakers"] == ["ada-lovelace", "grace-hopper"]
    assert keynote["abstract"] == "About engines."
    untimed = sessions["pycon-2024/lightning"]
    assert (untimed["start"], untimed["end"], untimed["room"]) == (None, None, None)
    people = {p["id"]: p for p in doc["people"]}
    assert list(people) == ["ada-lovelace", "grace-hopper"]
    ada = people["ada-lovelace"]
    assert ada["sessions"] == ["pycon-2024/engines"]
    assert ada["posts"] == ["posts/2024/first"]
    assert ada["photo"].startswith(BASE + "_images/")
    assert (out(basic) / urlsplit(ada["photo"]).path.lstrip("/")).is_file()
    assert people["grace-hopper"]["sessions"] == ["pycon-2024/engines", "pycon-2024/compilers"]
    # Published posts only, newest first: no draft, no future post.
    assert [p["id"] for p in doc["posts"]] == ["posts/2024/second", "posts/2024/first"]
    first = doc["posts"][1]
    assert first["date"] == "2024-05-20" and first["authors"] == ["ada-lovelace", "grace-hopper"]
    assert doc["series"] == [] and doc["other_sessions"] == []


def test_urls_are_absolute_and_paths_lead_to_the_same_place(basic):
    doc = data(basic)
    records = [
        *doc["events"],
        *(s for e in doc["events"] for s in e["sessions"]),
        *doc["people"],
        *doc["posts"],
    ]
    for record in records:
        assert record["url"] == BASE + record["path"], record["id"]
        page, _, anchor = record["path"].partition("#")
        assert (out(basic) / page).is_file(), record["path"]
        if anchor:
            assert html(basic, page.removesuffix(".html")).find(id=anchor), record["path"]
    for event in doc["events"]:
        for url in (event["calendar"], *event["schedule"].values()):
            assert (out(basic) / url.removeprefix(BASE)).is_file(), url


def test_home_page_links_to_the_data(basic):
    link = html(basic, "index").find("link", type="application/json")
    assert link is not None and link["href"] == "_data/conference.json"
    assert html(basic, "events/pycon").find("link", href="../_data/conference.json") is None


def test_licence_comes_from_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    app = build_root(
        "basic",
        tmp_path / "src",
        confoverrides={"html_baseurl": BASE, "conference_data_license": "CC-BY-4.0"},
    )
    app.cleanup()
    assert validate_data(app)["license"] == "CC-BY-4.0"


def test_series_come_from_the_setting_and_the_events():
    """``conference_series`` (read only when defined) names the series; events list their members."""
    from types import SimpleNamespace

    from sphinx_conference.core.model import Event
    from sphinx_conference.outputs.opendata import series_data

    def event(eid: str, series: str) -> Event:
        return Event(id=eid, docname=eid, lineno=1, name=eid, series=series)

    events = [event("foo-2025", "foo"), event("bar-2024", "bar"), event("foo-2024", "foo")]
    config = SimpleNamespace(
        conference_series={
            "foo": {"name": "Foo Conf", "description": "The <b>Foo</b> one."},
            "baz": "Baz Days",
        }
    )
    config.conference_site_url, config.html_baseurl = BASE, ""
    builder = SimpleNamespace(get_target_uri=lambda docname: f"{docname}.html")
    app = SimpleNamespace(config=config, builder=builder)

    def page(key: str) -> dict:
        return {"url": f"{BASE}series/{key}.html", "path": f"series/{key}.html"}

    assert series_data(app, events) == [
        {"id": "bar", "name": "bar", **page("bar"), "description": None, "events": ["bar-2024"]},
        {"id": "baz", "name": "Baz Days", **page("baz"), "description": None, "events": []},
        {
            "id": "foo",
            "name": "Foo Conf",
            **page("foo"),
            "description": "The <b>Foo</b> one.",
            "events": ["foo-2025", "foo-2024"],
        },
    ]
    # Of the wrong shape: no series is defined, but the events' own series are still listed.
    config.conference_series = [1]
    assert [s["id"] for s in series_data(app, events)] == ["bar", "foo"]


# -- the frab XML ------------------------------------------------------------------------


def test_xml_schedule_is_well_formed_with_the_sessions_of_its_json(basic):
    """Always runs (no XSD needed): the XML parses and says what the JSON says."""
    tree = etree.parse(str(out(basic) / "_schedule" / "pycon-2024.xml"))
    root = tree.getroot()
    assert root.tag == "schedule"
    assert root.findtext("version") == "2024-06-01"
    assert root.findtext("url") == BASE + "_schedule/pycon-2024.xml"
    assert root.findtext("conference/acronym") == "pycon_2024"
    assert root.findtext("conference/title") == "PyCon 2024"
    assert root.findtext("conference/time_zone_name") == "America/New_York"
    assert [t.get("name") for t in root.findall("conference/track")] == ["Core", "Data"]
    assert [d.get("date") for d in root.findall("day")] == [
        "2024-05-15",
        "2024-05-16",
        "2024-05-17",
    ]
    doc = json.loads((out(basic) / "_schedule" / "pycon-2024.json").read_text("utf-8"))
    from_json = {
        e["guid"]: (
            e["id"],
            e["date"],
            e["duration"],
            room,
            e["title"],
            [p["name"] for p in e["persons"]],
        )
        for day in doc["schedule"]["conference"]["days"]
        for room, events in day["rooms"].items()
        for e in events
    }
    from_xml = {
        e.get("guid"): (
            int(e.get("id")),
            e.findtext("date"),
            e.findtext("duration"),
            e.findtext("room"),
            e.findtext("title"),
            [p.text for p in e.findall("persons/person")],
        )
        for e in root.iter("event")
    }
    assert from_xml == from_json and len(from_xml) == 2
    engines = next(e for e in root.iter("event") if e.findtext("title") == "Engines of Thought")
    assert engines.findtext("date") == "2024-05-15T09:00:00-04:00"
    assert engines.findtext("start") == "09:00" and engines.findtext("type") == "keynote"
    assert {link.get("type") for link in engines.findall("links/link")} == {"slides", "media"}


def test_xml_schedule_validates_against_the_c3voc_xsd(basic):
    validate_xml(out(basic) / "_schedule" / "pycon-2024.xml")


def test_xml_schedules_of_a_larger_programme_validate(tmp_path):
    app = build_root("schedule", tmp_path / "schedule", confoverrides={"html_baseurl": BASE})
    app.cleanup()
    paths = sorted((out(app) / "_schedule").glob("*.xml"))
    assert paths
    for path in paths:
        tree = validate_xml(path)
        assert len(list(tree.iter("event"))) >= 7
    validate_data(app)


def test_event_page_links_to_its_xml_schedule(basic):
    soup = html(basic, "events/pycon")
    link = soup.find("link", type="application/xml")
    assert link is not None and "frab XML" in link["title"]
    assert (out(basic) / "events" / link["href"]).resolve() == (
        out(basic) / "_schedule" / "pycon-2024.xml"
    ).resolve()


def test_xml_drops_what_xml_cannot_carry():
    from sphinx_conference.outputs.frab import xml_text

    assert xml_text("a\x00b\x0bc\ud800d\ufffee") == "abcde"
    assert xml_text("tab\tnl\n é 😀") == "tab\tnl\n é 😀"
    assert xml_text(None) == ""


# -- untrusted text ----------------------------------------------------------------------

HOSTILE_SESSION = """
:::{session} pycon-2024/hostile
:title: Tom & "Jerry" <3 </title><script>pwned()</script>
:speakers: mallory
:start: 2024-05-17 10:00
:duration: 30
:room: Room <3 & > 2
:slides: mailto:tom@example.org

Raw <b onclick="pwned()">bold</b> and <script>pwned()</script> text.
:::
"""
HOSTILE_PERSON = """# Mallory

:::{speaker} mallory
:name: Mallory ]]> <!-- & "x" </name>
:org: <i>Evil</i> Corp

A bio with <img src=x onerror=pwned()> in it.
:::
"""


@pytest.fixture(scope="module")
def hostile(module_tmp):
    src = module_tmp / "hostile"
    shutil.copytree(ROOTS / "test-basic", src)
    with (src / "events" / "pycon.md").open("a", encoding="utf-8") as page:
        page.write(HOSTILE_SESSION)
    (src / "people" / "mallory.md").write_text(HOSTILE_PERSON, "utf-8")
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "html",
        srcdir=src,
        status=StringIO(),
        warning=StringIO(),
        confoverrides={"html_baseurl": BASE},
    )
    app.build()
    yield app
    app.cleanup()


def test_untrusted_text_comes_out_as_text_in_the_json(hostile):
    doc = validate_data(hostile)
    session = next(s for s in doc["events"][0]["sessions"] if s["id"] == "pycon-2024/hostile")
    assert session["title"] == 'Tom & "Jerry" <3 </title><script>pwned()</script>'
    assert session["room"] == "Room <3 & > 2"
    assert session["slides"] == "mailto:tom@example.org"  # an http(s) or mailto URL
    # Raw HTML is markup, not text: the plain-text abstract leaves it out.
    assert session["abstract"].startswith("Raw bold and ") and "<" not in session["abstract"]
    mallory = next(p for p in doc["people"] if p["id"] == "mallory")
    assert mallory["name"] == 'Mallory ]]> <!-- & "x" </name>'
    assert mallory["org"] == "<i>Evil</i> Corp"  # text, shown as typed
    assert "<img" not in (mallory["bio"] or "")


def test_untrusted_text_comes_out_as_text_in_the_xml(hostile):
    path = out(hostile) / "_schedule" / "pycon-2024.xml"
    tree = etree.parse(str(path))
    # No element, comment or CDATA came from the text: only the schedule's own elements.
    tags = {el.tag for el in tree.iter()}
    assert tags <= {
        "schedule", "generator", "url", "version", "conference", "acronym", "title", "start",
        "end", "days", "timeslot_duration", "base_url", "time_zone_name", "track", "day",
        "room", "event", "date", "duration", "subtitle", "type", "abstract", "description",
        "slug", "persons", "person", "links", "link",
    }  # fmt: skip
    event = next(e for e in tree.iter("event") if "Jerry" in e.findtext("title"))
    assert event.findtext("title") == 'Tom & "Jerry" <3 </title><script>pwned()</script>'
    assert event.findtext("room") == "Room <3 & > 2"
    assert [p.text for p in event.findall("persons/person")] == ['Mallory ]]> <!-- & "x" </name>']
    raw = path.read_bytes()
    assert b"<script" not in raw and b"<!--" not in raw
    validate_xml(path)


# -- written when changed, by the output machinery ---------------------------------------


def _build(src: Path, **overrides):
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "html",
        srcdir=src,
        status=StringIO(),
        warning=StringIO(),
        confoverrides={"html_baseurl": BASE, **overrides},
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_rewritten_only_when_their_data_change(tmp_path, monkeypatch):
    from sphinx_conference.outputs import cache

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    written: list[str] = []
    write_text = cache.write_text
    monkeypatch.setattr(
        "sphinx_conference.outputs.exports.write_text",
        lambda outdir, path, text: written.append(path) or write_text(outdir, path, text),
    )
    mine = {"_data/conference.json", "_data/conference.schema.json", "_schedule/pycon-2024.xml"}
    app = _build(src)
    assert mine <= set(written)
    # Nothing changed: nothing written again (the files stay).
    written.clear()
    _build(src)
    assert not mine & set(written)
    assert all((out(app) / p).is_file() for p in mine)
    # A post's title: the data, not the schedule.
    written.clear()
    post = src / "posts" / "2024" / "second.md"
    post.write_text(post.read_text("utf-8").replace("# Second post", "# Second post, again"))
    _build(src)
    assert mine & set(written) == {"_data/conference.json"}
    assert data(app)["posts"][0]["title"] == "Second post, again"
    # The photo of a person whose page was not written again keeps its URL.
    ada = next(p for p in data(app)["people"] if p["id"] == "ada-lovelace")
    assert ada["photo"] == BASE + "_images/ada.png"
    # A session's room: the data and the schedule, with the new value.
    written.clear()
    event = src / "events" / "pycon.md"
    event.write_text(event.read_text("utf-8").replace(":room: Hall A", ":room: Hall B"))
    _build(src)
    assert mine & set(written) == {"_data/conference.json", "_schedule/pycon-2024.xml"}
    xml = etree.parse(str(out(app) / "_schedule" / "pycon-2024.xml"))
    assert [r.get("name") for r in xml.findall("day/room")] == ["Hall B", "Room 2"]
    assert data(app)["events"][0]["sessions"][0]["room"] == "Hall B"
    # A setting the data shows (a changed configuration rewrites every output).
    written.clear()
    _build(src, conference_data_license="CC0-1.0")
    assert "_data/conference.json" in written
    assert data(app)["license"] == "CC0-1.0"
    # Switched off: the files go, and the event page no longer names the XML.
    _build(src, conference_open_data=False, conference_schedules_xml=False)
    assert not any((out(app) / p).exists() for p in mine)
    assert (out(app) / "_schedule" / "pycon-2024.json").is_file()
    assert html(app, "events/pycon").find("link", type="application/xml") is None


def test_parallel_build_writes_the_same_files(basic, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "html",
        srcdir=src,
        status=StringIO(),
        warning=StringIO(),
        confoverrides={"html_baseurl": BASE},
        parallel=2,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    for path in ("_data/conference.json", "_schedule/pycon-2024.xml", "_schedule/pycon-2024.json"):
        assert (out(app) / path).read_bytes() == (out(basic) / path).read_bytes(), path


# -- documented --------------------------------------------------------------------------


def test_every_field_is_documented():
    schema = json.loads(PACKAGE_SCHEMA.read_text("utf-8"))
    page = (REPO / "docs" / "data.md").read_text("utf-8")
    missing = []
    for where, obj in [("top", schema), *schema["$defs"].items()]:
        for name in obj["properties"]:
            if f"`{name}`" not in page:
                missing.append(f"{where}.{name}")
    assert missing == []
    assert "conference_data_license" in page and "_schedule/<event-id>.xml" in page
