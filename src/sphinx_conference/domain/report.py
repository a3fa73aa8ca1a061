"""The extension's warnings: one type, one subtype per kind of problem, at a location."""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from sphinx_conference.core.validation import WARNING_TYPE

logger = logging.getLogger("sphinx_conference")


def warn(
    message: str,
    *,
    location: Any,
    subtype: str,
) -> None:
    """Emit one of the extension's warnings at ``location``."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)
