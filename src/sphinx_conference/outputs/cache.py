"""Helpers shared by the generated outputs (feeds, calendars, JSON-LD, schedules).

Outputs other tools read need absolute URLs, a deterministic timestamp and the
objects a page defines (from the domain's index); all three come from the
configuration and the ``conference`` domain, never from the sources.  Outputs
are fingerprinted with the domain's one fingerprint of records
(:func:`sphinx_conference.domain.fingerprints.fingerprint`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinx_conference.core.config import build_today
from sphinx_conference.core.version import __version__
from sphinx_conference.domain.fingerprints import Memo, fingerprint
from sphinx_conference.domain.index import PageObjects
from sphinx_conference.domain.state import get_state
from sphinx_conference.domain.store import get_domain

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


def image_url(app: Sphinx, docname: str, path: str, *, source_relative: bool = False) -> str:
    """An absolute URL of an image.

    ``path`` is a URL, or a path relative to the project (``source_relative``)
    or to ``docname``'s source.
    """
    if not path or "://" in path:
        return path
    if source_relative or path.startswith("/"):
        rel = path.lstrip("/")
    else:
        rel, _ = app.env.relfn2path(path, docname)
    images = getattr(app.builder, "images", {})
    name = images.get(rel)
    if name:
        return file_url(app, f"{app.builder.imagedir}/{name}")
    return file_url(app, rel)


def build_stamp(config: Config) -> dt.datetime:
    """A deterministic timestamp of the build: midnight UTC of the build's today."""
    return dt.datetime.combine(build_today(config), dt.time(0, 0), tzinfo=dt.UTC)


#: An output to write: its path under the output folder, and a function making its
#: content (``None``: nothing to write).
Job = tuple[str, Callable[[], str | bytes | None]]

#: An output that belongs to a page (a calendar or schedule of a record the page
#: defines): the page, the output's path, everything it shows (for :meth:`OutputCache.fresh`)
#: and a function making its content.
PageJob = tuple[str, str, Any, Callable[[], str | bytes | None]]


def write_text(outdir: str | Path, path: str, text: str | bytes) -> Path:
    """Write ``text`` to ``path`` under ``outdir``, creating folders; return the file."""
    target = Path(outdir, *path.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return target


def page_objects(app: Sphinx, docname: str) -> PageObjects:
    """The objects ``docname`` defines (empty when none)."""
    return get_domain(app.env).index.page_objects(docname)


def is_html(app: Sphinx) -> bool:
    """Whether the current builder writes HTML pages (not singlehtml or epub)."""
    return app.builder.format == "html" and app.builder.name in {"html", "dirhtml"}


# -- regenerate only what changed ---------------------------------------------------------

OUTPUT_STORE = "conference-outputs.json"


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
        self.memo: Memo = {}

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
