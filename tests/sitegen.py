"""A small generator of conference sites, for the nothing-lost and incremental tests.

:class:`Site` is a plain model (people, events with sessions, posts) that is
written out in the authoring syntax of ``DESIGN.md``.  Every page that should
list an object carries the directive that lists it: an event lists its
sessions and speakers, a person lists their sessions and posts, a tag page
lists everything with the tag, the archive lists every post.  ``write`` only
touches files whose text changed (and bumps their modification time), so an
incremental build sees exactly the edit.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_conference.core.model import tag_slug

TAGS = ["Security", "Community", "Open Data", "Platform Engineering", "Policy", "Hardware"]
FIRST = [
    "Ada",
    "Grace",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Alan",
    "Radia",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Kay",
    "Perlman",
]
CONF = """extensions = ["sphinx_conference", "sphinx_sitemap"]
html_baseurl = "https://example.org/"
sitemap_url_scheme = "{link}"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
conference_today = "2024-06-01"
conference_unlisted = ["posts/*", "people/*", "events/*", "tags/*"]
"""


@dataclass
class Person:
    id: str
    name: str
    tags: list[str] = field(default_factory=list)


@dataclass
class Sess:
    slug: str
    title: str
    speakers: list[str]
    tags: list[str]
    start: dt.datetime


@dataclass
class Event:
    id: str
    name: str
    start: dt.date
    tags: list[str]
    sessions: list[Sess] = field(default_factory=list)


@dataclass
class Post:
    slug: str
    title: str
    date: dt.date
    authors: list[str]
    tags: list[str]


@dataclass
class Site:
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    counter: int = 0

    # -- generation ------------------------------------------------------------------

    @classmethod
    def generate(
        cls, rng: random.Random, people: int = 6, events: int = 2, sessions: int = 3, posts: int = 6
    ) -> Site:
        site = cls()
        for i in range(people):
            name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 3) % len(LAST)]}"
            pid = f"p{i}-{name.lower().replace(' ', '-')}"
            site.people[pid] = Person(pid, name, rng.sample(TAGS, rng.randint(0, 2)))
        for e in range(events):
            eid = f"conf-{2020 + e}"
            start = dt.date(2020 + e, 3, 1)
            ev = Event(eid, f"Conf {2020 + e}", start, rng.sample(TAGS, 1))
            for s in range(sessions):
                ev.sessions.append(
                    Sess(
                        f"talk-{s}",
                        f"Talk {s} of {ev.name}",
                        rng.sample(sorted(site.people), rng.randint(1, 2)),
                        rng.sample(TAGS, rng.randint(1, 2)),
                        dt.datetime(start.year, 3, 1, 9 + s),
                    )
                )
            site.events[eid] = ev
        for _ in range(posts):
            site.add_post(rng)
        return site

    def add_post(self, rng: random.Random) -> Post:
        self.counter += 1
        slug = f"post-{self.counter}"
        post = Post(
            slug,
            f"Post number {self.counter}",
            dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 400)),
            rng.sample(sorted(self.people), rng.randint(1, min(2, len(self.people))))
            if self.people
            else [],
            rng.sample(TAGS, rng.randint(0, 3)),
        )
        self.posts[slug] = post
        return post

    def sessions(self) -> list[tuple[Event, Sess]]:
        return [(ev, s) for ev in self.events.values() for s in ev.sessions]

    def all_tags(self) -> list[str]:
        return TAGS

    # -- rendering -------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        out = {"conf.py": CONF, "index.md": INDEX, "posts/index.md": ARCHIVE}
        for p in self.people.values():
            tags = f":tags: {', '.join(p.tags)}\n" if p.tags else ""
            out[f"people/{p.id}.md"] = (
                f"# {p.name}\n\n:::{{speaker}} {p.id}\n:name: {p.name}\n{tags}\nBio of {p.name}.\n:::\n\n"
                f"## Sessions\n\n:::{{session-list}}\n:speaker: {p.id}\n:::\n\n"
                f"## Posts\n\n:::{{post-list}}\n:author: {p.id}\n:::\n"
            )
        for ev in self.events.values():
            text = (
                f"# {ev.name}\n\n:::{{event}} {ev.id}\n:name: {ev.name}\n:start: {ev.start}\n"
                f":tags: {', '.join(ev.tags)}\n:::\n\n"
            )
            for s in ev.sessions:
                text += (
                    f":::{{session}} {ev.id}/{s.slug}\n:title: {s.title}\n:speakers: {', '.join(s.speakers)}\n"
                    f":type: talk\n:start: {s.start:%Y-%m-%d %H:%M}\n:duration: 30\n"
                    + (f":tags: {', '.join(s.tags)}\n" if s.tags else "")
                    + f"\nAbstract of {s.title}.\n:::\n\n"
                )
            text += (
                f"## Programme\n\n:::{{session-list}}\n:event: {ev.id}\n:layout: table\n:::\n\n"
                f"## Speakers\n\n:::{{speaker-list}}\n:event: {ev.id}\n:::\n"
            )
            out[f"events/{ev.id}.md"] = text
        for post in self.posts.values():
            front = f"date: {post.date}\n"
            if post.authors:
                front += f"authors: {', '.join(post.authors)}\n"
            if post.tags:
                front += f"tags: {', '.join(post.tags)}\n"
            mentions = " ".join(f"{{speaker}}`{a}`" for a in post.authors)
            out[f"posts/{post.slug}.md"] = (
                f"---\n{front}---\n# {post.title}\n\nWritten with {mentions}.\n"
            )
        for tag in self.all_tags():
            out[f"tags/{tag_slug(tag)}.md"] = (
                f"# Tag {tag}\n\n## Posts\n\n:::{{post-list}}\n:tag: {tag}\n:::\n\n"
                f"## Sessions\n\n:::{{session-list}}\n:tag: {tag}\n:::\n\n"
                f"## People\n\n:::{{speaker-list}}\n:tag: {tag}\n:::\n"
            )
        return out

    def write(self, root: Path, tick: int = 0) -> None:
        """Write the site into ``root``: changed files only; files gone from the site are deleted."""
        want = self.files()
        for path in sorted(root.rglob("*.md")) + sorted(root.glob("conf.py")):
            rel = str(path.relative_to(root))
            if "_build" not in rel and rel not in want:
                path.unlink()
        for rel, text in want.items():
            path = root / rel
            if path.exists() and path.read_text("utf-8") == text:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            if tick:  # a modification time that is newer than the last build, whatever the clock
                stamp = path.stat().st_mtime + tick
                os.utime(path, (stamp, stamp))


INDEX = """# Generated site

```{toctree}
:hidden:
posts/index
```

## Latest posts

:::{post-list}
:limit: 3
:::

## Every session

:::{session-list}
:layout: agenda
:::

## Everyone

:::{speaker-list}
:::
"""

ARCHIVE = """# Archive

:::{post-list}
:::
"""
