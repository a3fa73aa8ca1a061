"""Sharing: canonical URLs, OpenGraph/Twitter descriptions and the sitemap's base URL.

sphinxext-opengraph and sphinx-sitemap do the work; this module feeds them.

* At ``config-inited`` an empty ``html_baseurl`` (and ``ogp_site_url``) is filled
  from :func:`.outputs.site_url`, so canonical links, the sitemap and OpenGraph
  URLs are absolute and neither extension warns on a local build.
* At ``html-page-context``, before sphinxext-opengraph reads the page's
  metadata, ``og:description`` is set to the post's summary, the session's
  abstract (a page of one session) or the person's role, unless the page sets
  one in its front matter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_conference.domain.store import get_domain
from sphinx_conference.outputs.cache import is_html, page_objects, site_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Longest description given to link previews.
DESCRIPTION_LENGTH = 200


def fill_base_url(app: Sphinx, config: Config) -> None:
    """``config-inited``: give ``html_baseurl`` and ``ogp_site_url`` the site URL when empty."""
    url = site_url(config)
    if not getattr(config, "html_baseurl", ""):
        config.html_baseurl = url
    if "ogp_site_url" in config and not config.ogp_site_url:
        config.ogp_site_url = url


def description(app: Sphinx, pagename: str) -> str:
    """What a link preview of the page says: summary, abstract, role or event summary."""
    domain = get_domain(app.env)
    post = domain.posts.get(pagename)
    if post is not None and post.summary:
        return post.summary
    objects = page_objects(app, pagename)
    if objects.events and objects.events[0].summary:
        return objects.events[0].summary
    if len(objects.sessions) == 1 and objects.sessions[0].abstract:
        return objects.sessions[0].abstract
    if objects.people:
        person = objects.people[0]
        role = " at ".join(p for p in (person.role, person.org) if p)
        return f"{person.display_name}: {role}" if role else person.bio
    return ""


def _shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def add_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (before sphinxext-opengraph): set ``og:description``."""
    if not is_html(app) or doctree is None:
        return
    meta = context.get("meta") or {}
    if "og:description" in meta:
        return
    text = description(app, pagename)
    if text:
        # A copy: the page's metadata in the environment stays as authored.
        context["meta"] = {**meta, "og:description": _shorten(text)}
