"""The directives and roles work in reStructuredText as in MyST."""

from __future__ import annotations

import pytest

from conftest import build_root, html, warnings


@pytest.fixture(scope="module")
def rest(module_tmp):
    app = build_root("rest", module_tmp / "src")
    yield app
    app.cleanup()


def test_rest_builds_without_warnings(rest):
    assert warnings(rest) == ""


def test_rest_objects_and_lists(rest):
    page = html(rest, "index")
    assert "1 March 2024" in page.find(id="event-rest-conf").get_text()
    session = page.find(id="session-rest-conf-directives")
    assert session.select_one(".conference-speakers a").get_text() == "Eric Holscher"
    assert session.find(class_="conference-abstract").find("em").get_text() == "directives"
    card = page.find(id="speaker-eric")
    assert card.select_one(".conference-links svg")["aria-label"] == "GitHub of Eric Holscher"
    assert [t.get_text(strip=True) for t in page.select(".conference-agenda-time")] == [
        "10:00–10:25"
    ]
    assert [a.get_text() for a in page.select(".conference-post-title a")] == ["Hello"]
    assert [a.get_text() for a in page.select(".conference-event-title a")] == ["reST Conf"]
    # speaker-card elsewhere and the event's speaker grid both show the person.
    assert len(page.select(".conference-speaker-card")) >= 3


def test_rest_roles(rest):
    links = {a.get_text(): a["href"] for a in html(rest, "index").select("p a.reference")}
    assert links["Eric Holscher"] == "#speaker-eric"
    assert links["the founder"] == "#speaker-eric"
    assert links["Directives All the Way Down"] == "#session-rest-conf-directives"
    assert links["reST Conf"] == "#event-rest-conf"
    assert links["Docs"] == "_tags/docs.html"


def test_rest_post_from_docinfo(rest):
    page = html(rest, "posts/2024/hello")
    meta = page.find(class_="conference-post-meta").get_text(" ", strip=True)
    assert "1 April 2024" in meta and "Eric Holscher" in meta
    tag_page = html(rest, "_tags/docs")
    assert [a.get_text() for a in tag_page.select(".conference-post-title a")] == ["Hello"]
    assert [a.get_text() for a in tag_page.find(id="pages").parent.select("a")] == ["reST site"]
