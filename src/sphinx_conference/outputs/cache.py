"""Helpers shared by the generated outputs (feeds, calendars, JSON-LD, schedules).

Outputs other tools read need absolute URLs, a deterministic timestamp and a
fast way to find the objects a page defines; all three are computed here from
the configuration and the ``conference`` domain, never from the sources.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinx_conference.core.config import build_today
from sphinx_conference.core.model import Event, Person, Session, records_text
from sphinx_conference.core.version import __version__
from sphinx_conference.domain.state import get_state
from sphinx_conference.domain.store import ConferenceDomain, get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Where a local build is served (``python -m http.server -d _build/html``) when no URL is set.
LOCAL_SITE_URL = "http://localhost:8000/"


def site_url(config: Config) -> str:
    """The site's root URL, ending in ``/``.

    ``conference_site_url``, else ``html_baseurl``, else Read the Docs'
    ``READTHEDOCS_CANONICAL_URL``, else :data:`LOCAL_SITE_URL`.
    """
    url = (
        config.conference_site_url
        or getattr(config, "html_baseurl", "")
        or os.environ.get("READTHEDOCS_CANONICAL_URL", "")
        or LOCAL_SITE_URL
    )
    return url.rstrip("/") + "/"


def page_url(app: Sphinx, docname: str, anchor: str = "") -> str:
    """The absolute URL of ``docname`` (and an anchor on it)."""
    url = urljoin(site_url(app.config), app.builder.get_target_uri(docname))
    return f"{url}#{anchor}" if anchor else url


def file_url(app: Sphinx, path: str) -> str:
    """The absolute URL of ``path``, a file relative to the output root."""
    return urljoin(site_url(app.config), path)


def relative_file_uri(app: Sphinx, docname: str, path: str) -> str:
    """The URI of ``path`` (relative to the output root) from the page ``docname``."""
    page = app.builder.get_target_uri(docname)
    return posixpath.relpath(path, posixpath.dirname(page) or ".")


def build_stamp(config: Config) -> dt.datetime:
    """A deterministic timestamp of the build: midnight UTC of the build's today."""
    return dt.datetime.combine(build_today(config), dt.time(0, 0), tzinfo=dt.UTC)


#: An output to write: its path under the output folder, and a function making its
#: content (``None``: nothing to write).
Job = tuple[str, Callable[[], str | bytes | None]]


def write_text(outdir: str | Path, path: str, text: str | bytes) -> Path:
    """Write ``text`` to ``path`` under ``outdir``, creating folders; return the file."""
    target = Path(outdir, *path.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return target


@dataclass
class PageObjects:
    """The objects one page defines."""

    events: list[Event] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


def objects_by_doc(app: Sphinx, domain: ConferenceDomain) -> dict[str, PageObjects]:
    """Docname -> the objects it defines; computed once per state of the domain data."""
    index = domain.index
    state = get_state(app)
    cached = state.objects_by_doc
    if cached is not None and cached[0] is index:
        return cached[1]
    out: dict[str, PageObjects] = {}
    for event in sorted(domain.events.values(), key=lambda r: (r.docname, r.lineno)):
        out.setdefault(event.docname, PageObjects()).events.append(event)
    for session in sorted(domain.sessions.values(), key=lambda r: (r.docname, r.lineno)):
        out.setdefault(session.docname, PageObjects()).sessions.append(session)
    for person in sorted(domain.people.values(), key=lambda r: (r.docname, r.lineno)):
        out.setdefault(person.docname, PageObjects()).people.append(person)
    state.objects_by_doc = (index, out)
    return out


def page_objects(app: Sphinx, docname: str) -> PageObjects:
    """The objects ``docname`` defines (empty when none)."""
    return objects_by_doc(app, get_domain(app.env)).get(docname, PageObjects())


def is_html(app: Sphinx) -> bool:
    """Whether the current builder writes HTML pages (not singlehtml or epub)."""
    return app.builder.format == "html" and app.builder.name in {"html", "dirhtml"}


# -- regenerate only what changed ---------------------------------------------------------

OUTPUT_STORE = "conference-outputs.json"


def fingerprint(inputs: Any, memo: dict[int, tuple[Any, str]] | None = None) -> str:
    """A digest of ``inputs`` (records, strings, numbers and lists, tuples, dicts of them).

    Records are frozen dataclasses, so their ``repr`` shows every field.  The same
    record is in many outputs (a session in the calendars of its event, itself and
    each speaker): ``memo`` keeps each record's text (by identity, holding the
    record) across the outputs of a build.  Inputs shared by several outputs can be
    digested once and passed on as the digest.
    """
    memo = {} if memo is None else memo
    return hashlib.sha1(records_text(inputs, memo).encode(), usedforsecurity=False).hexdigest()


class OutputCache:
    """Fingerprints of generated outputs, so a build regenerates only those whose inputs changed.

    Each output (a generated page, a feed, a calendar, a schedule) is given a
    fingerprint of everything it shows.  When the fingerprint is the one of the
    previous build and the file is still there, the output is kept: its file is
    touched (so the stale-output clean-up sees it as produced by this build)
    instead of being rendered again.  The store lives in the doctree folder,
    never in the source tree; a changed configuration, extension version or
    theme starts from an empty store.
    """

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.path = Path(app.doctreedir) / OUTPUT_STORE
        self.salt = self._salt(app)
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        self.previous: dict[str, str] = (
            data.get("outputs", {}) if data.get("salt") == self.salt else {}
        )
        self.current: dict[str, str] = {}
        self.memo: dict[int, tuple[Any, str]] = {}

    @staticmethod
    def _salt(app: Sphinx) -> str:

        builder: Any = app.builder
        info = getattr(builder, "build_info", None)
        parts = [
            __version__,
            str(getattr(info, "config_hash", "")),
            str(getattr(info, "tags_hash", "")),
            str(build_today(app.config)),
            builder.name,
        ]
        templates = getattr(builder, "templates", None)
        newest = getattr(templates, "newest_template_mtime", None)
        if callable(newest):
            parts.append(str(newest()))
        return hashlib.sha1("\x00".join(parts).encode(), usedforsecurity=False).hexdigest()

    def fresh(self, path: str, inputs: Any) -> bool:
        """Whether ``path`` (relative to the output folder) is current for ``inputs``.

        Records the new fingerprint either way; a fresh file is touched.
        """
        digest = fingerprint(inputs, self.memo)
        self.current[path] = digest
        if self.previous.get(path) != digest:
            return False
        target = Path(self.app.outdir, *path.split("/"))
        try:
            os.utime(target)
        except OSError:
            return False
        return True

    def save(self) -> None:
        """Keep this build's fingerprints for the next build."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"salt": self.salt, "outputs": dict(sorted(self.current.items()))}
        self.path.write_text(json.dumps(data, indent=0), "utf-8")


def output_cache(app: Sphinx) -> OutputCache:
    """The output cache of the current build (created on first use)."""
    state = get_state(app)
    if state.output_cache is None:
        state.output_cache = OutputCache(app)
    return state.output_cache


def save_output_cache(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: store the fingerprints (only after a successful build)."""
    state = get_state(app)
    if state.output_cache is not None and exception is None:
        state.output_cache.save()
    state.output_cache = None
