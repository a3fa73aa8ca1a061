"""Incremental builds drop the output of pages that no longer exist.

Sphinx leaves the HTML of a deleted source page in the output folder, and the
extension's generated pages (tag pages, archives) that are no longer produced
(a tag nobody uses any more, an author who was removed) stay there too: an
incremental build would keep serving pages a clean build does not have.  This
module removes them at ``build-finished``:

* deleted source pages are noted at ``env-get-outdated``;
* generated pages are recorded as they are rendered (``html-page-context``)
  in a small manifest kept in the doctree folder (the build's cache, never the
  source tree); those of the previous build that were not rendered again are
  removed;
* feeds, calendars, schedules, social images and the site's data are all rewritten at every build's
  ``build-finished``: a file in their folders older than this build's start
  (a feed of a tag nobody uses now, the calendar of a deleted person) is removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_conference.domain.state import get_state
from sphinx_conference.outputs.agenda import AGENDA_DIR
from sphinx_conference.outputs.feeds import FEED_DIR
from sphinx_conference.outputs.ical import CAL_DIR
from sphinx_conference.outputs.opendata import DATA_DIR
from sphinx_conference.outputs.schedule import SCHEDULE_DIR
from sphinx_conference.outputs.social import SOCIAL_DIR

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

MANIFEST = "conference-generated-pages.json"


def note_removed_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: remember deleted pages, whose old output is removed after the build."""
    get_state(app).begin(removed)
    return []


def note_generated(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: record the generated pages of this build."""
    if context.get("conference_generated"):
        get_state(app).generated.add(pagename)


def _unlink(outdir: Path, path: Path) -> None:
    if path.resolve().is_relative_to(outdir) and path.is_file():
        path.unlink()


def remove_stale_outputs(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: delete the output of deleted and no longer generated pages."""
    builder: Any = app.builder
    if exception is not None or builder.format != "html" or not hasattr(builder, "out_suffix"):
        return
    if not get_state(app).collected:
        # Nothing was written (Sphinx 7.4 skips the write phase when no page is out of
        # date): every output of the previous build is still current.
        return
    outdir = Path(app.outdir).resolve()
    found = app.env.found_docs
    for docname in sorted(get_state(app).removed):
        if docname in found:
            continue
        _unlink(outdir, outdir / (docname + builder.out_suffix))
        for source in (outdir / "_sources").glob(f"{docname}.*.txt"):
            _unlink(outdir, source)
    generated: set[str] = set(get_state(app).generated)
    manifest = Path(app.doctreedir) / MANIFEST
    try:
        previous = set(json.loads(manifest.read_text("utf-8")))
    except (OSError, ValueError):
        previous = set()
    for pagename in sorted(previous - generated - set(found)):
        _unlink(outdir, outdir / (pagename + builder.out_suffix))
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(sorted(generated), indent=0), "utf-8")
    remove_stale_exports(app, outdir)


def remove_stale_exports(app: Sphinx, outdir: Path) -> None:
    """Delete feeds, calendars, schedules, agenda data, social images and data not written again."""
    start = get_state(app).build_start
    if start is None:
        return
    for folder in (FEED_DIR, CAL_DIR, SCHEDULE_DIR, AGENDA_DIR, SOCIAL_DIR, DATA_DIR):
        for path in sorted((outdir / folder).rglob("*")):
            if path.is_file() and path.stat().st_mtime_ns < start:
                _unlink(outdir, path)
