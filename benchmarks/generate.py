"""Generate synthetic sites in the authoring syntax of DESIGN.md, for the build benchmarks.

    python benchmarks/generate.py OUTDIR N [--flavour site|floor|ablog]

A site of size N has N posts (about 450 words each, 3 tags out of 30, dates over
seven years, 25 authors), N // 10 events of 10 sessions each (2 speakers per
session) and N // 5 people.  Everything is derived from the item's number, so
post ``i`` has the same text at every N (page sizes compare across sizes).

Flavours (the same content, three ways):

``site``
    The real site: the repository's ``conf.py``, ``_static`` and ``_templates``,
    every directive, role and list of ``sphinx_conference``.
``floor``
    Plain Sphinx + MyST with alabaster and no sidebar; the extension's directives
    and roles are replaced by plain text (the cost of the Markdown alone).
``ablog``
    The same posts for ABlog, with its documented setup (``blogpost: true`` front
    matter, alabaster with ABlog's sidebars).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLAVOURS = ("site", "site-no-speedups", "floor", "ablog")

N_TAGS = 30
N_AUTHORS = 25
SESSIONS_PER_EVENT = 10
FIRST_DAY = dt.date(2019, 1, 1)
DAYS = 7 * 365

TAGS = [
    "Platform Engineering",
    "Security",
    "Community",
    "Open Data",
    "Open Hardware",
    "Python",
    "Rust",
    "Kubernetes",
    "Observability",
    "Supply Chain",
    "Licensing",
    "Governance",
    "Accessibility",
    "Documentation",
    "Testing",
    "Machine Learning",
    "Databases",
    "Web",
    "Mobile",
    "Embedded",
    "Cloud",
    "Networking",
    "Privacy",
    "Funding",
    "Education",
    "Diversity",
    "Developer Experience",
    "Performance",
    "Packaging",
    "Policy",
]
assert len(TAGS) == N_TAGS

WORDS = [
    "open",
    "source",
    "community",
    "maintainers",
    "contributors",
    "release",
    "build",
    "test",
    "package",
    "project",
    "conference",
    "talk",
    "session",
    "speaker",
    "audience",
    "question",
    "answer",
    "slide",
    "demo",
    "keynote",
    "workshop",
    "security",
    "supply",
    "chain",
    "dependency",
    "license",
    "governance",
    "foundation",
    "funding",
    "sustainability",
    "platform",
    "developer",
    "experience",
    "tooling",
    "pipeline",
    "deploy",
    "cluster",
    "container",
    "network",
    "storage",
    "data",
    "model",
    "training",
    "inference",
    "privacy",
    "policy",
    "standard",
    "interoperability",
    "accessibility",
    "documentation",
    "tutorial",
    "onboarding",
    "mentoring",
    "newcomer",
    "issue",
    "review",
    "merge",
    "branch",
    "commit",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "on",
    "for",
    "with",
    "about",
    "from",
    "into",
    "over",
    "after",
    "before",
    "because",
    "while",
]

CONF_FLOOR = """\
project = "Floor"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_sidebars = {"**": []}
"""

# ABlog's documented setup (the conf.py written by ``ablog start``): alabaster with
# ABlog's sidebars, posts found by their ``blogpost: true`` front matter (MyST).
CONF_ABLOG = """\
project = "ABlog bench"
extensions = ["sphinx.ext.extlinks", "sphinx.ext.intersphinx", "sphinx.ext.todo", "alabaster", "ablog", "myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
blog_title = "ABlog bench"
blog_path = "blog"
blog_baseurl = "https://example.org/"
blog_post_pattern = ["posts/*/*"]
post_date_format = "%Y-%m-%d"
fontawesome_included = False
html_theme = "alabaster"
html_sidebars = {
    "**": [
        "ablog/postcard.html",
        "navigation.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "searchfield.html",
    ]
}
"""

CONF_SITE_TAIL = """
# Benchmark overrides: the generated site lives outside the repository.
html_baseurl = ""
"""


@dataclass(frozen=True)
class Sizes:
    """How many of each thing a site of size ``n`` has."""

    n: int

    @property
    def posts(self) -> int:
        """N posts."""
        return self.n

    @property
    def events(self) -> int:
        """N / 10 events."""
        return max(1, self.n // 10)

    @property
    def people(self) -> int:
        """N / 5 people (at least the 25 authors and two speakers per session slot)."""
        return max(N_AUTHORS, self.n // 5)


def person_id(i: int) -> str:
    """Id of person ``i``."""
    return f"person-{i:05d}"


def event_id(e: int) -> str:
    """Id of event ``e``."""
    return f"conf-{e:04d}"


def session_id(e: int, s: int) -> str:
    """Id of session ``s`` of event ``e``."""
    return f"{event_id(e)}/talk-{s:02d}"


def post_docname(i: int) -> str:
    """Docname of post ``i`` (without the year folder, which depends on the date)."""
    return f"post-{i:05d}"


def post_date(i: int) -> dt.date:
    """Date of post ``i``, spread over seven years."""
    return FIRST_DAY + dt.timedelta(days=(i * 7919) % DAYS)


def post_tags(i: int) -> list[str]:
    """Three distinct tags of post ``i``."""
    rng = random.Random(f"tags-{i}")
    return rng.sample(TAGS, 3)


def post_path(i: int) -> str:
    """Source path of post ``i`` relative to the site root."""
    return f"posts/{post_date(i).year}/{post_docname(i)}.md"


def event_year(e: int) -> int:
    """Year of event ``e``."""
    return 2019 + e % 7


def event_path(e: int) -> str:
    """Source path of event ``e``."""
    return f"events/{event_year(e)}/{event_id(e)}.md"


def session_speakers(sizes: Sizes, e: int, s: int) -> list[str]:
    """Two speakers of session ``s`` of event ``e``."""
    k = e * SESSIONS_PER_EVENT + s
    a = (k * 2) % sizes.people
    b = (k * 2 + 1) % sizes.people
    return [person_id(a), person_id(b)]


def sentence(rng: random.Random, n: int) -> str:
    """A sentence of ``n`` words."""
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> list[str]:
    """Sentences adding up to about ``words`` words."""
    out, total = [], 0
    while total < words:
        k = rng.randint(8, 18)
        out.append(sentence(rng, k))
        total += k
    return out


# -- the three flavours ------------------------------------------------------------------


def _ref(flavour: str, role: str, target: str, text: str) -> str:
    if flavour == "site":
        return f"{{{role}}}`{target}`"
    return text


def person_page(flavour: str, sizes: Sizes, i: int) -> str:
    """A person's page."""
    rng = random.Random(f"person-{i}")
    name = f"Person {i}"
    bio = " ".join(paragraph(rng, 40))
    tag = TAGS[i % N_TAGS]
    if flavour == "site":
        return (
            f"# {name}\n\n:::{{speaker}} {person_id(i)}\n:name: {name}\n:role: Engineer\n"
            f":org: Org {i % 40}\n:links: https://example.org/people/{i}\n:tags: {tag}\n\n{bio}\n:::\n"
        )
    return f"---\norphan: true\n---\n# {name}\n\nEngineer, Org {i % 40}. Tags: {tag}.\n\n{bio}\n"


def session_block(flavour: str, sizes: Sizes, e: int, s: int, day: dt.date) -> str:
    """One session of an event."""
    rng = random.Random(f"session-{e}-{s}")
    title = f"Talk {s} at conference {e}: " + " ".join(rng.choice(WORDS) for _ in range(4))
    speakers = session_speakers(sizes, e, s)
    tags = rng.sample(TAGS, 2)
    track = f"Track {s % 3}"
    start = dt.datetime.combine(day + dt.timedelta(days=s // 5), dt.time(9 + s % 5, 0))
    abstract = " ".join(paragraph(rng, 60))
    if flavour == "site":
        return (
            f":::{{session}} {session_id(e, s)}\n:title: {title}\n:event: {event_id(e)}\n"
            f":speakers: {', '.join(speakers)}\n:track: {track}\n:type: talk\n"
            f":start: {start:%Y-%m-%d %H:%M}\n:duration: 30\n:room: Room {s % 4}\n"
            f":tags: {', '.join(tags)}\n\n{abstract}\n:::\n"
        )
    who = ", ".join(f"Person {int(p.rsplit('-', 1)[1])}" for p in speakers)
    return (
        f"## {title}\n\n{who}. {track}, talk, {start:%Y-%m-%d %H:%M}, 30 minutes, Room {s % 4}. "
        f"Tags: {', '.join(tags)}.\n\n{abstract}\n"
    )


def event_page(flavour: str, sizes: Sizes, e: int) -> str:
    """An event page with its ten sessions and a list of them."""
    rng = random.Random(f"event-{e}")
    year = event_year(e)
    start = dt.date(year, 1 + e % 12, 1 + e % 27)
    end = start + dt.timedelta(days=1)
    name = f"Conference {e}"
    about = " ".join(paragraph(rng, 50))
    sessions = "\n".join(
        session_block(flavour, sizes, e, s, start) for s in range(SESSIONS_PER_EVENT)
    )
    if flavour == "site":
        return (
            f"# {name}\n\n:::{{event}} {event_id(e)}\n:name: {name}\n:start: {start}\n:end: {end}\n"
            f":venue: Centre {e}\n:city: City {e % 50}\n:country: GB\n:timezone: Europe/London\n"
            f":url: https://example.org/conf/{e}\n:tracks: Track 0; Track 1; Track 2\n"
            f":tags: Conference, {TAGS[e % N_TAGS]}\n\n{about}\n:::\n\n## Sessions\n\n{sessions}\n"
            f"## Programme\n\n:::{{session-list}}\n:event: {event_id(e)}\n:group-by: track\n:::\n"
        )
    return (
        f"---\norphan: true\n---\n# {name}\n\n{start} to {end}, Centre {e}, City {e % 50}, GB. "
        f"Tracks: Track 0; Track 1; Track 2.\n\n{about}\n\n{sessions}\n## Programme\n\n"
        "The programme, by track.\n"
    )


def post_page(flavour: str, sizes: Sizes, i: int) -> str:
    """A post of about 450 words with three tags, an author and a few references."""
    rng = random.Random(f"post-{i}")
    date = post_date(i)
    author = person_id(i % N_AUTHORS)
    tags = post_tags(i)
    title = f"Post {i}: " + " ".join(rng.choice(WORDS) for _ in range(5))
    summary = sentence(rng, 12)
    e = i % sizes.events
    s = i % SESSIONS_PER_EVENT
    refs = (
        _ref(flavour, "event", event_id(e), f"Conference {e}"),
        _ref(flavour, "session", session_id(e, s), f"talk {s} at conference {e}"),
        _ref(flavour, "speaker", session_speakers(sizes, e, s)[0], "its first speaker"),
    )
    body: list[str] = []
    for k in range(4):
        words = paragraph(rng, 105)
        if k == 0:
            words.insert(1, f"We were at {refs[0]} and saw {refs[1]} by {refs[2]}.")
        body.append(f"## Part {k + 1}\n\n" + " ".join(words) if k else " ".join(words))
    text = "\n\n".join(body)
    if flavour == "ablog":
        front = (
            f"---\nblogpost: true\ndate: {date}\nauthor: Person {i % N_AUTHORS}\n"
            f"tags: {', '.join(tags)}\ncategory: Recaps\n---\n"
        )
    elif flavour == "site":
        front = f"---\ndate: {date}\nauthors: {author}\ntags: {', '.join(tags)}\nsummary: {summary}\n---\n"
    else:
        front = f"---\norphan: true\ndate: {date}\ntags: {', '.join(tags)}\n---\n"
    return f"{front}# {title}\n\n{text}\n"


def index_pages(flavour: str, sizes: Sizes) -> dict[str, str]:
    """The home page and the folder index pages."""
    if flavour == "site":
        return {
            "index.md": (
                "# Bench site\n\n## Latest posts\n\n:::{post-list}\n:limit: 5\n:::\n\n"
                "```{toctree}\n:hidden:\n\nposts/index\nevents/index\npeople/index\n```\n"
            ),
            "posts/index.md": "# Posts\n\n:::{post-list}\n:::\n",
            "people/index.md": "# People\n\n:::{speaker-list}\n:::\n",
            "events/index.md": "# Events\n\n"
            + "".join(f"- {{event}}`{event_id(e)}`\n" for e in range(sizes.events)),
        }
    if flavour == "ablog":
        return {
            "index.md": '# ABlog bench\n\n```{postlist} 5\n:date: "%Y-%m-%d"\n```\n',
        }
    return {
        "index.md": "# Floor site\n\nThe latest posts.\n\n"
        "```{toctree}\n:hidden:\n\nposts/index\nevents/index\npeople/index\n```\n",
        "posts/index.md": "# Posts\n\nEvery post, newest first.\n",
        "people/index.md": "# People\n\nEvery person.\n",
        "events/index.md": "# Events\n\n"
        + "".join(f"- Conference {e}\n" for e in range(sizes.events)),
    }


#: The line of the site's ``conf.py`` that lists the optional speed-ups.
SPEEDUPS_LINE = '    "sphinx_conference.speedups",\n'


def write_conf(root: Path, flavour: str) -> None:
    """The configuration: the repository's own for ``site`` (without the speed-ups for
    ``site-no-speedups``)."""
    if flavour in ("site", "site-no-speedups"):
        text = (REPO / "conf.py").read_text("utf-8") + CONF_SITE_TAIL
        if flavour == "site-no-speedups":
            if SPEEDUPS_LINE not in text:
                raise ValueError("conf.py does not list sphinx_conference.speedups")
            text = text.replace(SPEEDUPS_LINE, "")
        (root / "conf.py").write_text(text, "utf-8")
        for folder in ("_static", "_templates"):
            if (REPO / folder).is_dir():
                shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    else:
        (root / "conf.py").write_text(CONF_FLOOR if flavour == "floor" else CONF_ABLOG, "utf-8")


def generate(root: Path, n: int, flavour: str = "site") -> Path:
    """Write a synthetic site of size ``n`` into ``root`` (created if needed) and return it."""
    if flavour not in FLAVOURS:
        raise ValueError(f"flavour must be one of {FLAVOURS}, got {flavour!r}")
    sizes = Sizes(n)
    root.mkdir(parents=True, exist_ok=True)
    write_conf(root, flavour)
    flavour = "site" if flavour == "site-no-speedups" else flavour  # the same pages
    files: dict[str, str] = dict(index_pages(flavour, sizes))
    for i in range(sizes.posts):
        files[post_path(i)] = post_page(flavour, sizes, i)
    if flavour != "ablog":
        for i in range(sizes.people):
            files[f"people/{person_id(i)}.md"] = person_page(flavour, sizes, i)
        for e in range(sizes.events):
            files[event_path(e)] = event_page(flavour, sizes, e)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def main(argv: list[str] | None = None) -> None:
    """Command line: ``generate.py OUTDIR N [--flavour ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--flavour", choices=FLAVOURS, default="site")
    args = parser.parse_args(argv)
    generate(args.outdir, args.n, args.flavour)
    print(f"{args.flavour} site of size {args.n} in {args.outdir}")


if __name__ == "__main__":
    main()
