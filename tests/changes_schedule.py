"""A small pretalx schedule for the schedule-change tests, and the changes made to it."""

from __future__ import annotations

import copy
from typing import Any


def person(code: str, name: str) -> dict[str, Any]:
    return {"code": code, "public_name": name, "biography": f"{name} speaks.", "answers": []}


def talk(code: str, title: str, start: str, room: str, people: list[dict[str, Any]]) -> dict:
    return {
        "guid": f"0b4c3d2e-0000-4000-8000-{code.lower().rjust(12, '0')}",
        "code": code,
        "id": int.from_bytes(code.encode(), "big") % 100000,
        "date": f"2031-05-{start}",
        "start": start.split("T")[1][:5],
        "duration": "00:30",
        "room": room,
        "slug": f"chg-{code.lower()}",
        "title": title,
        "subtitle": "",
        "track": "Main",
        "type": "Talk",
        "language": "en",
        "abstract": f"About {title}.",
        "description": "",
        "persons": people,
        "links": [],
        "attachments": [],
        "answers": [],
    }


ADA = person("ADA1", "Ada Lovelace")
GRACE = person("GRC1", "Grace Hopper")
ALAN = person("ALN1", "Alan Turing")
KATH = person("KTH1", "Katherine Johnson")


def version1() -> dict[str, Any]:
    """Five sessions over one day in two rooms."""
    talks = [
        talk("AAA", "Opening", "10T10:00:00+02:00", "Room A", [ADA]),
        talk("BBB", "Compilers for everyone", "10T11:00:00+02:00", "Room A", [GRACE]),
        talk("CCC", "Machines that think", "10T11:00:00+02:00", "Room B", [ALAN]),
        talk("DDD", "Orbits by hand", "10T14:00:00+02:00", "Room B", [KATH]),
        talk("EEE", "Closing", "10T17:00:00+02:00", "Room A", [ADA, GRACE]),
    ]
    return schedule(talks)


def schedule(talks: list[dict[str, Any]]) -> dict[str, Any]:
    rooms: dict[str, list[dict[str, Any]]] = {}
    for t in talks:
        rooms.setdefault(t["room"], []).append(t)
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "pretalx", "version": "2025.1.0"},
        "schedule": {
            "version": "1",
            "base_url": "https://pretalx.example.org/chgcon-2031/schedule/",
            "conference": {
                "acronym": "chgcon-2031",
                "title": "ChangeCon 2031",
                "start": "2031-05-10",
                "end": "2031-05-10",
                "daysCount": 1,
                "timeslot_duration": "00:05",
                "time_zone_name": "Europe/Berlin",
                "url": "https://chgcon.example.org/",
                "tracks": [{"name": "Main", "color": "#000000"}],
                "rooms": [{"name": "Room A"}, {"name": "Room B"}],
                "days": [
                    {
                        "index": 1,
                        "date": "2031-05-10",
                        "day_start": "2031-05-10T04:00:00+02:00",
                        "day_end": "2031-05-11T03:59:00+02:00",
                        "rooms": rooms,
                    }
                ],
            },
        },
    }


def version2() -> dict[str, Any]:
    """Version 1 with an added, a cancelled, a moved, a retitled and a re-speakered session."""
    talks = version1()["schedule"]["conference"]["days"][0]["rooms"]
    flat = {t["code"]: copy.deepcopy(t) for ts in talks.values() for t in ts}
    del flat["DDD"]  # cancelled: gone from the export
    flat["CCC"].update(date="2031-05-10T15:00:00+02:00", start="15:00", room="Room A")  # moved
    flat["BBB"]["title"] = "Compilers for everybody"  # retitled
    flat["EEE"]["persons"] = [ADA, ALAN]  # speakers changed
    flat["FFF"] = talk("FFF", "Late addition", "10T16:00:00+02:00", "Room B", [KATH])  # added
    return schedule(list(flat.values()))
