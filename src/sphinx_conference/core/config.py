"""Typed configuration of the extension (``conference_*`` values in ``conf.py``)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from sphinx_conference.core.validation import FieldError, parse_date

DEFAULT_SESSION_TYPES = (
    "talk",
    "keynote",
    "lightning",
    "workshop",
    "tutorial",
    "panel",
    "plenary",
    "unconference",
    "bof",
    "break",
    "other",
)

#: name -> (default, rebuild, types, help)
CONFIG: dict[str, tuple[Any, str, frozenset[type] | tuple[type, ...], str]] = {
    "conference_post_dirs": (
        ["posts"],
        "env",
        frozenset({list, tuple}),
        "folders whose dated pages are posts",
    ),
    "conference_unlisted": (
        ["posts/*", "posts/**", "people/*", "events/**"],
        "env",
        frozenset({list, tuple}),
        "pages reached through lists and archives rather than a toctree (no toctree warning)",
    ),
    "conference_session_types": (
        list(DEFAULT_SESSION_TYPES),
        "env",
        frozenset({list, tuple}),
        "the values a session's :type: may take",
    ),
    "conference_default_timezone": (
        "",
        "env",
        frozenset({str}),
        "the IANA time zone (e.g. Europe/London) of events that give none",
    ),
    "conference_tags": (
        {},
        "env",
        frozenset({dict}),
        "tag vocabulary: name -> description, or name -> {description, aliases}; aliases fold "
        "into the name",
    ),
    "conference_series": (
        {},
        "env",
        frozenset({dict}),
        "conference series across years: id -> {name, description}, or id -> name; an "
        "event's :series: names one, and each gets a page listing its editions "
        "(`series/<id>.html`) and a place in the index of series (`series/index.html`)",
    ),
    "conference_tags_strict": (
        False,
        "env",
        frozenset({bool}),
        "warn about tags not in the vocabulary",
    ),
    "conference_tag_pages": (
        True,
        "html",
        frozenset({bool}),
        "build a page for each tag and an index of tags",
    ),
    "conference_today": (
        "",
        "html",
        frozenset({str}),
        "the build's 'today' (YYYY-MM-DD); default SOURCE_DATE_EPOCH or the date",
    ),
    "conference_show_drafts": (
        False,
        "env",
        frozenset({bool}),
        "list drafts and future posts (previews)",
    ),
    "conference_sanitize_html": (
        True,
        "env",
        frozenset({bool}),
        "clean raw HTML in pages with nh3 (scripts, event handlers, unsafe links)",
    ),
    "conference_site_url": (
        "",
        "html",
        frozenset({str}),
        "absolute root URL of the site for feeds, calendars and structured data; "
        "default html_baseurl, then READTHEDOCS_CANONICAL_URL",
    ),
    "conference_feeds": (
        True,
        "html",
        frozenset({bool}),
        "write Atom and RSS feeds of posts, site-wide and per tag",
    ),
    "conference_feed_limit": (
        50,
        "html",
        frozenset({int}),
        "most entries per feed, newest first (0: all); a feed reader fetches the whole feed "
        "at every poll, so its size must not grow with the site",
    ),
    "conference_calendars": (
        True,
        "html",
        frozenset({bool}),
        "write .ics calendars of events, sessions and people",
    ),
    "conference_jsonld": (
        True,
        "html",
        frozenset({bool}),
        "add schema.org JSON-LD to event, post and person pages",
    ),
    "conference_schedules": (
        True,
        "html",
        frozenset({bool}),
        "write each event's schedule as c3voc/frab JSON (`_schedule/<event-id>.json`)",
    ),
    "conference_schedules_xml": (
        True,
        "html",
        frozenset({bool}),
        "write each event's schedule as frab XML (`_schedule/<event-id>.xml`)",
    ),
    "conference_open_data": (
        True,
        "html",
        frozenset({bool}),
        "write the whole site's data as `_data/conference.json`, with its JSON Schema "
        "(`_data/conference.schema.json`)",
    ),
    "conference_data_license": (
        "",
        "html",
        frozenset({str}),
        "the licence of the site's data, as an SPDX identifier (e.g. CC-BY-4.0) or a URL: "
        "the `license` field of `_data/conference.json` (default empty: `null`, no licence "
        "stated)",
    ),
    "conference_statistics": (
        True,
        "html",
        frozenset({bool}),
        "a statistics page per event with sessions (`statistics/<event-id>.html`: sessions by "
        "track, type, language and tag, first-time and returning speakers, as SVG charts with "
        "their tables), linked from the event's block",
    ),
    "conference_agenda": (
        True,
        "html",
        frozenset({bool}),
        "'Add to my agenda' buttons, 'Now'/'Next' badges, the agenda.html page and each "
        "event's agenda data (`_agenda/<event-id>.json`)",
    ),
    "conference_around": (
        True,
        "html",
        frozenset({bool}),
        "under each session: 'At the same time', 'Next in this room', 'More by these "
        "speakers' and 'Also given at' (the same talk at other events), drawn by the "
        "agenda script from the events' data files (HTML builders)",
    ),
    "conference_social_images": (
        True,
        "html",
        frozenset({bool}),
        "draw a 1200x630 link-preview image (`og:image`) for each post, event, session page "
        "and person page (`_social/<kind>/<id>.png`); a post's own `image:` is used instead",
    ),
    "conference_social_font": (
        "",
        "html",
        frozenset({str}),
        "a TrueType or OpenType font file (relative to conf.py) for the social images; "
        "default Pillow's own font, which has Latin letters only",
    ),
    "conference_nav": (
        [],
        "html",
        frozenset({list, tuple}),
        "the header menu of the conference theme: a list of (title, docname) pairs",
    ),
}


def build_today(config: Any) -> dt.date:
    """The build's today: ``conference_today``, else ``SOURCE_DATE_EPOCH``, else the current date."""
    if config.conference_today:
        try:
            return parse_date(config.conference_today)
        except FieldError:
            pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
