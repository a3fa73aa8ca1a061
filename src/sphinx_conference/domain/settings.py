"""The ``conference_*`` settings registered with Sphinx, from the schema in :mod:`~sphinx_conference.core.config`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_conference.core.config import CONFIG
from sphinx_conference.core.series import series_table
from sphinx_conference.core.validation import FieldError, parse_date
from sphinx_conference.domain.report import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def register(app: Sphinx) -> None:
    """Add every ``conference_*`` value with its type (checked at ``config-inited``)."""
    for name, (default, rebuild, types, description) in CONFIG.items():
        app.add_config_value(name, default, rebuild, types=types, description=description)  # type: ignore[arg-type]


def check_config(app: Sphinx, config: Config) -> None:
    """Validate values whose type alone does not say they are right."""
    if config.conference_today:
        try:
            parse_date(config.conference_today)
        except FieldError as err:
            warn(f"conf.py conference_today: {err}", location=None, subtype="date")
            config.conference_today = ""
    for problem in series_table(config.conference_series)[1]:
        warn(f"conf.py conference_series: {problem}", location=None, subtype="series")
