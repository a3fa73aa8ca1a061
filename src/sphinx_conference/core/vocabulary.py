"""The tag vocabulary of ``conference_tags``: canonical names, aliases and descriptions."""

from __future__ import annotations

from typing import Any

from sphinx_conference.core.model import tag_slug


def vocabulary(config: Any) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """From ``conference_tags``: (alias slug -> canonical slug, slug -> name, slug -> description).

    ``conference_tags = {"Platform Engineering": {"description": "...", "aliases": ["platform-eng"]}}``
    """
    aliases: dict[str, str] = {}
    names: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for name, info in (config.conference_tags or {}).items():
        slug = tag_slug(name)
        names[slug] = name
        if isinstance(info, dict):
            descriptions[slug] = str(info.get("description", ""))
            for alias in info.get("aliases", []) or []:
                aliases[tag_slug(str(alias))] = slug
        elif isinstance(info, str):
            descriptions[slug] = info
    return aliases, names, descriptions
