"""Conference series over hand-made records: the settings, the years, the undefined-series
rule, the editions of a series and a person's sessions grouped by series (no Sphinx build)."""

from __future__ import annotations

import datetime as dt

from sphinx_conference.core.model import Event, Session
from sphinx_conference.core.series import (
    Series,
    series_of,
    series_table,
    undefined_series,
    used_series,
    years_text,
)
from sphinx_conference.domain import queries
from sphinx_conference.domain.index import Records, build_index


def event(eid: str, start: str, series: str = "", line: int = 0) -> Event:
    lines = (("series", line),) if line else ()
    return Event(
        id=eid,
        docname=f"events/{eid}",
        lineno=1,
        name=eid.replace("-", " ").title(),
        start=dt.date.fromisoformat(start),
        series=series,
        lines=lines,
    )


def session(sid: str, *speakers: str) -> Session:
    return Session(
        id=sid, docname="x", lineno=1, title=sid, event=sid.split("/")[0], speakers=speakers
    )


def test_series_table_reads_dicts_and_names_and_reports_the_rest():
    table, problems = series_table(
        {
            "py": {"name": "PyCon", "description": "  The yearly\n  conference. "},
            "meet": "Meetup",
            "Bad Id": "x",
            "odd": ["a list"],
            "extra": {"name": "X", "colour": "red"},
            "blank": {"description": "No name"},
        }
    )
    assert table == {
        "py": Series("py", "PyCon", "The yearly conference."),
        "meet": Series("meet", "Meetup"),
        "blank": Series("blank", "blank", "No name"),
    }
    assert len(problems) == 3
    assert "'Bad Id'" in problems[0] and "slug" in problems[0]
    assert "'odd'" in problems[1] and "'extra'" in problems[2]
    assert series_table("nope")[1] and series_table("nope")[0] == {}


def test_an_undefined_series_is_named_by_its_id():
    assert series_of("ghost", {}) == Series("ghost", "ghost", defined=False)
    assert series_of("ghost", {}).docname == "series/ghost"


def test_used_series_are_every_defined_and_named_one_by_name():
    table = {"b": Series("b", "beta"), "a": Series("a", "Zed")}
    events = [event("x-2020", "2020-01-01", "ghost"), event("y-2021", "2021-01-01")]
    assert [s.id for s in used_series(events, table)] == ["b", "ghost", "a"]


def test_years_are_joined_into_runs():
    events = [event(f"e-{y}", f"{y}-05-01") for y in (2023, 2019, 2021, 2022, 2023)]
    assert years_text(events) == "2019, 2021–2023"
    assert years_text([]) == ""


def test_undefined_series_are_found_at_the_series_line():
    events = [
        event("b-2021", "2021-01-01", "ghost", line=7),
        event("a-2020", "2020-01-01", "py", line=5),
        event("c-2022", "2022-01-01"),
    ]
    found = undefined_series(events, {"py": Series("py", "PyCon")})
    assert [(f.docname, f.line, f.subtype) for f in found] == [("events/b-2021", 7, "series")]
    assert "unknown series id 'ghost'" in found[0].message and "(py)" in found[0].message


def test_editions_newest_first_and_sessions_grouped_by_series_then_year():
    events = {
        e.id: e
        for e in (
            event("py-2021", "2021-05-01", "py"),
            event("py-2023", "2023-05-01", "py"),
            event("meet-2022", "2022-09-01"),
        )
    }
    sessions = {
        s.id: s
        for s in (
            session("py-2021/a", "ada"),
            session("py-2023/b", "ada", "bob"),
            session("py-2023/c", "ada"),
            session("meet-2022/d", "ada"),
        )
    }
    idx = build_index(Records(events=events, sessions=sessions), today=dt.date(2024, 1, 1))
    assert [e.id for e in queries.series_editions(idx, "py")] == ["py-2023", "py-2021"]
    assert queries.series_editions(idx, "none") == []
    groups = queries.person_sessions_by_series(idx, "ada", {"py": "PyCon"})
    shape = [
        (key, label, [(year, sorted(s.id for s in members)) for year, members in years])
        for key, label, years in groups
    ]
    assert shape == [
        (("series", "py"), "PyCon", [(2023, ["py-2023/b", "py-2023/c"]), (2021, ["py-2021/a"])]),
        (("event", "meet-2022"), "Meet 2022", [(2022, ["meet-2022/d"])]),
    ]
    bob = queries.person_sessions_by_series(idx, "bob", {})
    assert [(key, label) for key, label, _ in bob] == [(("series", "py"), "py")]
