"""Charts drawn at build time as inline SVG, each followed by the table of its data.

No JavaScript and no image files: a chart is an ``<svg role="img">`` named by its
``<title>`` and ``<desc>`` (``aria-labelledby``), whose colours are classes styled with the
``--conf-*`` variables of ``conference.css`` (so it follows the theme, light and dark). Every
authored text in it is escaped. A long label is shortened in the drawing (with "…"); the table
after the chart, which a screen reader reads and every builder can show, has the full text.

For the HTML builders a chart and its table are one raw HTML node (``<th scope>`` needs HTML
that docutils' table does not write); for any other builder only the table is given, as a
docutils table (the text fallback).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from docutils import nodes

#: The width of every chart's drawing, in SVG units (CSS scales it to the column).
WIDTH = 340
#: Most bars a bar chart draws; the table lists every row.
MAX_BARS = 15
#: Font sizes (SVG units) of labels and of axis or value text.
FONT = 13
SMALL = 11
#: The average width of a character, as a share of the font size (for shortening labels).
CHAR = 0.56


@dataclass(frozen=True)
class Table:
    """A chart's data: a caption, the column headers, rows whose first cell names the row."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def shorten(text: str, width: float, size: float = FONT) -> str:
    """``text`` cut to fit ``width`` SVG units at font ``size``, ending with "…" when cut."""
    most = max(1, int(width / (size * CHAR)))
    return text if len(text) <= most else text[: max(1, most - 1)].rstrip() + "…"


def _open(chart_id: str, height: float, title: str, desc: str, kind: str) -> list[str]:
    ids = f"{chart_id}-title {chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:g}" '
        f'class="conference-chart-svg conference-chart-svg-{kind}" role="img" '
        f'aria-labelledby="{escape(ids)}" focusable="false">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]


def _text(x: float, y: float, text: str, cls: str, size: int = FONT, anchor: str = "") -> str:
    anchor_attr = f' text-anchor="{anchor}"' if anchor else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" class="{cls}" '
        f'fill="currentColor"{anchor_attr}>{escape(text)}</text>'
    )


def bar_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, int]]) -> str:
    """A horizontal bar chart of counts by category: each label above its bar, the count after.

    At most :data:`MAX_BARS` rows are drawn (the first ones: pass them largest first).
    """
    shown = list(rows[:MAX_BARS])
    top = max((n for _, n in shown), default=0) or 1
    row_h, label_h, bar_h = 38, 15, 14
    height = row_h * len(shown) + 4
    room = WIDTH - 48  # space for the count after the longest bar
    out = _open(chart_id, height, title, desc, "bars")
    for i, (label, count) in enumerate(shown):
        y = 4 + i * row_h
        width = max(2.0, room * count / top) if count else 0.0
        out.append(_text(0, y + label_h - 3, shorten(label, WIDTH), "conference-chart-label"))
        out.append(
            f'<rect x="0" y="{y + label_h + 1:g}" width="{width:.1f}" height="{bar_h}" '
            f'rx="2" class="conference-chart-bar" fill="currentColor"/>'
        )
        out.append(
            _text(width + 6, y + label_h + bar_h - 2, str(count), "conference-chart-value", FONT)
        )
    out.append("</svg>")
    return "".join(out)


def nice_max(value: float) -> float:
    """The top of an axis for counts up to ``value``: 2, 4, 6, 8 or 10 times a power of ten.

    Even, so that the middle gridline is a whole number too (2 for 0 to 2).
    """
    if value <= 2:
        return 2
    power = 10 ** math.floor(math.log10(value))
    tops = [step * p for p in (power / 10, power) for step in (2, 4, 6, 8, 10)]
    return float(min(top for top in tops if top >= value))


# The frame of column and line charts, in SVG units.
_HEIGHT, _LEFT, _RIGHT, _TOP, _BOTTOM = 230, 40, 6, 40, 200


def _frame(top: float, unit: str) -> list[str]:
    """Gridlines at 0, half and the top, with their values on the left."""
    out = []
    for frac in (0, 0.5, 1):
        y = _BOTTOM - frac * (_BOTTOM - _TOP)
        value = top * frac
        text = f"{value:g}{unit}"
        out.append(
            f'<line x1="{_LEFT}" x2="{WIDTH - _RIGHT}" y1="{y:g}" y2="{y:g}" '
            f'class="conference-chart-grid" stroke="currentColor"/>'
        )
        out.append(_text(_LEFT - 5, y + 4, text, "conference-chart-axis", SMALL, "end"))
    return out


def _x_labels(labels: Sequence[str], slot: float) -> list[str]:
    return [
        _text(
            _LEFT + slot * (i + 0.5),
            _BOTTOM + 17,
            shorten(label, slot - 2, SMALL),
            "conference-chart-axis",
            SMALL,
            "middle",
        )
        for i, label in enumerate(labels)
    ]


def column_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
) -> str:
    """Columns for each label (an edition), one per series side by side, with a legend on top.

    The first series is drawn in the accent colour, the second in the muted one.
    """
    n = max(1, len(labels))
    top = nice_max(max((v for _, values in series for v in values), default=0))
    slot = (WIDTH - _LEFT - _RIGHT) / n
    width = min(40.0, slot * 0.75 / max(1, len(series)))
    out = _open(chart_id, _HEIGHT, title, desc, "columns")
    x: float = _LEFT
    for k, (name, _) in enumerate(series):
        out.append(
            f'<rect x="{x:g}" y="6" width="12" height="12" rx="2" '
            f'class="conference-chart-bar conference-chart-series-{k + 1}" fill="currentColor"/>'
        )
        out.append(_text(x + 17, 16, name, "conference-chart-label", SMALL))
        x += 17 + len(name) * SMALL * CHAR + 16
    out.extend(_frame(top, ""))
    for k, (_, values) in enumerate(series):
        for i, value in enumerate(values):
            h = (_BOTTOM - _TOP) * value / top
            cx = _LEFT + slot * (i + 0.5) - width * len(series) / 2 + width * k
            out.append(
                f'<rect x="{cx:.1f}" y="{_BOTTOM - h:.1f}" width="{width - 1:.1f}" '
                f'height="{h:.1f}" class="conference-chart-bar conference-chart-series-{k + 1}" '
                f'fill="currentColor"/>'
            )
            if width >= 18:
                out.append(
                    _text(
                        cx + (width - 1) / 2,
                        _BOTTOM - h - 4,
                        str(value),
                        "conference-chart-value",
                        SMALL,
                        "middle",
                    )
                )
    out.extend(_x_labels(labels, slot))
    out.append("</svg>")
    return "".join(out)


def line_chart(
    chart_id: str, title: str, desc: str, labels: Sequence[str], shares: Sequence[float | None]
) -> str:
    """A line of shares (0 to 1) drawn as percentages, a point per label; ``None`` leaves a gap."""
    n = max(1, len(labels))
    slot = (WIDTH - _LEFT - _RIGHT) / n
    out = _open(chart_id, _HEIGHT, title, desc, "line")
    out.extend(_frame(100, "%"))
    points = [
        None if s is None else (_LEFT + slot * (i + 0.5), _BOTTOM - (_BOTTOM - _TOP) * s)
        for i, s in enumerate(shares)
    ]
    run: list[tuple[float, float]] = []
    for point in [*points, None]:
        if point is not None:
            run.append(point)
            continue
        if len(run) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            out.append(
                f'<polyline points="{coords}" class="conference-chart-line" fill="none" '
                f'stroke="currentColor"/>'
            )
        run = []
    for point, share in zip(points, shares, strict=True):
        if point is None or share is None:
            continue
        x, y = point
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="conference-chart-point" '
            f'fill="currentColor"/>'
        )
        if slot >= 30:
            out.append(_text(x, y - 9, f"{share:.0%}", "conference-chart-value", SMALL, "middle"))
    out.extend(_x_labels(labels, slot))
    out.append("</svg>")
    return "".join(out)


def table_html(table: Table) -> str:
    """The table as HTML: a caption, column headers and row headers with ``scope``."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headers)
    # A table of many columns may scroll sideways on a phone: a named region that the
    # keyboard can reach and scroll.
    wrap = 'class="conference-chart-table-wrap"'
    if len(table.headers) > 3:
        wrap = (
            'class="conference-chart-table-wrap conference-chart-table-wide" role="region" '
            f'tabindex="0" aria-label="{escape(table.caption)}"'
        )
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in table.rows
    )
    return (
        f"<div {wrap}>"
        '<table class="docutils align-default conference-chart-table">'
        f"<caption>{escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def table_node(table: Table) -> nodes.table:
    """The table as docutils nodes, for builders other than HTML."""
    node = nodes.table(classes=["conference-chart-table"])
    node += nodes.title(table.caption, table.caption)
    group = nodes.tgroup(cols=len(table.headers))
    node += group
    for _ in table.headers:
        group += nodes.colspec(colwidth=1)
    group[0]["stub"] = 1

    def row(cells: Sequence[str]) -> nodes.row:
        r = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(cell, cell)
            r += entry
        return r

    thead = nodes.thead()
    thead += row(table.headers)
    tbody = nodes.tbody()
    for cells in table.rows:
        tbody += row(cells)
    group += thead
    group += tbody
    return node


def chart_block(html_builder: bool, svg: str, table: Table) -> nodes.Element:
    """A chart followed by its table (HTML builders), or the table alone (any other builder)."""
    block = nodes.container(classes=["conference-chart"])
    if html_builder:
        markup = f'<div class="conference-chart-drawing">{svg}</div>{table_html(table)}'
        block += nodes.raw("", markup, format="html")
    else:
        block += table_node(table)
    return block
