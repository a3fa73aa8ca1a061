"""Headings follow each page's outline: a list, a card or a block one level below its section.

A list placed right under the page title (``<h1>``, section depth 1) gives its items ``<h2>``,
one under an ``<h2>`` gives ``<h3>``, under an ``<h3>`` ``<h4>``; a grouped list's group
headings take that level and its items the next. Generated pages go ``<h1>``, ``<h2>``,
``<h3>``. Whole pages (no level skipped, the Nu Html Checker) are checked in test_output.py.
"""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from conftest import build_root, html
from sphinx_conference.render.components import (
    auto_heading,
    fix_heading_level,
    heading,
    heading_level_at,
    unique_heading_ids,
)

LISTS = """
:::{post-list}
:limit: 1
:::

:::{session-list}
:event: pycon-2024
:group-by: track
:::

:::{event-list}
:group-by: year
:::
"""

#: The same three lists at section depth 1, 2 and 3, and blocks made by directives.
DEPTHS = f"""---
orphan: true
---

# Depth one
{LISTS}
## Depth two
{LISTS}
:::{{event}} depth-2024
:name: Depth 2024
:start: 2024-03-01
:tracks: Deep
:::

:::{{session}} depth-2024/two
:title: At depth two
:speakers: ada-lovelace
:::

### Depth three
{LISTS}
:::{{session}} depth-2024/three
:title: At depth three
:speakers: grace-hopper
:::
"""


# -- the level of a place in a doctree ---------------------------------------------------


def _nested(depth: int) -> tuple[nodes.document, nodes.Element]:
    """A document with ``depth`` nested sections and a paragraph in the innermost."""
    document = new_document("<test>", get_default_settings(Parser))
    parent: nodes.Element = document
    for n in range(depth):
        section = nodes.section(ids=[f"s{n}"])
        section += nodes.title(text=f"Level {n + 1}")
        parent += section
        parent = section
    place = nodes.paragraph()
    parent += place
    return document, place


@pytest.mark.parametrize(("depth", "level"), [(1, 2), (2, 3), (3, 4)])
def test_a_place_in_a_section_at_depth_n_takes_headings_at_n_plus_one(depth, level):
    _, place = _nested(depth)
    assert heading_level_at(place) == level


def test_outside_any_section_headings_start_at_h2():
    _, place = _nested(0)
    assert heading_level_at(place) == 2


@pytest.mark.parametrize(("depth", "level"), [(1, 2), (2, 3), (3, 4), (6, 6)])
def test_a_directive_heading_takes_the_level_of_where_it_ends_up(depth, level):
    document, place = _nested(depth)
    block = nodes.container()
    block += auto_heading("Tracks")
    place.replace_self(block)
    rubric = next(document.findall(nodes.rubric))
    fix_heading_level(rubric)
    assert rubric["heading-level"] == level


def test_repeated_heading_ids_get_a_number():
    used = {"sessions"}
    first = nodes.container()
    first += heading("Sessions", 2, ids=["sessions"])
    first += heading("2024", 2, ids=["year-2024"])
    second = nodes.container()
    second += heading("2024", 3, ids=["year-2024"])
    unique_heading_ids(used, [first, second])
    assert [r["ids"] for r in first.findall(nodes.rubric)] == [["sessions-2"], ["year-2024"]]
    assert [r["ids"] for r in second.findall(nodes.rubric)] == [["year-2024-2"]]


# -- lists at depth 1, 2 and 3 in a built page -------------------------------------------


@pytest.fixture(scope="module")
def depths(module_tmp):
    src = module_tmp / "depths"
    src.mkdir()
    (src / "depths.md").write_text(DEPTHS, "utf-8")
    app = build_root("basic", src, confoverrides={"html_theme": "conference"})
    yield app
    app.cleanup()


def _levels(page: BeautifulSoup, selector: str) -> list[tuple[int, int]]:
    """(section depth, heading level) of each element matching ``selector``, in order."""
    return [(len(tag.find_parents("section")), int(tag.name[1])) for tag in page.select(selector)]


def test_list_items_are_one_level_below_their_section(depths):
    page = html(depths, "depths")
    assert sorted(set(_levels(page, ".conference-post-title"))) == [(1, 2), (2, 3), (3, 4)]


def test_grouped_lists_put_groups_one_below_the_section_and_items_two_below(depths):
    page = html(depths, "depths")
    groups = _levels(page, ".conference-session-list .conference-group > .conference-heading")
    items = _levels(page, ".conference-session-list .conference-session-title")
    assert sorted(set(groups)) == [(1, 2), (2, 3), (3, 4)]
    assert sorted(set(items)) == [(1, 3), (2, 4), (3, 5)]
    years = _levels(page, "[id^=year-2024]")
    events = _levels(page, ".conference-event-title")
    assert years == [(1, 2), (2, 3), (3, 4)]
    assert sorted(set(events)) == [(1, 3), (2, 4), (3, 5)]


def test_blocks_made_by_directives_follow_their_section(depths):
    page = html(depths, "depths")
    assert _levels(page, ".conference-session > .conference-session-title") == [(2, 3), (3, 4)]
    assert _levels(page, ".conference-tracks-heading") == [(2, 3)]
    assert _levels(page, "#speakers") == [(2, 3)]


def test_headings_of_lists_repeated_on_a_page_keep_unique_ids(depths):
    page = html(depths, "depths")
    ids = Counter(tag["id"] for tag in page.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []
    assert [t["id"] for t in page.select("[id^=year-2024]")] == [
        "year-2024",
        "year-2024-2",
        "year-2024-3",
    ]
