"""The SVG charts and their tables: well-formed, named, escaped, long labels shortened."""

from __future__ import annotations

from lxml import etree

from sphinx_conference.render.charts import (
    MAX_BARS,
    Table,
    bar_chart,
    chart_block,
    column_chart,
    line_chart,
    nice_max,
    shorten,
    table_html,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & co'


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


def texts(root: etree._Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_a_bar_chart_is_an_image_named_by_its_title_and_description():
    root = parse(bar_chart("c", "Sessions by track", "Core: 2.", [("Core", 2), ("Web", 1)]))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").get("id") == "c-title"
    assert root.find(f"{SVG}title").text == "Sessions by track"
    assert root.find(f"{SVG}desc").text == "Core: 2."
    assert texts(root) == ["Core", "2", "Web", "1"]
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1]  # bars in proportion to the counts


def test_authored_text_is_escaped_everywhere():
    svg = bar_chart(HOSTILE, HOSTILE, HOSTILE, [(HOSTILE, 1)])
    assert "<script>" not in svg
    root = parse(svg)  # well-formed despite the text
    assert root.find(f"{SVG}title").text == HOSTILE
    assert texts(root)[0] == HOSTILE
    html = table_html(Table(HOSTILE, (HOSTILE, "n"), ((HOSTILE, "1"),)))
    assert "<script>" not in html and html.count("&lt;script&gt;") == 3


def test_long_labels_are_shortened_in_the_drawing_and_whole_in_the_table():
    long = "A track whose name goes on and on, far longer than any phone screen is wide"
    root = parse(bar_chart("c", "t", "d", [(long, 1)]))
    drawn = texts(root)[0]
    assert drawn.endswith("…") and long.startswith(drawn[:-1]) and len(drawn) < len(long)
    assert long in table_html(Table("t", ("Track", "Sessions"), ((long, "1"),)))
    assert shorten("short", 300) == "short"


def test_a_bar_chart_draws_at_most_max_bars():
    rows = [(f"tag {i}", 100 - i) for i in range(MAX_BARS + 5)]
    root = parse(bar_chart("c", "t", "d", rows))
    assert len(list(root.iter(f"{SVG}rect"))) == MAX_BARS


def test_the_table_has_a_caption_and_scoped_headers():
    html = table_html(Table("Sessions by type", ("Type", "Sessions"), (("talk", "2"),)))
    table = etree.fromstring(html).find("table")
    assert table.find("caption").text == "Sessions by type"
    assert [th.get("scope") for th in table.iter("th")] == ["col", "col", "row"]


def test_column_chart_has_a_column_per_edition_and_series_and_a_legend():
    root = parse(
        column_chart("e", "t", "d", ["2021", "2022"], [("Sessions", [2, 3]), ("Speakers", [3, 4])])
    )
    rects = list(root.iter(f"{SVG}rect"))
    assert len(rects) == 2 + 4  # legend swatches, then columns
    assert ["conference-chart-series-2" in r.get("class") for r in rects[2:]] == [
        False,
        False,
        True,
        True,
    ]
    assert {"Sessions", "Speakers", "2021", "2022"} <= set(texts(root))


def test_line_chart_leaves_a_gap_where_there_is_no_value():
    root = parse(line_chart("r", "t", "d", ["a", "b", "c", "d"], [0.0, 0.5, None, 1.0]))
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 2
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    assert {"0%", "50%", "100%"} <= set(texts(root))


def test_nice_max_is_even_so_the_middle_gridline_is_whole():
    values = (0, 1, 3, 5, 7, 10, 11, 800, 801)
    assert [nice_max(v) for v in values] == [2, 2, 4, 6, 8, 10, 20, 800, 1000]


def test_chart_block_is_raw_html_for_html_builders_and_a_table_otherwise():
    table = Table("c", ("A", "B"), (("x", "1"),))
    html = chart_block(True, "<svg/>", table)
    assert html[0].tagname == "raw" and html[0]["format"] == "html"
    other = chart_block(False, "<svg/>", table)
    assert other[0].tagname == "table"
    assert other[0][0].astext() == "c"  # the caption is the table's title


def test_a_wide_table_is_a_region_the_keyboard_can_scroll():
    wide = table_html(Table("Trends", ("a", "b", "c", "d", "e"), (("x", "1", "2", "3", "4"),)))
    wrap = etree.fromstring(wide)
    assert (wrap.get("role"), wrap.get("tabindex"), wrap.get("aria-label")) == (
        "region",
        "0",
        "Trends",
    )
    narrow = etree.fromstring(table_html(Table("T", ("a", "b"), (("x", "1"),))))
    assert narrow.get("tabindex") is None
