"""A synthetic archive of one conference across its editions, for ``run.py --archive``.

    python benchmarks/archive.py OUTDIR [--editions 10] [--sessions 800] [--seed 20]

writes the schedules only (``OUTDIR/schedules/``): one c3voc/frab ``schedule.json`` per
edition and a copy of the newest edition with :data:`CHANGES` changes.  ``run.py
--archive`` imports them with ``python -m sphinx_conference import`` into a site that also
has the posts of the N = 500 benchmark site, and builds it.

Each edition has ``sessions`` sessions (800 by default) given by ``0.75 x sessions``
speakers (about 600); from the second edition on, :data:`RETURNING` (60 %) of an edition's
speakers spoke at an earlier one, under the very same name, so the importer maps them to
the person page they already have.  Everything comes from one seeded random generator: the
same arguments give the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import generate  # noqa: E402

#: The series' id, and the acronym prefix of its editions (``archconf-2016`` ...).
SERIES = "archconf"
SERIES_NAME = "Archive Conference"
FIRST_YEAR = 2016
#: Share of an edition's speakers who spoke at an earlier edition (from the second on).
RETURNING = 0.6
#: Speakers per session, on average over an edition (600 for 800 sessions).
SPEAKERS_PER_SESSION = 0.75
#: Number of changes in the re-imported edition, and how many of each kind.
CHANGE_KINDS = ("moved", "retitled", "cancelled", "added", "speakers")
CHANGES = 20
SLOTS_PER_DAY = 20  # 09:00 to 19:00, every 30 minutes
TIMEZONE = "Europe/Brussels"
TRACKS = [
    "Community",
    "Security",
    "Languages",
    "Databases",
    "Embedded",
    "Legal and Policy",
    "Web",
    "Infrastructure",
    "Science",
    "Education",
]
TYPES = ["lecture", "lecture", "lecture", "lightning", "workshop"]

FIRST = [
    "Ada", "Alan", "Anita", "Barbara", "Bjarne", "Brian", "Carol", "Charles", "Dennis",
    "Donald", "Edsger", "Elena", "Frances", "Fernando", "Grace", "Guido", "Hedy", "Ivan",
    "Jean", "John", "Karen", "Ken", "Larry", "Leslie", "Linus", "Lynn", "Margaret", "Mary",
    "Niklaus", "Ole", "Radia", "Rasmus", "Richard", "Robin", "Shafi", "Sophie", "Tim",
    "Ursula", "Vint", "Yukihiro",
]  # fmt: skip
LAST = [
    "Abbott", "Baker", "Carver", "Dawson", "Ellis", "Fischer", "Garcia", "Hughes", "Ibsen",
    "Jensen", "Kowalski", "Lambert", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi",
    "Sato", "Tanaka", "Umar", "Varga", "Weber", "Xu", "Yilmaz", "Zhang", "Andersen",
    "Bianchi", "Costa", "Dubois", "Eriksen", "Fontaine", "Gomez", "Horvat", "Ivanova",
    "Jovanovic", "Kim", "Larsen", "Mendes", "Nakamura", "Olsen", "Pereira", "Richter",
    "Schmidt", "Torres", "Urbina", "Vogel", "Walsh", "Young", "Zimmermann",
]  # fmt: skip


@dataclass(frozen=True)
class ArchiveSizes:
    """How big the archive is."""

    editions: int = 10
    sessions: int = 800
    seed: int = 20

    @property
    def speakers(self) -> int:
        """Distinct speakers of one edition (600 for 800 sessions)."""
        return max(1, round(self.sessions * SPEAKERS_PER_SESSION))

    @property
    def rooms(self) -> int:
        """Rooms: each holds :data:`SLOTS_PER_DAY` sessions a day over two days."""
        return max(1, -(-self.sessions // (2 * SLOTS_PER_DAY)))


def person_name(i: int) -> str:
    """The name of person ``i``: the same at every edition (the importer matches names)."""
    first, rest = FIRST[i % len(FIRST)], i // len(FIRST)
    name = f"{first} {LAST[rest % len(LAST)]}"
    extra = rest // len(LAST)
    return name if not extra else f"{name}-{LAST[(extra - 1) % len(LAST)]}"


def edition_year(e: int) -> int:
    """Year of edition ``e`` (one a year)."""
    return FIRST_YEAR + e


def edition_id(e: int) -> str:
    """The event id the importer gives edition ``e`` (the slug of its acronym)."""
    return f"{SERIES}-{edition_year(e)}"


def edition_speakers(sizes: ArchiveSizes) -> list[list[int]]:
    """Person numbers of each edition's speakers: returning ones first, then new ones."""
    rng = random.Random(f"{sizes.seed}-speakers")
    out: list[list[int]] = []
    pool: list[int] = []  # everyone who spoke at an earlier edition
    for e in range(sizes.editions):
        returning = min(len(pool), round(sizes.speakers * RETURNING)) if e else 0
        back = sorted(rng.sample(pool, returning))
        new = list(range(len(pool), len(pool) + sizes.speakers - returning))
        out.append(back + new)
        pool.extend(new)
    return out


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(generate.WORDS) for _ in range(n))


def _person(i: int) -> dict[str, Any]:
    return {"id": 10000 + i, "public_name": person_name(i)}


def _session(
    sizes: ArchiveSizes, e: int, k: int, rng: random.Random, speakers: list[int]
) -> dict[str, Any]:
    """Session ``k`` of edition ``e``: its slot, room, title, speakers and abstract."""
    year = edition_year(e)
    day = dt.date(year, 2, 3) + dt.timedelta(days=k // (sizes.rooms * SLOTS_PER_DAY))
    slot = k % SLOTS_PER_DAY
    room = f"Room {(k // SLOTS_PER_DAY) % sizes.rooms + 1:02d}"
    start = dt.time(9 + slot // 2, 30 * (slot % 2))
    who = [speakers[k % len(speakers)]]
    if k % 4 == 3:  # a quarter of the sessions have a second speaker
        other = speakers[rng.randrange(len(speakers))]
        if other not in who:
            who.append(other)
    sid = 100000 * (e + 1) + k
    title = f"{_words(rng, 4).capitalize()} {year}-{k:04d}"
    return {
        "id": sid,
        "guid": f"00000000-0000-4000-8000-{sid:012d}",
        "date": f"{day}T{start:%H:%M}:00+01:00",
        "start": f"{start:%H:%M}",
        "duration": "00:25",
        "room": room,
        "slug": f"{SERIES}-{year}-{sid}",
        "title": title,
        "subtitle": "",
        "track": TRACKS[rng.randrange(len(TRACKS))],
        "type": TYPES[rng.randrange(len(TYPES))],
        "language": "en",
        "abstract": " ".join(generate.paragraph(rng, 60)),
        "description": "",
        "persons": [_person(p) for p in who],
        "links": [],
        "attachments": [],
    }


def make_edition(sizes: ArchiveSizes, e: int, speakers: list[int]) -> dict[str, Any]:
    """Edition ``e``'s ``schedule.json`` (c3voc/frab), with ``speakers`` (person numbers)."""
    rng = random.Random(f"{sizes.seed}-edition-{e}")
    year = edition_year(e)
    order = list(speakers)
    rng.shuffle(order)  # who gets a second session is not always the returning ones
    sessions = [_session(sizes, e, k, rng, order) for k in range(sizes.sessions)]
    last = max(dt.date.fromisoformat(s["date"][:10]) for s in sessions)
    first = dt.date(year, 2, 3)
    days = []
    for d in range((last - first).days + 1):
        date = first + dt.timedelta(days=d)
        rooms: dict[str, list[dict[str, Any]]] = {}
        for s in sessions:
            if s["date"].startswith(str(date)):
                rooms.setdefault(s["room"], []).append(s)
        days.append(
            {
                "index": d + 1,
                "date": str(date),
                "day_start": f"{date}T08:00:00+01:00",
                "day_end": f"{date}T20:00:00+01:00",
                "rooms": rooms,
            }
        )
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "schedule": {
            "version": "1.0",
            "base_url": f"https://archconf.example.org/{year}/",
            "conference": {
                "acronym": edition_id(e),
                "title": f"{SERIES_NAME} {year}",
                "start": str(first),
                "end": str(last),
                "daysCount": len(days),
                "timeslot_duration": "00:30",
                "time_zone_name": TIMEZONE,
                "rooms": [{"name": f"Room {r + 1:02d}"} for r in range(sizes.rooms)],
                "tracks": [{"name": t} for t in TRACKS],
                "days": days,
            },
        },
    }


def sessions_of(schedule: dict[str, Any]) -> list[dict[str, Any]]:
    """Every session of a schedule, day by day and room by room."""
    return [
        s
        for day in schedule["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for s in events
    ]


def change_edition(
    schedule: dict[str, Any], sizes: ArchiveSizes, e: int, count: int = CHANGES
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A copy of edition ``e``'s schedule with ``count`` changes, and the list of them.

    The changes are spread evenly over :data:`CHANGE_KINDS`: a session moved (another
    time and room), retitled, cancelled (gone from the export), added (a new one), or
    given another speaker (someone who already has a page).
    """
    rng = random.Random(f"{sizes.seed}-changes-{e}")
    new = copy.deepcopy(schedule)
    days = new["schedule"]["conference"]["days"]
    sessions = sessions_of(new)
    kinds = [CHANGE_KINDS[i % len(CHANGE_KINDS)] for i in range(count)]
    touched = rng.sample(range(len(sessions)), sum(k != "added" for k in kinds))
    picks = iter(touched)
    changes: list[dict[str, Any]] = []
    step = 30 if sizes.rooms > 1 else 15
    for n, kind in enumerate(kinds):
        # Moved and added sessions go to the last evening, after every regular slot, each to
        # a slot of its own.
        minutes = 19 * 60 + step * (n // sizes.rooms)
        late = dt.time(minutes // 60, minutes % 60)
        room = f"Room {n % sizes.rooms + 1:02d}"
        if kind == "added":
            sid = 100000 * (e + 1) + 90000 + n
            added = {
                **copy.deepcopy(sessions[0]),
                "id": sid,
                "guid": f"00000000-0000-4000-8000-{sid:012d}",
                "slug": f"{SERIES}-{edition_year(e)}-{sid}",
                "title": f"Added session {n}: {_words(rng, 3)}",
                "date": f"{days[-1]['date']}T{late:%H:%M}:00+01:00",
                "start": f"{late:%H:%M}",
                "room": room,
                "abstract": " ".join(generate.paragraph(rng, 60)),
            }
            days[-1]["rooms"].setdefault(added["room"], []).append(added)
            changes.append({"kind": kind, "id": sid, "title": added["title"]})
            continue
        s = sessions[next(picks)]
        change: dict[str, Any] = {"kind": kind, "id": s["id"], "title": s["title"]}
        if kind == "moved":
            change["from"] = f"{s['date']} {s['room']}"
            _relocate(days, s, days[-1]["date"], f"{late:%H:%M}", room)
            change["to"] = f"{s['date']} {s['room']}"
        elif kind == "retitled":
            s["title"] = f"{s['title']} (revised)"
            change["to"] = s["title"]
        elif kind == "cancelled":
            for day in days:
                for events in day["rooms"].values():
                    if s in events:
                        events.remove(s)
        else:  # speakers: another person, who spoke at this edition already
            names = {p["public_name"] for p in s["persons"]}
            pool = [
                p
                for other in sessions
                for p in other["persons"]
                if p["public_name"] not in names and other is not s
            ]
            replacement = dict(pool[rng.randrange(len(pool))])
            change["from"] = [p["public_name"] for p in s["persons"]]
            s["persons"] = [replacement, *s["persons"][1:]]
            change["to"] = [p["public_name"] for p in s["persons"]]
        changes.append(change)
    return new, changes


def _relocate(days: list[dict[str, Any]], s: dict[str, Any], date: str, at: str, room: str) -> None:
    for day in days:
        for events in day["rooms"].values():
            if s in events:
                events.remove(s)
    s["date"], s["start"], s["room"] = f"{date}T{at}:00+01:00", at, room
    for day in days:
        if day["date"] == date:
            day["rooms"].setdefault(room, []).append(s)


def write_schedules(folder: Path, sizes: ArchiveSizes) -> tuple[list[Path], Path, list[dict]]:
    """Every edition's ``schedule.json`` and the changed copy of the newest; the changes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    schedules = []
    for e, speakers in enumerate(edition_speakers(sizes)):
        schedule = make_edition(sizes, e, speakers)
        schedules.append(schedule)
        path = folder / f"{edition_id(e)}.json"
        path.write_text(json.dumps(schedule, indent=1, sort_keys=True), "utf-8")
        paths.append(path)
    last = sizes.editions - 1
    changed, changes = change_edition(schedules[last], sizes, last)
    changed_path = folder / f"{edition_id(last)}-changed.json"
    changed_path.write_text(json.dumps(changed, indent=1, sort_keys=True), "utf-8")
    (folder / "changes.json").write_text(json.dumps(changes, indent=1), "utf-8")
    return paths, changed_path, changes


# -- the site ----------------------------------------------------------------------------


def importer_has_series() -> bool:
    """Whether ``python -m sphinx_conference import`` takes ``--series`` (issue 20)."""
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx_conference", "import", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    return "--series" in proc.stdout


def import_command(schedule: Path, site: Path, series: bool) -> list[str]:
    """The import command of one schedule into ``site``'s ``events/``."""
    cmd = [sys.executable, "-m", "sphinx_conference", "import", str(schedule)]
    cmd += ["--into", str(site / "events"), "--quiet"]
    return cmd + (["--series", SERIES] if series else [])


_ROLE = re.compile(r"\{(event|session|speaker)\}`[^`]*`")


def archive_post(i: int, targets: list[tuple[str, str, str]]) -> str:
    """Post ``i`` of the N = 500 site, its references pointing into the archive."""
    event, session, speaker = targets[i % len(targets)]
    ids = {"event": event, "session": session, "speaker": speaker}
    text = generate.post_page("site", generate.Sizes(500), i)
    return _ROLE.sub(lambda m: f"{{{m.group(1)}}}`{ids[m.group(1)]}`", text)


SERIES_CONF = """
# Benchmark archive: the series of the imported editions (issue 20).
conference_series = {{"{id}": {{"name": "{name}", "description": "A synthetic series."}}}}
"""


def write_site_frame(root: Path, series: bool) -> None:
    """``conf.py`` (the repository's), the home page and the index pages."""
    root.mkdir(parents=True, exist_ok=True)
    generate.write_conf(root, "site")
    if series:
        with (root / "conf.py").open("a", encoding="utf-8") as fh:
            fh.write(SERIES_CONF.format(id=SERIES, name=SERIES_NAME))
    pages = generate.index_pages("site", generate.Sizes(500))
    pages["events/index.md"] = "# Events\n\n:::{event-list}\n:when: past\n:group-by: year\n:::\n"
    for rel, text in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


_SESSION = re.compile(
    r"^:::\{session\} (\S+)\n(?::[\w-]+:.*\n)*?:speakers: ([^,\s]+)", re.MULTILINE
)


def write_posts(root: Path, n: int = 500) -> None:
    """The ``n`` posts, pointing at the imported editions' events, sessions and speakers."""
    targets = []
    for index in sorted((root / "events").glob("*/*/index.md")):
        event = re.search(r"^:::\{event\} (\S+)", index.read_text("utf-8"), re.MULTILINE)
        # A large event has a page per session; a small one keeps them on its page.
        for page in [*sorted(index.parent.glob("*.md")), index]:
            found = _SESSION.search(page.read_text("utf-8"))
            if event and found:
                targets.append((event.group(1), found.group(1), found.group(2)))
                break
    if not targets:
        raise RuntimeError(f"no imported session with a speaker under {root / 'events'}")
    sizes = generate.Sizes(n)
    for a in range(generate.N_AUTHORS):  # the posts' authors, as on the N = 500 site
        path = root / "people" / f"{generate.person_id(a)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate.person_page("site", sizes, a), "utf-8")
    for i in range(n):
        path = root / generate.post_path(i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(archive_post(i, targets), "utf-8")


# -- the floor: the same pages, directives as plain text ------------------------------------

_FENCE = re.compile(r"^(:{3,}|`{3,})\{([\w-]+)\}\s*(.*)$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
_ANY_ROLE = re.compile(r"\{[\w:-]+\}`(?:[^`<]*<)?([^`>]*)>?`")


def floor_text(text: str, orphan: bool = True) -> str:
    """A page of the site as the floor builds it: every directive of the extension becomes
    a plain paragraph of its argument and options, its content stays, roles become their
    text; the page is an orphan (the floor has no lists linking to it)."""
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        front = [ln for ln in lines[1:end] if not ln.startswith("orphan:")]
        out += ["---", *(["orphan: true"] if orphan else []), *front, "---"]
        i = end + 1
    elif orphan:
        out += ["---", "orphan: true", "---"]
    closers: list[str] = []
    while i < len(lines):
        line = lines[i]
        m = _FENCE.match(line)
        if m and m.group(2) != "toctree":
            closers.append(m.group(1))
            facts = [m.group(3)] if m.group(3) else []
            i += 1
            while i < len(lines) and (opt := _OPTION.match(lines[i])):
                facts.append(f"{opt.group(1)}: {opt.group(2)}")
                i += 1
            out += ["", "; ".join(_ANY_ROLE.sub(r"\1", f) for f in facts) + ".", ""]
            continue
        if closers and line.strip() == closers[-1]:
            closers.pop()
            i += 1
            continue
        out.append(_ANY_ROLE.sub(r"\1", line))
        i += 1
    return "\n".join(out) + "\n"


def write_floor(site: Path, floor: Path) -> int:
    """The floor of ``site``: every Markdown page through :func:`floor_text`; its count."""
    floor.mkdir(parents=True, exist_ok=True)
    generate.write_conf(floor, "floor")
    count = 0
    for path in sorted(site.rglob("*.md")):
        rel = path.relative_to(site)
        if rel.parts[0].startswith(("_", ".")):
            continue
        dest = floor / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(floor_text(path.read_text("utf-8"), rel.as_posix() != "index.md"), "utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    """Command line: write the schedules."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--editions", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=800)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args(argv)
    sizes = ArchiveSizes(args.editions, args.sessions, args.seed)
    paths, changed, changes = write_schedules(args.outdir / "schedules", sizes)
    print(f"{len(paths)} schedules, and {changed.name} with {len(changes)} changes")


if __name__ == "__main__":
    main()
