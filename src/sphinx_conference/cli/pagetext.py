"""The text of the pages ``new`` writes, one function per kind of page.

``new post``, ``new event``, ``new session`` and ``new person`` write them with placeholders;
``new site`` writes its samples with the same functions, fields filled in.

The option lines of each directive block come from :func:`.core.rules.option_line`, so what is
written is what the directives read.  Explanations are MyST comments (``% ``), which never show
on the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import yaml

from sphinx_conference.core import rules

COMMENT = "% "


class ScaffoldError(Exception):
    """The command cannot go on; the message says why and what to do."""


def yaml_value(value: Any) -> str:
    """One YAML scalar, quoted only when YAML needs it."""
    return (
        yaml.safe_dump(value, default_flow_style=True, width=10_000, allow_unicode=True)
        .strip()
        .removesuffix("\n...")
        .removesuffix("...")
        .strip()
    )


def option_lines(spec: rules.Directive, pairs: Sequence[tuple[str, Any]]) -> list[str]:
    """The option lines of ``spec`` for ``pairs`` (empty values left out)."""
    return [
        line.rstrip("\n") for name, value in pairs if (line := rules.option_line(spec, name, value))
    ]


POST_COMMENTS = [
    "Lines starting with % are comments: they never show on the site.",
    "Replace each TODO placeholder; `python -m sphinx_conference check` lists those left.",
    "Link by id: {speaker}`ada-lovelace`, {event}`pycon-2027`,",
    "{session}`pycon-2027/opening-keynote`. Preview: `sphinx-autobuild . _build/html`.",
]


def post_text(
    *,
    title: str,
    date: dt.date,
    authors: Sequence[str],
    tags: Sequence[str],
    summary: str,
    body: str,
    comments: Sequence[str] = POST_COMMENTS,
) -> str:
    """A post page: front matter (date, authors, tags, summary), comments, title and ``body``."""
    front = ["---", f"date: {date.isoformat()}"]
    front.append(
        f"authors: {', '.join(authors)}"
        if authors
        else "# authors: the people ids of the authors (people/<id>.md), e.g. grace-hopper"
    )
    front.append(
        f"tags: {yaml_value(', '.join(tags))}"
        if tags
        else "# tags: comma-separated, e.g. Community, Security"
    )
    front.append(f"summary: {yaml_value(summary)}")
    front.append("---")
    body_lines = ["", *(f"{COMMENT}{line}" for line in comments), "", f"# {title}", "", body, ""]
    return "\n".join(front + body_lines)


def event_text(
    *, eid: str, name: str, options: Sequence[str], description: str, comments: Sequence[str] = ()
) -> str:
    """An event page: the ``{event}`` block, then the lists of its sessions and speakers."""
    lines = [
        f"# {name}",
        "",
        *(f"{COMMENT}{line}" for line in comments),
        f"{COMMENT}Lines starting with % are comments: they never show on the site.",
        f"{COMMENT}More fields of {{event}}: :end: :venue: :city: :country: (e.g. GB) :url:",
        f"{COMMENT}:timezone: (e.g. Europe/London) :tracks: (separated by ;) :tags: (separated by ,).",
        f'{COMMENT}Add talks with: python -m sphinx_conference new session "Title" --event {eid}',
        "",
        f":::{{event}} {eid}",
        *options,
        "",
        description,
        ":::",
        "",
        "## Sessions",
        "",
        ":::{session-list}",
        f":event: {eid}",
        ":group-by: track",
        ":::",
        "",
        "## Speakers",
        "",
        ":::{speaker-list}",
        f":event: {eid}",
        ":::",
        "",
    ]
    return "\n".join(lines)


def session_block(*, sid: str, options: Sequence[str], abstract: str) -> str:
    """A ``{session}`` block, to append to the page of its event."""
    return "\n".join(
        [
            "",
            f"{COMMENT}More fields of {{session}}: :track: :type: :start: (YYYY-MM-DD HH:MM) :duration: (minutes)",
            f'{COMMENT}:room: :tags: :slides: :video: (links). Each speaker needs a page: new person "Name".',
            f":::{{session}} {sid}",
            *options,
            "",
            abstract,
            ":::",
            "",
        ]
    )


def person_text(
    *, pid: str, name: str, options: Sequence[str], bio: str, comments: Sequence[str] = ()
) -> str:
    """A person's page: the ``{speaker}`` block with the bio."""
    lines = [
        f"# {name}",
        "",
        *(f"{COMMENT}{line}" for line in comments),
        f"{COMMENT}Lines starting with % are comments: they never show on the site.",
        f"{COMMENT}More fields of {{speaker}}: :role: :org: :links: (separated by ,) :tags:, and :photo:",
        f"{COMMENT}(add one with: python -m sphinx_conference new person ... --photo FILE). Other pages",
        f"{COMMENT}link here with {{speaker}}`{pid}`; posts name the person with 'authors: {pid}'.",
        "",
        f":::{{speaker}} {pid}",
        *options,
        "",
        bio,
        ":::",
        "",
    ]
    return "\n".join(lines)
