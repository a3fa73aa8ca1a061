"""Atom and RSS 2.0 feeds of the published posts, site-wide and per tag (feedgen).

A post's full content is the HTML body Sphinx renders for its page: at
``html-page-context`` it is put between two HTML comments (:data:`BODY_START`,
:data:`BODY_END`), and when the feeds are written (every page is written by then,
whichever process wrote it) it is read back from the post's page file, with its
relative links made absolute (lxml).  An unchanged post keeps its page file across
incremental builds, and so its body.  Drafts and
future posts are left out: the feeds list ``domain.index.posts``.

Outputs (under the HTML output folder): ``_feeds/atom.xml``, ``_feeds/rss.xml``,
``_feeds/tags/<tag>.atom.xml`` and ``_feeds/tags/<tag>.rss.xml``.  Every page
links to the site feeds in its head; a tag page links to its tag's feeds too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import lxml.html
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree
from lxml.html.defs import link_attrs

from sphinx_conference.core.model import Post, tag_slug
from sphinx_conference.core.version import __version__
from sphinx_conference.domain.state import get_state
from sphinx_conference.domain.store import get_domain
from sphinx_conference.outputs.cache import (
    Job,
    file_url,
    fingerprint,
    is_html,
    output_cache,
    page_url,
    relative_file_uri,
    site_url,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FEED_DIR = "_feeds"


def feed_paths(slug: str = "") -> tuple[str, str]:
    """Output paths (Atom, RSS) of the site feed, or of the feed of tag ``slug``."""
    if slug:
        return f"{FEED_DIR}/tags/{slug}.atom.xml", f"{FEED_DIR}/tags/{slug}.rss.xml"
    return f"{FEED_DIR}/atom.xml", f"{FEED_DIR}/rss.xml"


#: The comments around a post's body in its page (where the feeds read it back).
BODY_START = "<!-- conference-feed-body -->"
BODY_END = "<!-- /conference-feed-body -->"


def written_body(app: Sphinx, docname: str) -> str | None:
    """The body of post ``docname`` as its page file has it (None: no page, or no body)."""
    builder: Any = app.builder  # an HTML builder (is_html)
    path = Path(builder.get_outfilename(docname))
    try:
        text = path.read_text("utf-8")
    except OSError:
        return None
    start = text.find(BODY_START)
    end = text.find(BODY_END, start)
    if start < 0 or end < 0:
        return None
    return text[start + len(BODY_START) : end]


def capture_body(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: mark a post's rendered body; add feed links to the head."""
    if not app.config.conference_feeds or not is_html(app):
        return
    domain = get_domain(app.env)
    if pagename in domain.posts and "body" in context:
        context["body"] = f"{BODY_START}{context['body']}{BODY_END}"
    links = [_alternate(app, pagename, "", app.config.project)]
    prefix = f"{app.config.tags_output_dir}/"
    if pagename.startswith(prefix):
        slug = pagename[len(prefix) :]
        posts = domain.index.by_tag.get(slug, {}).get("posts")
        if posts:
            name = domain.index.tag_names.get(slug, slug)
            links.append(_alternate(app, pagename, slug, f"{app.config.project}: {name}"))
    context["metatags"] = context.get("metatags", "") + "".join(links)


def _alternate(app: Sphinx, pagename: str, slug: str, title: str) -> str:
    atom, rss = feed_paths(slug)
    out = []
    for path, mime, kind in (
        (atom, "application/atom+xml", "Atom"),
        (rss, "application/rss+xml", "RSS"),
    ):
        href = relative_file_uri(app, pagename, path)
        out.append(
            f'\n<link rel="alternate" type="{mime}" title="{html.escape(f"{title} ({kind})")}" '
            f'href="{html.escape(href)}">'
        )
    return "".join(out)


def _bodies(app: Sphinx) -> dict[str, str | None]:
    """Each post's body as its page has it, read once per build when the feeds are made."""
    return get_state(app).bodies


def _body(app: Sphinx, post: Post) -> str | None:
    bodies = _bodies(app)
    if post.docname not in bodies:
        bodies[post.docname] = written_body(app, post.docname)
    return bodies[post.docname]


def content_stamp(app: Sphinx, post: Post) -> str:
    """Identifies the written body of ``post`` (empty when its page has none)."""
    body = _body(app, post)
    if body is None:
        return ""
    return hashlib.sha1(body.encode(), usedforsecurity=False).hexdigest()


def full_content(app: Sphinx, post: Post) -> str:
    """The post's rendered body with absolute links; its summary where its page has none.

    Called once per post and build, by :func:`feed_entry`.
    """
    body = _body(app, post)
    if body is None:
        return html.escape(post.summary)
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    # The page's title is the entry's title; drop it from the content.
    for h1 in root.iter("h1"):
        h1.drop_tree()
        break
    # Permalink anchors and the byline (date, authors, tags: the entry's own fields) go too.
    for node in [*root.find_class("headerlink"), *root.find_class("conference-byline")]:
        node.drop_tree()
    make_links_absolute(root, page_url(app, post.docname))
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


@lru_cache(maxsize=4096)
def _join(base: str, link: str) -> str:
    return urljoin(base, link)


def make_links_absolute(root: Any, base: str) -> None:
    """As lxml's ``make_links_absolute``, for the link attributes of a rendered body.

    lxml's also parses CSS (``style`` attributes and elements) for ``url()`` and
    resolves every link again; a page body has no CSS and the same relative links
    over and over (authors, tags, events), so links are resolved from the page's
    folder, once per build.  A body with CSS goes through lxml's own.
    """
    folder = base.rsplit("/", 1)[0] + "/"
    links = []
    for el in root.iter(etree.Element):
        if el.tag == "style" or "url(" in el.get("style", ""):
            root.make_links_absolute(base, resolve_base_href=False)
            return
        for name in link_attrs.intersection(el.attrib):
            links.append((el, name, el.get(name).strip()))
    # "", "#anchor" and "?query" resolve against the page itself, paths against its folder.
    for el, name, link in links:
        el.set(name, _join(base if not link or link[0] in "#?" else folder, link))


def feed_time(date: dt.date) -> dt.datetime:
    """A feed's time of a day: its midnight, UTC."""
    return dt.datetime.combine(date, dt.time(0, 0), tzinfo=dt.UTC)


def new_feed(app: Sphinx, path: str, title: str, newest: dt.date | None) -> FeedGenerator:
    """A feed's channel: id, title, author, language, generator and when it was updated.

    The id is the URL of ``path``; updated is the day of its ``newest`` entry (1970-01-01
    for an empty feed).
    """
    config = app.config
    fg = FeedGenerator()
    fg.id(file_url(app, path))
    fg.title(title)
    fg.author({"name": config.author or config.project})
    fg.language(config.language or "en")
    fg.generator("sphinx-conference", __version__, site_url(config))
    fg.updated(feed_time(newest or dt.date(1970, 1, 1)))
    return fg


def feed_generator(app: Sphinx, posts: Sequence[Post], *, slug: str, title: str) -> FeedGenerator:
    """The entries and channel of one feed of ``posts`` (newest first), for either format.

    :func:`render_feed` sets the parts that differ between Atom and RSS and serialises.
    """
    fg = new_feed(app, feed_paths(slug)[0], title, posts[0].date if posts else None)
    for post in posts:
        fg.add_entry(feed_entry(app, post), order="append")
    return fg


def feed_entry(app: Sphinx, post: Post) -> FeedEntry:
    """The entry of ``post``: made once per build, shared by every feed that lists it."""
    memo = get_state(app).feed_entries
    fe = memo.get(post.docname)
    if fe is not None:
        return fe
    domain = get_domain(app.env)
    url = page_url(app, post.docname)
    fe = memo[post.docname] = FeedEntry()
    fe.id(url)
    fe.guid(url, permalink=True)
    fe.title(post.title)
    fe.link(href=url, rel="alternate", type="text/html")
    fe.published(feed_time(post.date))
    fe.updated(feed_time(post.date))
    for author_id in post.authors:
        person = domain.people.get(author_id)
        if person is not None:
            fe.author({"name": person.display_name, "uri": page_url(app, person.docname)})
        else:
            fe.author({"name": author_id})
    if post.summary:
        # A summary is plain text; RSS readers render <description> as HTML: escape it.
        fe.summary(html.escape(post.summary), type="html")
    fe.content(full_content(app, post), type="html")
    for tag in post.tags:
        fe.category(term=tag_slug(tag), label=tag)
    return fe


def render_feed(app: Sphinx, fg: FeedGenerator, *, slug: str, title: str, kind: str) -> bytes:
    """Feed ``fg`` as Atom (``kind="atom"``) or RSS 2.0 bytes."""
    config = app.config
    atom_path, rss_path = feed_paths(slug)
    home = (
        page_url(app, f"{config.tags_output_dir}/{slug}")
        if slug
        else page_url(app, config.root_doc)
    )
    subtitle = title if slug else (config.html_title or config.project)
    alternate = {"href": home, "rel": "alternate", "type": "text/html"}
    if kind == "atom":
        # Atom's subtitle is text.
        fg.subtitle(subtitle)
        fg.link([alternate, {"href": file_url(app, atom_path), "rel": "self"}], replace=True)
        return fg.atom_str(pretty=True)
    # RSS readers may render the channel description as HTML; the channel's <link> is
    # the site (feedgen takes the last link), the feed itself an atom:link rel="self".
    fg.subtitle(html.escape(subtitle))
    fg.link([{"href": file_url(app, rss_path), "rel": "self"}, alternate], replace=True)
    return fg.rss_str(pretty=True)


class _Feed:
    """One feed's generator, made at the first format asked for and reused by the other."""

    def __init__(self, app: Sphinx, posts: Sequence[Post], slug: str, title: str) -> None:
        self.app, self.posts, self.slug, self.title = app, posts, slug, title
        self.fg: FeedGenerator | None = None

    def render(self, kind: str) -> bytes:
        if self.fg is None:
            self.fg = feed_generator(self.app, self.posts, slug=self.slug, title=self.title)
        return render_feed(self.app, self.fg, slug=self.slug, title=self.title, kind=kind)


def feed_jobs(app: Sphinx) -> list[Job]:
    """The site feeds and one pair per tag with posts: (path, maker) of those that changed."""
    if not app.config.conference_feeds or not is_html(app):
        return []
    domain = get_domain(app.env)
    limit = app.config.conference_feed_limit

    def cut(posts: Sequence[Post]) -> Sequence[Post]:
        return posts[:limit] if limit > 0 else posts

    feeds: list[tuple[str, str, Sequence[Post]]] = [
        ("", app.config.project, cut(domain.index.posts))
    ]
    for slug, kinds in domain.index.by_tag.items():
        if kinds.get("posts"):
            name = domain.index.tag_names.get(slug, slug)
            feeds.append((slug, f"{app.config.project}: {name}", cut(kinds["posts"])))
    cache = output_cache(app)
    people = domain.people
    jobs: list[Job] = []
    for slug, title, posts in feeds:
        # Everything a feed shows; an unchanged feed is kept as it is.
        inputs = fingerprint(
            (
                slug,
                title,
                [(p, [people.get(a) for a in p.authors], content_stamp(app, p)) for p in posts],
            ),
            cache.memo,
        )
        feed = _Feed(app, posts, slug, title)
        for path, kind in zip(feed_paths(slug), ("atom", "rss"), strict=True):
            if not cache.fresh(path, (kind, inputs)):
                jobs.append((path, partial(feed.render, kind)))
    return jobs
