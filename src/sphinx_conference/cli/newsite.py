"""``python -m sphinx_conference new site DIR``: a complete site that builds with ``-W`` at once.

The site holds ``conf.py``, a home page, the three folders of content with an index page each
(``posts/``, ``events/``, ``people/``), ``_static/site.css``, a Read the Docs configuration, a
``requirements.txt``, a ``.gitignore``, a README with the commands to build and preview, and one
sample of each kind of page: an event with two sessions, a post and a person.  The samples are
written by the same functions (and so the same field rules, :mod:`.core.rules`) as ``new event``,
``new session``, ``new post`` and ``new person``; each says it is a sample, and a comment at its
top says to replace or delete it.

Dates are chosen from today: the sample post is dated today, the sample event starts in eight
weeks, so the home page shows an upcoming event and a published post.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from sphinx_conference.cli.pagetext import (
    ScaffoldError,
    event_text,
    option_lines,
    person_text,
    post_text,
    session_block,
)
from sphinx_conference.core import rules
from sphinx_conference.core.config import build_today
from sphinx_conference.core.slugs import slugify
from sphinx_conference.core.version import __version__

#: html_theme -> the requirement that installs it (None: installed with sphinx-conference).
THEMES: dict[str, str | None] = {
    "conference": None,
    "alabaster": None,  # Sphinx's default theme, installed with Sphinx
    "furo": "furo",
    "pydata_sphinx_theme": "pydata-sphinx-theme",
    "sphinx_book_theme": "sphinx-book-theme",
    "sphinx_rtd_theme": "sphinx-rtd-theme",
}
DEFAULT_THEME = "conference"
#: Files a folder may hold and still count as empty (``git init`` first, then ``new site``).
IGNORED_ENTRIES = frozenset({".git"})

PERSON_ID = "sample-speaker"
TAG = "Sample"
SAMPLE_NOTE = [
    "SAMPLE: this page shows what {kind} looks like. Replace it with your own, or delete it",
    "(and the links to it in the other samples: the build says where they are).",
]


def sample_note(kind: str) -> list[str]:
    """The comment that opens a sample page of ``kind`` ("an event")."""
    return [line.format(kind=kind) for line in SAMPLE_NOTE]


# -- the files ----------------------------------------------------------------------------------


def py_str(text: str) -> str:
    """``text`` as a Python string literal in double quotes."""
    return json.dumps(text, ensure_ascii=False)


def conf_py(name: str, theme: str, today: dt.date) -> str:
    """``conf.py``: the extensions, the theme and the settings a new site needs, commented."""
    nav = ""
    if theme == "conference":
        nav = """
# The header menu of the conference theme (other themes build theirs from index.md's toctree).
conference_nav = [
    ("Posts", "posts/index"),
    ("Events", "events/index"),
    ("People", "people/index"),
    ("Tags", "_tags/tagsindex"),
]
"""
    return f'''"""Sphinx configuration of the site (see README.md).

Build:    sphinx-build -W -b html . _build/html
Preview:  python -m http.server -d _build/html   (then open http://localhost:8000/)
Check:    python -m sphinx_conference check      (content problems in seconds, no build)
"""

project = {py_str(name)}
author = {py_str(f"The contributors of {name}")}
copyright = f"{today.year}, {{author}}"

extensions = [
    # Events, sessions, people, posts, tag pages, feeds and calendars. It loads what it builds
    # on by itself: myst_parser (Markdown), sphinx_design (cards) and sphinx_tags ({{tags}}).
    "sphinx_conference",
    # Installed with sphinx-conference: link previews (OpenGraph tags) and a sitemap.xml.
    "sphinxext.opengraph",
    "sphinx_sitemap",
]

# MyST Markdown: ::: fences for directives (every page here uses them).
myst_enable_extensions = ["colon_fence"]
# Files that are not pages of the site.
exclude_patterns = ["_build", ".*", "venv", "README.md"]

html_theme = {py_str(theme)}
html_title = project
html_static_path = ["_static"]
html_css_files = ["site.css"]
# The site's address, for canonical links, feeds, calendars, the sitemap and link previews,
# e.g. "https://pycon.example.org/". When empty, Read the Docs' address is used on Read the
# Docs, and http://localhost:8000/ (python -m http.server) elsewhere.
html_baseurl = ""

# Link previews without generated card images (those need matplotlib); the sitemap lists
# each page at html_baseurl + its path.
ogp_social_cards = {{"enable": False}}
sitemap_url_scheme = "{{link}}"

# The time zone of events that give none (an IANA name such as "Europe/London").
conference_default_timezone = "UTC"
{nav}'''


def index_md(name: str) -> str:
    """The home page: upcoming events, latest posts, links to the lists and the tag index."""
    return f"""# {name}

% The home page. The lists below fill themselves from the pages under events/ and posts/.

Welcome to {name}: events with their sessions and speakers, and posts about them.

## Upcoming events

:::{{event-list}}
:when: upcoming
:limit: 3
:::

## Latest posts

:::{{post-list}}
:limit: 5
:::

## Browse

% The index of tags is generated (it has no source page to link with a Markdown link).

Every event is among the [events](events/index.md), every speaker and author among the
[people](people/index.md), and every tag in the <a href="_tags/tagsindex.html">index of tags</a>.

```{{toctree}}
:hidden:

posts/index
events/index
people/index
```
"""


POSTS_INDEX = """# Posts

% Every page under posts/ whose front matter has a date is a post; this list shows them all,
% newest first. Start one with: python -m sphinx_conference new post "Title"

:::{post-list}
:::
"""

EVENTS_INDEX = """# Events

% Every {event} directive under events/ appears here. Start one with:
% python -m sphinx_conference new event "Name" --start YYYY-MM-DD

## Upcoming

:::{event-list}
:when: upcoming
:::

## Past

:::{event-list}
:when: past
:group-by: year
:::
"""

PEOPLE_INDEX = """# People

% Speakers and authors: one page each under people/. Start one with:
% python -m sphinx_conference new person "Name"

:::{speaker-list}
:::
"""

SITE_CSS = """/* The site's own styles, loaded after the theme's and the extension's (html_css_files in
   conf.py). Images for pages (speaker photos, post covers) go in this folder too. */
"""


def readthedocs_yaml() -> str:
    """``.readthedocs.yaml``: installs ``requirements.txt``; a warning fails the build."""
    return """# Read the Docs: build the site as `sphinx-build -W` does; a warning fails the build.
# Import the repository at https://app.readthedocs.org/ and it builds on every push.
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.12"

python:
  install:
    - requirements: requirements.txt

sphinx:
  configuration: conf.py
  builder: html
  fail_on_warning: true
"""


def requirements_txt(theme: str) -> str:
    """sphinx-conference, and the theme when sphinx-conference does not install it."""
    lines = [
        "# What the site needs to build: pip install -r requirements.txt",
        f"sphinx-conference>={__version__}",
    ]
    if THEMES[theme]:
        lines.append(f"{THEMES[theme]}  # html_theme = {py_str(theme)}")
    return "\n".join(lines) + "\n"


GITIGNORE = """# Build output and local environments: nothing generated is committed.
_build/
.venv/
venv/
__pycache__/
# sphinx-tags writes tag pages into the sources when its generator is on (sphinx-conference
# turns it off and builds the tag pages into _build/html/_tags/ instead).
_tags/
"""


def readme_md(name: str, theme: str, event_page: str, post_page: str) -> str:
    """The site's README: build, preview, check, the layout and how to add content."""
    return f"""# {name}

A conference site built with [Sphinx](https://www.sphinx-doc.org/) and
[sphinx-conference](https://pypi.org/project/sphinx-conference/), written in MyST Markdown.

## Build and preview

```bash
python -m venv .venv && . .venv/bin/activate
python -m pip install -r requirements.txt
sphinx-build -W -b html . _build/html          # warnings are errors
python -m http.server -d _build/html           # then open http://localhost:8000/
```

For a live preview that rebuilds on every save and reloads the browser:

```bash
python -m pip install sphinx-autobuild
sphinx-autobuild . _build/html
```

`python -m sphinx_conference check` finds the same content problems as the build, in seconds.

## What is where

```text
conf.py                 the configuration (theme: {theme})
index.md                the home page
events/                 one page per event, with its sessions: {event_page}
people/                 one page per speaker or author: people/{PERSON_ID}.md
posts/                  posts, by year: {post_page}
_static/                site.css, images
.readthedocs.yaml       the Read the Docs build (requirements.txt, warnings fail it)
```

The pages named above are **samples**: replace them with your own or delete them.

## Add content

```bash
python -m sphinx_conference new event "PyCon 2027" --start 2027-05-12 --end 2027-05-14
python -m sphinx_conference new session "Opening keynote" --event pycon-2027 --speakers ada-lovelace
python -m sphinx_conference new person "Ada Lovelace"
python -m sphinx_conference new post "Welcome to PyCon 2027" --authors ada-lovelace
```

Each command writes the page with the fields to fill marked `[TODO: ...]`;
`python -m sphinx_conference check` lists those left.

## Publish

Push the folder to a Git repository and import it on [Read the Docs](https://app.readthedocs.org/):
`.readthedocs.yaml` installs `requirements.txt` and builds with warnings as errors. Elsewhere,
set `html_baseurl` in `conf.py` to the site's address and publish `_build/html`.
"""


def samples(today: dt.date) -> dict[str, str]:
    """The sample event (two sessions), person and post, by path."""
    start = today + dt.timedelta(weeks=8)
    end = start + dt.timedelta(days=1)
    name = f"Sample Conference {start.year}"
    eid = slugify(name)
    tracks = ["Talks", "Workshops"]
    event = event_text(
        eid=eid,
        name=name,
        comments=sample_note("an event"),
        options=option_lines(
            rules.EVENT,
            [
                ("name", name),
                ("start", start.isoformat()),
                ("end", end.isoformat()),
                ("venue", "Sample Hall"),
                ("city", "London"),
                ("country", "GB"),
                ("timezone", "Europe/London"),
                ("tracks", tracks),
                ("tags", [TAG]),
            ],
        ),
        description=(
            "A sample event with two sessions, to show an event page: its sessions,"
            " its speakers and its schedule."
        ),
    )
    sessions = [
        ("opening-keynote", "Sample keynote: why this site exists", "Talks", "keynote",
         "09:30", 45, "Main hall",
         "A sample session. Its speaker, time and room come from the options above."),
        ("first-event-page", "Sample workshop: your first event page", "Workshops", "workshop",
         "11:00", 90, "Room 2",
         "Another sample session, in the second track."),
    ]  # fmt: skip
    for slug, title, track, kind, time, minutes, room, abstract in sessions:
        event += session_block(
            sid=f"{eid}/{slug}",
            options=option_lines(
                rules.SESSION,
                [
                    ("title", title),
                    ("speakers", [PERSON_ID]),
                    ("track", track),
                    ("type", kind),
                    ("start", f"{start.isoformat()} {time}"),
                    ("duration", minutes),
                    ("room", room),
                    ("tags", [TAG]),
                ],
            ),
            abstract=abstract,
        )
    person = person_text(
        pid=PERSON_ID,
        name="Sample Speaker",
        comments=sample_note("a person"),
        options=option_lines(
            rules.SPEAKER,
            [
                ("name", "Sample Speaker"),
                ("role", "Speaker"),
                ("org", "Sample Organisation"),
                ("tags", [TAG]),
            ],
        ),
        bio="A sample person: the speaker of the sample sessions and the author of the sample post.",
    )
    post = post_text(
        title="Sample post: welcome",
        date=today,
        authors=[PERSON_ID],
        tags=[TAG],
        summary="A sample post, to show what a post looks like.",
        comments=[
            *sample_note("a post"),
            "Lines starting with % are comments: they never show on the site.",
        ],
        body=(
            f"A sample post. It links to an event, {{event}}`{eid}`, to a session,\n"
            f"{{session}}`{eid}/opening-keynote`, and to a person, {{speaker}}`{PERSON_ID}`,\n"
            "by their ids. Its date, authors, tags and summary are in its front matter."
        ),
    )
    return {
        f"events/{start.year}/{eid}.md": event,
        f"people/{PERSON_ID}.md": person,
        f"posts/{today.year}/sample-post.md": post,
    }


def site_files(name: str, theme: str, today: dt.date) -> dict[str, str]:
    """Every file of a new site, by path relative to its folder."""
    content = samples(today)
    event_page = next(p for p in content if p.startswith("events/"))
    post_page = next(p for p in content if p.startswith("posts/"))
    return {
        "conf.py": conf_py(name, theme, today),
        "index.md": index_md(name),
        "posts/index.md": POSTS_INDEX,
        "events/index.md": EVENTS_INDEX,
        "people/index.md": PEOPLE_INDEX,
        **content,
        "_static/site.css": SITE_CSS,
        ".readthedocs.yaml": readthedocs_yaml(),
        "requirements.txt": requirements_txt(theme),
        ".gitignore": GITIGNORE,
        "README.md": readme_md(name, theme, event_page, post_page),
    }


# -- the command ---------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``new site``."""
    parser.add_argument(
        "dir", type=Path, metavar="DIR", help="the new site's folder (empty or new)"
    )
    parser.add_argument("--name", help="the site's name (default: DIR's name, title-cased)")
    parser.add_argument(
        "--theme",
        choices=tuple(THEMES),
        default=DEFAULT_THEME,
        help=f"html_theme (default: {DEFAULT_THEME}); themes not installed with "
        "sphinx-conference go into requirements.txt",
    )


def site_today() -> dt.date:
    """Today as the build will see it (``SOURCE_DATE_EPOCH`` when set), so the post is not future."""
    return build_today(argparse.Namespace(conference_today=""))


def default_name(folder: Path) -> str:
    """The folder's name as a title: ``pycon-2027`` gives ``Pycon 2027``."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(word[:1].upper() + word[1:] for word in words) or "Conference"


def new_site(
    folder: Path, name: str | None, theme: str, today: dt.date | None = None
) -> list[Path]:
    """Write the site into ``folder`` (created if missing; refused unless empty)."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file; give a new or empty folder")
    if folder.is_dir():
        entries = sorted(p.name for p in folder.iterdir() if p.name not in IGNORED_ENTRIES)
        if entries:
            shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
            raise ScaffoldError(
                f"{folder} is not empty ({shown}); nothing was written. Give a new or empty "
                "folder, or add pages to an existing site with: python -m sphinx_conference new "
                "post|event|session|person"
            )
    name = (name or "").strip() or default_name(folder)
    files = site_files(name, theme, today or site_today())
    written = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def run(args: argparse.Namespace) -> int:
    """Write the site; print what was written and how to build it (exit code 2: refused)."""
    try:
        written = new_site(Path(args.dir), args.name, args.theme)
    except ScaffoldError as err:
        print(f"new site: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    print(
        f"next: cd {args.dir}, then\n"
        "  python -m pip install -r requirements.txt\n"
        "  sphinx-build -W -b html . _build/html\n"
        "  python -m http.server -d _build/html   (http://localhost:8000/)\n"
        "and replace the sample event, person and post (see README.md)",
        file=sys.stderr,
    )
    return 0
