"""My agenda and "Now / Next" in a real browser (issue 19, items 1 and 3).

The ``agenda`` root is a meetup over two days in two halls, listed in every layout
(grid, agenda, table, cards) above its session entries, with one session without a
time.  The accessible names ("Add to my agenda", "Remove from my agenda", "Download",
"Share", "Add these to my agenda", "Jump to now") are the contract these tests hold.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from browser import axe_source, build_html, run_axe, serve
from conftest import ROOTS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
icalendar = pytest.importorskip("icalendar")

EVENT = "events/meetup.html"
RUST = "meetup-2025/rust"
GARDENING = "meetup-2025/gardening"
TESTING = "meetup-2025/testing"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_html(ROOTS / "test-agenda", tmp_path_factory.mktemp("agenda-site") / "html")


@pytest.fixture(scope="module")
def base_url(site) -> str:
    with serve(site) as url:
        yield url


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    assert not errors, errors


def storage_key(base_url: str) -> str:
    return f"sphinx-conference-agenda:{base_url}"


def with_picks(context, base_url: str, ids: list[str]) -> None:
    """Start every page of ``context`` with ``ids`` picked."""
    context.add_init_script(
        f"localStorage.setItem({json.dumps(storage_key(base_url))}, {json.dumps(json.dumps(ids))})"
    )


def entry(pg, sid: str):
    """The session's block on the event page."""
    return pg.locator(f"#session-{sid.replace('/', '-')}")


def open_event(pg, base_url: str, query: str = "") -> None:
    pg.goto(f"{base_url}{EVENT}{query}")
    pg.wait_for_selector(".conference-agenda-toggle")


def open_agenda(pg, base_url: str, fragment: str = "") -> None:
    pg.goto(f"{base_url}agenda.html{fragment}")
    pg.wait_for_selector(".conference-agenda-view")


def test_pick_is_announced_kept_and_listed_on_the_agenda_page(page, base_url):
    open_event(page, base_url)
    button = entry(page, RUST).get_by_role("button", name="Add to my agenda")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    remove = entry(page, RUST).get_by_role("button", name="Remove from my agenda")
    assert remove.get_attribute("aria-pressed") == "true"
    status = page.locator("[aria-live=polite].conference-agenda-status")
    page.wait_for_function(
        "document.querySelector('.conference-agenda-status').textContent === 'Added to your agenda'"
    )
    assert status.get_attribute("role") == "status"
    # every other button of the same session follows
    grid = page.locator(".conference-layout-grid")
    rust_cell = grid.locator(".conference-grid-session", has_text="Rust in Production")
    assert rust_cell.get_by_role("button").get_attribute("aria-pressed") == "true"

    page.reload()
    page.wait_for_selector(".conference-agenda-toggle")
    assert entry(page, RUST).get_by_role("button").get_attribute("aria-pressed") == "true"
    assert entry(page, GARDENING).get_by_role("button").get_attribute("aria-pressed") == "false"

    open_agenda(page, base_url)
    view = page.locator(".conference-agenda-view")
    assert view.get_by_role("heading", name="Monday 10 March 2025").count() == 1
    pick = view.locator(".conference-agenda-pick")
    assert pick.count() == 1
    assert "10:00–10:45" in pick.inner_text()
    link = pick.get_by_role("link", name="Rust in Production")
    assert link.get_attribute("href").endswith(f"{EVENT}#session-meetup-2025-rust")
    # removing it from the agenda page
    pick.get_by_role("button", name="Remove from my agenda").click()
    assert view.locator(".conference-agenda-pick").count() == 0
    assert (
        json.loads(page.evaluate(f"localStorage.getItem({json.dumps(storage_key(base_url))})"))
        == []
    )


def test_every_layout_and_card_has_a_button_and_untimed_reads_tba(page, base_url):
    open_event(page, base_url)
    for layout, item in (
        ("grid", ".conference-grid-session"),
        ("agenda", ".conference-agenda-item"),
        ("table", "tbody tr"),
        ("cards", ".conference-session-item"),
    ):
        lst = page.locator(f".conference-layout-{layout}")
        items = lst.locator(item)
        buttons = lst.get_by_role("button", name="Add to my agenda")
        assert buttons.count() == 5, layout  # six sessions, one without a time
        mystery = items.filter(has_text="Mystery Session")
        assert mystery.count() == 1, layout
        assert mystery.get_by_role("button").count() == 0, layout
        assert "Time to be announced" in mystery.inner_text(), layout
    mystery = entry(page, "meetup-2025/mystery")
    assert mystery.get_by_role("button").count() == 0
    assert "Time to be announced" in mystery.inner_text()
    for sid in (RUST, GARDENING, TESTING):
        assert entry(page, sid).get_by_role("button", name="Add to my agenda").count() == 1
    # every button is a real, keyboard-operable button
    types = page.eval_on_selector_all(".conference-agenda-toggle", "bs => bs.map(b => b.type)")
    assert set(types) == {"button"}


def test_cards_on_person_and_tag_pages_have_buttons(page, base_url):
    for path, selector, count in (
        ("people/ada.html", ".conference-person-sessions .conference-session-item", 3),
        ("_tags/rust.html", ".conference-session-item", 2),
    ):
        page.goto(base_url + path)
        page.wait_for_selector(".conference-agenda-toggle")
        cards = page.locator(selector)
        assert cards.count() == count, path  # Ada's sessions; those tagged Rust
        for i in range(count):
            assert cards.nth(i).get_by_role("button", name="Add to my agenda").count() == 1


def test_keyboard_toggles_a_pick(page, base_url):
    open_event(page, base_url)
    button = entry(page, TESTING).locator(".conference-agenda-toggle")
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false"


def test_overlaps_are_flagged(context, page, base_url):
    with_picks(context, base_url, [TESTING, RUST, GARDENING])
    open_agenda(page, base_url)
    picks = page.locator(".conference-agenda-pick")
    # by time: rust and gardening at 10:00 (one after the other), testing at 11:00
    titles = picks.locator("a").all_inner_texts()
    assert titles[-1] == "Testing Without Tears"
    rust = picks.filter(has_text="Rust in Production").first
    assert "Overlaps with Gardening an Open-Source Project" in rust.inner_text()
    testing = picks.filter(has=page.get_by_role("link", name="Testing Without Tears", exact=True))
    assert "Overlaps with" not in testing.inner_text()


def test_download_holds_the_calendars_vevents(context, page, base_url, site):
    with_picks(context, base_url, [RUST, TESTING])
    open_agenda(page, base_url)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    mine = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    event_ics = icalendar.Calendar.from_ical(
        (site / "_calendars/events/meetup-2025.ics").read_bytes()
    )
    theirs = {str(v["uid"]): v for v in event_ics.walk("VEVENT")}
    got = mine.walk("VEVENT")
    assert sorted(str(v["uid"]) for v in got) == sorted(
        str(theirs[u]["uid"]) for u in theirs if "rust" in u or "testing" in u
    )
    for vevent in got:
        expected = theirs[str(vevent["uid"])]
        assert vevent.to_ical() == expected.to_ical()
        for key in ("dtstart", "dtend", "summary", "location", "url"):
            assert vevent.decoded(key) == expected.decoded(key), key
        assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"
    assert [str(z["tzid"]) for z in mine.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(mine["version"]) == "2.0" and "prodid" in mine


def test_share_link_opens_in_a_fresh_browser_and_offers_to_add(context, page, base_url, browser):
    with_picks(context, base_url, [RUST, TESTING])
    open_agenda(page, base_url)
    page.get_by_role("button", name="Share").click()
    link = page.get_by_role("textbox", name="Link to your picks").input_value()
    assert link == f"{base_url}agenda.html#picks={RUST},{TESTING}"

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(link)
        other.wait_for_selector(".conference-agenda-view")
        shared = other.locator(".conference-agenda-view")
        assert shared.get_by_role("heading", name="Shared agenda").count() == 1
        assert shared.get_by_role("link", name="Rust in Production").count() == 1
        assert shared.get_by_role("link", name="Testing Without Tears").count() == 1
        assert "No sessions yet" in shared.inner_text()  # nothing of one's own yet
        other.get_by_role("button", name="Add these to my agenda").click()
        mine = json.loads(
            other.evaluate(f"localStorage.getItem({json.dumps(storage_key(base_url))})")
        )
        assert mine == [RUST, TESTING]
        assert "All of them are in your agenda." in shared.inner_text()
    finally:
        fresh.close()


def test_share_link_with_unknown_and_malformed_ids(page, base_url):
    open_agenda(page, base_url, f"#picks={RUST},meetup-2025/nope,NOT%20an%20id,,%E0%A4%A")
    view = page.locator(".conference-agenda-view")
    assert view.get_by_role("link", name="Rust in Production").count() == 1
    problem = view.locator(".conference-agenda-problem").inner_text()
    assert problem.startswith("Could not read 3 of the shared picks")
    assert "meetup-2025/nope (not in the programme)" in problem
    assert "NOT an id (not a session id)" in problem
    assert "%E0%A4%A (not a session id)" in problem
    assert "This link carries 1 session." in view.inner_text()


def test_a_removed_session_is_shown_not_dropped(context, page, base_url):
    with_picks(context, base_url, [RUST, "meetup-2025/cancelled"])
    open_agenda(page, base_url)
    gone = page.locator(".conference-agenda-missing")
    assert gone.count() == 1
    assert "meetup-2025/cancelled" in gone.inner_text()
    assert "This session is no longer in the programme" in gone.inner_text()
    gone.get_by_role("button", name="Remove from my agenda").click()
    assert page.locator(".conference-agenda-missing").count() == 0
    assert page.locator(".conference-agenda-pick").count() == 1


def badges(pg) -> dict[str, str]:
    """Session entry title -> its badge."""
    return pg.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll(
            '.conference-session .conference-now-badge')).map(b => [
              b.parentElement.textContent.replace(b.textContent, '').trim(), b.textContent]))"""
    )


def test_now_and_next_badges_follow_the_now_parameter(page, base_url):
    open_event(page, base_url, "?now=2025-03-10T10:15")
    assert badges(page) == {
        "Rust in Production": "Now",
        "Gardening an Open-Source Project": "Now",
        "Testing Without Tears": "Next",  # Hall A
        "Docs as Code": "Next",  # Hall B
    }
    grid = page.locator(".conference-layout-grid")
    assert grid.locator(".conference-badge-now").count() == 2
    assert grid.locator(".conference-badge-next").count() == 2
    jump = page.get_by_role("button", name="Jump to now")
    assert jump.count() == 1
    jump.click()
    focused = page.evaluate("document.activeElement.textContent")
    assert focused in {"Rust in Production", "Gardening an Open-Source Project"}

    open_event(page, base_url, "?now=2025-03-10T11:40")
    assert badges(page) == {"Docs as Code": "Now", "Closing Panel": "Next"}

    open_event(page, base_url, "?now=2025-03-12T10:00")  # the event is over
    assert badges(page) == {}
    assert page.get_by_role("button", name="Jump to now").count() == 0


def test_badges_follow_the_clock_every_minute(page, base_url):
    if not hasattr(page, "clock"):
        pytest.skip("Playwright < 1.45 has no clock to set")
    page.clock.install(time=dt.datetime(2025, 3, 10, 9, 44, tzinfo=dt.UTC))  # 10:44 in Berlin
    open_event(page, base_url)
    assert badges(page) == {
        "Rust in Production": "Now",
        "Testing Without Tears": "Next",
        "Docs as Code": "Next",
    }
    page.clock.run_for(2 * 60_000)  # 10:46: Rust in Production is over
    assert badges(page) == {"Testing Without Tears": "Next", "Docs as Code": "Next"}
    assert page.get_by_role("button", name="Jump to now").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_agenda_and_event_page(context, page, base_url, scheme):
    axe = axe_source()
    with_picks(context, base_url, [RUST, GARDENING, "meetup-2025/cancelled"])
    page.emulate_media(color_scheme=scheme)
    open_agenda(page, base_url, f"#picks={TESTING},bad%20id")
    page.get_by_role("button", name="Share").click()
    violations = run_axe(page, axe)
    assert not violations, violations
    open_event(page, base_url, "?now=2025-03-10T10:15")
    violations = run_axe(page, axe)
    assert not violations, violations
