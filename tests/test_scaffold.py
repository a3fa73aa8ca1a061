"""``python -m sphinx_conference new``: files in the right place, valid, never overwritten."""

from __future__ import annotations

import pytest
from PIL import Image

from conftest import copy_site
from sphinx_conference.cli import main
from sphinx_conference.cli.check import check
from sphinx_conference.core.slugs import slugify


@pytest.fixture
def site(tmp_path, monkeypatch):
    copy_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(*args: str) -> int:
    return main(["new", *args])


def only_placeholders(site) -> list[str]:
    """Problems of the site other than the TODO placeholders (which must be there)."""
    problems, _ = check(site)
    assert any(p.subtype == "placeholder" for p in problems)
    return [str(p) for p in problems if p.subtype != "placeholder"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("State of Open Con 2023: six sessions", "state-of-open-con-2023-six-sessions"),
        ("Café & Code!", "cafe-and-code"),  # one rule with the importers: "&" is "and"
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_new_post(site, capsys):
    assert (
        new(
            "post",
            "My week at PyCon",
            "--date",
            "2024-05-03",
            "--authors",
            "nicki-watt",
            "--tags",
            "Community, Python",
        )
        == 0
    )
    path = site / "posts" / "2024" / "my-week-at-pycon.md"
    text = path.read_text()
    assert text.startswith("---\ndate: 2024-05-03\nauthors: nicki-watt\ntags: Community, Python\n")
    assert "\n# My week at PyCon\n" in text
    assert "wrote" in capsys.readouterr().out
    assert only_placeholders(site) == []
    # Never overwritten: the second time fails and leaves the file alone.
    path.write_text(text + "mine\n")
    assert new("post", "My week at PyCon", "--date", "2024-05-03") == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_text().endswith("mine\n")


def test_new_post_rejects_bad_options_with_the_validation_message(site, capsys):
    assert new("post", "X", "--date", "3 May") == 2
    assert (
        "--date: expected an ISO 8601 date YYYY-MM-DD, e.g. '2023-02-07'" in capsys.readouterr().err
    )
    assert not (site / "posts" / "x.md").exists()


def test_new_event_and_session(site, capsys):
    assert (
        new(
            "event",
            "PyCon Test 2024",
            "--start",
            "2024-05-01",
            "--end",
            "2024-05-03",
            "--country",
            "de",
            "--tracks",
            "Web; Data",
        )
        == 0
    )
    page = site / "events" / "2024" / "pycon-test-2024.md"
    assert (
        ":::{event} pycon-test-2024\n:name: PyCon Test 2024\n:start: 2024-05-01\n"
        in page.read_text()
    )
    assert (
        new(
            "session",
            "Fast checks",
            "--event",
            "pycon-test-2024",
            "--speakers",
            "nicki-watt",
            "--track",
            "Web",
            "--start",
            "2024-05-01 10:00",
            "--duration",
            "30",
        )
        == 0
    )
    text = page.read_text()
    assert (
        ":::{session} pycon-test-2024/fast-checks\n:title: Fast checks\n:speakers: nicki-watt\n"
        in text
    )
    assert only_placeholders(site) == []
    # The same session twice, or an unknown event, is refused.
    assert new("session", "Fast checks", "--event", "pycon-test-2024") == 2
    assert new("session", "Other", "--event", "nope-2024") == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "no {event} directive defines 'nope-2024'" in err
    assert page.read_text() == text


def test_event_without_start_has_a_placeholder_the_check_reports(site):
    assert new("event", "Someday Conf") == 0
    problems, _ = check(site)
    found = [p for p in problems if p.path.endswith("someday-conf.md")]
    assert any(p.subtype == "placeholder" and "first day" in p.message for p in found)


def test_new_person_with_photo(site, tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90°
    source = tmp_path / "me.jpg"
    Image.new("RGB", (1200, 900), "red").save(source, exif=exif)
    assert new("person", "Ada Example", "--role", "Engineer", "--photo", str(source)) == 0
    photo = site / "_static" / "people" / "ada-example.jpg"
    with Image.open(photo) as im:
        assert im.format == "JPEG"
        assert im.size == (300, 400)  # rotated upright, then fitted into 400x400
        assert dict(im.getexif()) == {}
    text = (site / "people" / "ada-example.md").read_text()
    assert ":::{speaker} ada-example\n:name: Ada Example\n:role: Engineer\n" in text
    assert ":photo: ../_static/people/ada-example.jpg\n" in text
    assert only_placeholders(site) == []
    assert new("person", "Ada Example") == 2


def test_new_person_webp_keeps_transparency(site, tmp_path):
    source = tmp_path / "logo.png"
    Image.new("RGBA", (800, 800), (0, 0, 0, 0)).save(source)
    assert new("person", "Bo", "--photo", str(source), "--photo-format", "webp") == 0
    with Image.open(site / "_static" / "people" / "bo.webp") as im:
        assert im.format == "WEBP" and im.size == (400, 400) and im.mode == "RGBA"


def test_new_person_with_aliases(site):
    assert new("person", "José Díaz", "--aliases", "Pepe Díaz, J. Díaz") == 0
    text = (site / "people" / "jose-diaz.md").read_text()
    assert ":name: José Díaz\n:aliases: Pepe Díaz, J. Díaz\n" in text
    assert only_placeholders(site) == []
