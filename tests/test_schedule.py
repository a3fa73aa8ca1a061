"""The schedule grid, filter markup and per-page scripts, checked on the built HTML."""

from __future__ import annotations

import json

import pytest

from conftest import build_root, html


@pytest.fixture(scope="module")
def app(module_tmp):
    return build_root("schedule", module_tmp / "schedule")


def scripts(app, docname: str) -> list[str]:
    return [
        s["src"].split("?")[0].rsplit("/", 1)[-1]
        for s in html(app, docname).find_all("script", src=True)
    ]


def test_builds_without_warnings(app):
    from conftest import warnings

    assert warnings(app) == ""


def test_grid_has_rooms_as_columns_and_times_as_rows(app):
    page = html(app, "events/devconf/index")
    grid = page.select_one(".conference-layout-grid")
    assert grid.select_one(".conference-timezone-note").get_text() == "Times are in Europe/Prague."
    days = grid.select(".conference-grid-day")
    assert [d.select_one("h3, h2, h4").get_text() for d in days] == [
        "Wednesday 15 May 2024",
        "Thursday 16 May 2024",
    ]
    first = days[0].select_one("table.conference-grid")
    assert [th.get_text(strip=True) for th in first.select("thead th")] == [
        "Time",
        "Main Hall",
        "Room B",
    ]
    assert [th.get_text(strip=True) for th in first.select("tbody th")] == [
        "09:00",
        "10:00",
        "11:00",
    ]
    # the keynote has no room and is alone in its slot: it spans both rooms
    plenary = first.select_one("td.conference-grid-plenary")
    assert plenary["colspan"] == "2" and "Opening Keynote" in plenary.get_text()
    # the 90-minute workshop in Room B spans the 11:00 row too
    workshop = first.find("a", string="Data Pipelines That Do Not Break").find_parent("td")
    assert workshop["rowspan"] == "2"
    assert len(first.select("tbody tr")[2].find_all("td")) == 1


def test_session_items_carry_their_facets_as_classes(app):
    page = html(app, "events/devconf/index")
    item = page.find("a", string="Fuzzing for Everyone").find_parent(
        class_="conference-filter-item"
    )
    assert {
        "conference-track-security",
        "conference-type-talk",
        "conference-tagged-testing",
    } <= set(item["class"])
    # every layout's items are filterable: grid, agenda, cards
    for layout in ("grid", "agenda", "cards"):
        block = page.select_one(f".conference-layout-{layout}")
        assert len(block.select(".conference-filter-item")) == 7, layout


def test_filter_node_lists_facets_with_display_names(app):
    box = html(app, "events/devconf/index").select_one(".conference-filter")
    facets = json.loads(box["data-facets"])
    assert facets["track"] == [
        ["community", "Community"],
        ["data", "Data"],
        ["security", "Security"],
    ]
    assert ["supply-chain", "Supply Chain"] in facets["tag"]
    assert ["workshop", "Workshop"] in facets["type"]
    assert box["data-count"] == "7"
    assert box.get_text() == ""  # nothing shows without the script


def test_filter_script_only_on_pages_with_a_filterable_list(app):
    assert "conference-filter.js" in scripts(app, "events/devconf/index")
    assert "conference-filter.js" in scripts(app, "people/grace-hopper")  # two sessions
    assert "conference-filter.js" not in scripts(
        app, "people/ada-lovelace"
    )  # one session: no filter
    assert "conference-filter.js" not in scripts(app, "events/devconf/keynote")


def test_pages_load_no_unused_default_scripts(app):
    for page in ("index", "people/ada-lovelace", "events/devconf/index"):
        found = scripts(app, page)
        for name in (
            "documentation_options.js",
            "doctools.js",
            "sphinx_highlight.js",
            "design-tabs.js",
        ):
            assert name not in found, (page, name)
    search = scripts(app, "search")
    assert {"documentation_options.js", "doctools.js", "searchtools.js", "language_data.js"} <= set(
        search
    )


def test_tab_script_only_on_pages_with_a_tab_set(module_tmp):
    import shutil
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    from conftest import ROOTS

    src = module_tmp / "tabs"
    shutil.copytree(ROOTS / "test-schedule", src)
    page = src / "people" / "alan-turing.md"
    page.write_text(
        page.read_text("utf-8")
        + "\n## Talks\n\n::::{tab-set}\n:::{tab-item} 2024\nDevConf.\n:::\n::::\n",
        "utf-8",
    )
    # Text naming the class is not a tab set.
    other = src / "people" / "ada-lovelace.md"
    other.write_text(other.read_text("utf-8") + '\nA `class="sd-tab-set"` in code.\n', "utf-8")
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    app.build()
    assert html(app, "people/alan-turing").select_one(".sd-tab-set") is not None
    assert "design-tabs.js" in scripts(app, "people/alan-turing")
    assert "design-tabs.js" not in scripts(app, "people/ada-lovelace")
    assert "design-tabs.js" not in scripts(app, "people/grace-hopper")


def test_filter_can_be_switched_off(module_tmp):
    import shutil
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    from conftest import ROOTS

    src = module_tmp / "off"
    shutil.copytree(ROOTS / "test-schedule", src)
    index = src / "events" / "index.md"
    index.write_text(
        index.read_text("utf-8").replace(":layout: table", ":layout: table\n:filter: off"), "utf-8"
    )
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    app.build()
    assert html(app, "events/index").select_one(".conference-filter") is None
    assert "conference-filter.js" not in scripts(app, "events/index")
    assert "conference-filter.js" in scripts(app, "events/devconf/index")


def test_day_groups_are_marked_for_print(app):
    """Each day's group of a grid, an agenda or a list by day is a .conference-day (print
    starts each on a new page); groups by anything else are not."""
    page = html(app, "events/devconf/index")
    grid = page.select_one(".conference-layout-grid")
    agenda = page.select_one(".conference-layout-agenda")
    cards = page.select_one(".conference-layout-cards")
    assert len(grid.select(":scope > .conference-day")) == 2
    assert len(agenda.select(":scope > .conference-day")) == 2
    assert cards.select(":scope > .conference-group") and not cards.select(".conference-day")
