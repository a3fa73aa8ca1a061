"""People across events, without a build: the name normalisation, matching and the site rules.

``core.names.fold`` (one key for the spellings of a name), ``core.consistency``'s alias
conflicts and probable duplicates, and the importer's ``PeoplePlan`` that maps a schedule's
people onto the people already on the site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_conference.cli.importers.common import PersonRecord, Report
from sphinx_conference.cli.importers.writer import ExistingPerson, PeoplePlan
from sphinx_conference.core import consistency, names, rules
from sphinx_conference.core.model import Person, Session

# -- the normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José Díaz", "Jose Diaz"),
        ("José Díaz", "JOSÉ DÍAZ"),
        ("  Jose \t  Diaz ", "jose diaz"),
        ("Jose\u00a0Diaz", "jose diaz"),  # a no-break space is a space
        ("Jose\u0301 Diaz", "Jose Diaz"),  # a combining accent, already decomposed
        ("Zoë Ångström", "zoe angstrom"),
        ("Straße", "STRASSE"),  # casefold, not lower
        ("ﬁona", "fiona"),  # NFKD splits the ligature
    ],
)
def test_fold_makes_spellings_of_one_name_equal(a, b):
    assert names.fold(a) == names.fold(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("mo", "mio"), ("Jose Diaz", "Josef Diaz"), ("Jean-Luc", "Jean Luc"), ("Ana", "Anna")],
)
def test_fold_keeps_other_names_apart(a, b):
    assert names.fold(a) != names.fold(b)


def test_similar_names_at_the_documented_threshold():
    assert names.SIMILAR_NAMES == 0.85
    assert names.similar("Jon Smith", "John Smith")
    assert names.similar("Katarzyna Nowak", "Katarzyna Nowakowska")
    assert names.similar("ERICH MOECHEL", "Erich Möchel")
    assert not names.similar("Jan Novak", "Jana Novakova")
    assert not names.similar("Sam Lee", "Kim Lee")
    assert names.similarity("Ada", "ada") == 1.0
    # a number tells two names apart, however alike the rest (generated sites, "Team 1")
    assert names.similarity("Person 12", "Person 17") > names.SIMILAR_NAMES
    assert not names.similar("Person 12", "Person 17")
    assert names.similar("Agent 007", "agent  007")


# -- the rule and the record --------------------------------------------------------------


def test_aliases_are_read_by_the_one_rule_into_the_record():
    reading = rules.read(
        rules.SPEAKER, "ada", {"name": "Ada Lovelace", "aliases": "Ada King,  A. Lovelace ,"}
    )
    assert reading.problems == []
    person = rules.to_record("speaker", "ada", reading.values, docname="people/ada", lineno=3)
    assert isinstance(person, Person)
    assert person.aliases == ("Ada King", "A. Lovelace")
    assert "aliases" in rules.RECORD_LINES["speaker"]


def test_markup_in_an_alias_is_a_warning():
    reading = rules.read(rules.SPEAKER, "ada", {"name": "Ada", "aliases": "<b>Ada</b>"})
    assert [(p.field, p.subtype) for p in reading.problems] == [("aliases", "markup")]


# -- alias conflicts (build and check) ----------------------------------------------------


def person(pid: str, name: str, *aliases: str, doc: str = "") -> Person:
    return Person(
        id=pid,
        docname=doc or f"people/{pid}",
        lineno=3,
        name=name,
        aliases=aliases,
        lines=(("aliases", 5),),
    )


def where(p: Person) -> str:
    return f"{p.docname}.md:{p.lineno}"


def test_an_alias_claimed_by_two_people_names_both_files():
    found = consistency.alias_conflicts(
        [person("bob", "Bob B", "The Builder"), person("alice", "Alice A", "the  BUILDER")],
        where,
    )
    assert len(found) == 1
    f = found[0]
    assert (f.docname, f.line, f.subtype) == ("people/bob", 5, "alias")  # the later file
    assert "'The Builder' is also an alias of 'alice' (people/alice.md:3)" in f.message
    assert f.message.startswith("{speaker} 'bob' field 'aliases': ")


def test_an_alias_equal_to_another_persons_name_names_both_files():
    found = consistency.alias_conflicts(
        [person("ada", "Ada Lovelace"), person("byron", "Ada Byron", "ADA LOVELACE")], where
    )
    assert [(f.docname, f.line, f.subtype) for f in found] == [("people/byron", 5, "alias")]
    assert "name of another person, 'ada' (people/ada.md:3)" in found[0].message


def test_own_name_and_repeated_alias_are_harmless():
    assert (
        consistency.alias_conflicts(
            [person("ada", "Ada Lovelace", "ada lovelace", "A", "a")], where
        )
        == []
    )


# -- probable duplicates (check) ----------------------------------------------------------


def session(sid: str, *speakers: str) -> Session:
    return Session(id=f"ev/{sid}", docname="events/ev", lineno=1, title=sid, speakers=speakers)


def test_the_same_name_once_folded_is_a_probable_duplicate():
    people = [person("jose-diaz", "José Díaz"), person("jose-diaz-2", "JOSE  DIAZ")]
    found = consistency.probable_duplicates(people, [], where)
    assert [(f.docname, f.line, f.subtype) for f in found] == [
        ("people/jose-diaz-2", 3, "probable-duplicate")
    ]
    assert "'jose-diaz' (people/jose-diaz.md:3)" in found[0].message


def test_similar_names_need_a_co_speaker_in_common():
    people = [person("jon", "Jon Smith"), person("john", "John Smith"), person("eve", "Eve")]
    assert consistency.probable_duplicates(people, [session("a", "jon")], where) == []
    talks = [session("a", "jon", "eve"), session("b", "eve", "john")]
    found = consistency.probable_duplicates(people, talks, where)
    assert len(found) == 1
    assert found[0].docname == "people/jon" and "both speak with 'eve'" in found[0].message
    assert "people/john.md:3" in found[0].message and "threshold 0.85" in found[0].message


def test_people_who_speak_together_are_not_duplicates():
    people = [person("jon", "Jon Smith"), person("john", "John Smith"), person("eve", "Eve")]
    talks = [session("a", "jon", "eve", "john")]
    assert consistency.probable_duplicates(people, talks, where) == []


def test_pairs_linked_by_an_alias_are_left_to_the_alias_warning():
    people = [person("ada", "Ada Lovelace"), person("ada-2", "ada lovelace", "Ada Lovelace")]
    assert consistency.probable_duplicates(people, [], where) == []


# -- the importer's matching --------------------------------------------------------------


def existing(pid: str, name: str, *aliases: str, event: str = "old") -> ExistingPerson:
    return ExistingPerson(pid, name, Path(f"people/{pid}.md"), event, True, aliases)


def plan_ids(site: list[ExistingPerson], people: list[tuple[str, str]]) -> tuple[list[str], Report]:
    plan = PeoplePlan(site)
    records = [PersonRecord(key=key, name=name) for key, name in people]
    report = Report()
    plan.reserve(records)
    return [plan.assign(r, report) for r in records], report


def test_another_spelling_or_an_alias_maps_to_the_existing_person():
    site = [existing("jose-diaz", "José Díaz", "Pepe Díaz"), existing("ada", "Ada Lovelace")]
    ids, report = plan_ids(site, [("id:1", "JOSE  DIAZ"), ("id:3", "ada lovelace")])
    assert ids == ["jose-diaz", "ada"] and report.warnings == []
    ids, report = plan_ids(site, [("id:2", "pepe diaz")])
    assert ids == ["jose-diaz"] and report.warnings == []


def test_two_people_of_one_schedule_do_not_share_an_existing_person():
    # "JOSE DIAZ" and "pepe diaz" are two people of this schedule: only the first is José.
    site = [existing("jose-diaz", "José Díaz", "Pepe Díaz")]
    ids, _ = plan_ids(site, [("id:1", "JOSE  DIAZ"), ("id:2", "pepe diaz")])
    assert ids == ["jose-diaz", "pepe-diaz"]


def test_two_people_of_one_schedule_stay_two_even_if_the_site_has_one():
    # Camp 2019 has "mo" and "Mo"; the site has one "MO" from another event.
    ids, _ = plan_ids([existing("mo", "MO")], [("id:1", "mo"), ("id:2", "Mo")])
    assert ids[0] == "mo" and ids[1] != "mo"
    assert len(set(ids)) == 2


def test_an_exact_spelling_wins_the_existing_person_over_an_earlier_folded_one():
    ids, _ = plan_ids([existing("mo", "Mo")], [("id:1", "mo"), ("id:2", "Mo")])
    assert ids == ["mo-2", "mo"]


def test_camp_2019_into_an_empty_site_is_two_people():
    ids, _ = plan_ids([], [("id:1", "mo"), ("id:2", "Mo")])
    assert ids == ["mo", "mo-2"]


def test_reimport_keeps_each_person_on_their_page():
    site = [existing("mo", "mo"), existing("mo-2", "Mo")]
    ids, report = plan_ids(site, [("id:1", "mo"), ("id:2", "Mo")])
    assert ids == ["mo", "mo-2"] and report.warnings == []


def test_an_ambiguous_match_picks_nobody_and_warns():
    site = [existing("jose-diaz", "José Díaz"), existing("jose-diaz-2", "Jose Diaz")]
    ids, report = plan_ids(site, [("id:1", "JOSE DIAZ")])
    assert ids == ["jose-diaz-3"]
    assert len(report.warnings) == 1
    assert "people/jose-diaz.md" in report.warnings[0]
    assert "people/jose-diaz-2.md" in report.warnings[0]
    assert "none is picked" in report.warnings[0]


def test_a_name_beats_an_alias_with_a_warning():
    site = [existing("pat", "Pat Lee"), existing("patricia", "Patricia Lee", "Pat Lee")]
    ids, report = plan_ids(site, [("id:1", "PAT LEE")])
    assert ids == ["pat"]
    assert len(report.warnings) == 1 and "the name wins" in report.warnings[0]


def test_two_aliases_of_different_people_are_ambiguous():
    site = [existing("a", "A One", "Sam"), existing("b", "B Two", "sam")]
    ids, report = plan_ids(site, [("id:1", "SAM")])
    assert ids == ["sam"] and "aliases of several people" in report.warnings[0]
