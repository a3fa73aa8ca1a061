"""Posts and page metadata: front matter read at ``doctree-read``.

A post is a page under one of ``conference_post_dirs`` with a ``date`` in its
front matter.  Its ``authors``, ``tags``, ``summary``, ``image`` and ``draft``
keys are validated (warnings name the key's own line), it gets a byline
placeholder under its title, and it is left out of the toctree check: posts
are reached through listing pages and archives, never through a toctree of
every post (which would make every page's navigation grow with the site).

Every page also records which conference objects it references, for the
"mentioned in" lists on session and people pages.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from sphinx_conference.core.model import PageTags, Post
from sphinx_conference.core.validation import (
    FieldError,
    has_markup,
    parse_date,
    parse_slug,
    parse_url,
    split_list,
)
from sphinx_conference.directives.people import PHOTO_SUFFIXES as IMAGE_SUFFIXES
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import TABLES, get_domain
from sphinx_conference.render import nodes as cnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

KNOWN_KEYS = {
    "date",
    "authors",
    "author",
    "tags",
    "summary",
    "image",
    "draft",
    "title",
    "orphan",
    "nosearch",
    "tocdepth",
    "html_meta",
    "myst",
    "jupytext",
    "kernelspec",
    "wordcount",
    "file_format",
    "og:description",
    "og:image",
    "hide-toc",
    "layout",
    "updated",
}


def front_matter_value(value: Any) -> Any:
    """Undo MyST's stringification of front-matter values (lists as JSON, booleans as text)."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("[") and text.endswith("]"):
            try:
                return json.loads(text)
            except ValueError:
                return text
        if text in {"True", "true"}:
            return True
        if text in {"False", "false"}:
            return False
    return value


def key_line(env: BuildEnvironment, docname: str, key: str) -> int:
    """The line of front-matter ``key`` in ``docname`` (1 where not found)."""
    try:
        lines = Path(env.doc2path(docname)).read_text("utf-8").splitlines()
    except OSError:
        return 1
    if not lines or lines[0].strip() != "---":
        return 1
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for i, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if pattern.match(line):
            return i
    return 1


def is_post_path(docname: str, dirs: list[str]) -> bool:
    """Whether ``docname`` lies under one of the post folders (and is not a folder index)."""
    if docname.endswith("index"):
        return False
    return any(docname.startswith(d.rstrip("/") + "/") for d in dirs)


def _first_title(doctree: nodes.document) -> tuple[nodes.section | None, str]:
    for section in doctree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            return section, section[0].astext()
    return None, ""


def post_image(
    env: BuildEnvironment, docname: str, raw: str, bad: Callable[[str, str, str], None]
) -> str:
    """A post's ``image``: an https URL or an image file inside the project (else warn, "")."""
    text = raw.strip()
    if not text:
        return ""
    if re.match(r"^[a-zA-Z][\w+.-]*:", text):
        try:
            url = parse_url(text)
        except FieldError as err:
            bad("image", str(err), err.subtype)
            return ""
        if not url.startswith("https://"):
            bad(
                "image",
                f"a remote image must use https, e.g. 'https://example.org/a.png', got {raw!r}",
                "url",
            )
            return ""
        return url
    rel, absolute = env.relfn2path(text, docname)
    srcdir = Path(env.srcdir).resolve()
    full = Path(absolute).resolve()
    if posixpath.normpath(rel).startswith("../") or not full.is_relative_to(srcdir):
        bad(
            "image",
            f"the image must be a file inside the project, e.g. '/_static/cover.png', got {raw!r}",
            "photo",
        )
        return ""
    if full.suffix.lower() not in IMAGE_SUFFIXES or not full.is_file():
        bad(
            "image",
            f"expected an existing image file ({', '.join(sorted(IMAGE_SUFFIXES))}), got {raw!r}",
            "photo",
        )
        return ""
    return posixpath.normpath(rel)


def page_tags(env: BuildEnvironment, docname: str) -> list[str]:
    """Tags of a page: front matter ``tags`` and every ``{tags}`` directive."""
    meta = env.metadata.get(docname, {})
    raw = front_matter_value(meta.get("tags"))
    tags = split_list(raw)
    for tag in env.metadata[docname].get("conference_directive_tags", []):
        if tag not in tags:
            tags.append(tag)
    return tags


def collect_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: record posts, page tags and references; add a post's byline."""
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    config = app.config

    refs = {
        (n["reftype"], n["reftarget"])
        for n in doctree.findall(addnodes.pending_xref)
        if n.get("refdomain") == "conference" and n.get("reftype") in TABLES
    }
    # A session block's speakers are linked when the page is written.
    for details in doctree.findall(cnodes.session_details):
        refs.update(("speaker", sid) for sid in details["session"].speakers)
    domain.note_refs(docname, refs)

    meta = env.metadata[docname]
    if any(fnmatch(docname, pat) for pat in config.conference_unlisted):
        meta["orphan"] = True  # reached through lists and archives, not a toctree
    tags = page_tags(env, docname)
    section, title = _first_title(doctree)

    def bad(key: str, message: str, subtype: str) -> None:
        warn(
            f"front matter {key!r}: {message}",
            location=(docname, key_line(env, docname, key)),
            subtype=subtype,
        )

    if not is_post_path(docname, config.conference_post_dirs):
        if tags:
            domain.add_page_tags(
                PageTags(docname=docname, title=title or docname, tags=tuple(tags))
            )
        return
    if "date" not in meta:
        bad("date", "a post needs a date, e.g. 'date: 2023-02-14' in its front matter", "required")
        if tags:
            domain.add_page_tags(
                PageTags(docname=docname, title=title or docname, tags=tuple(tags))
            )
        return
    try:
        date = parse_date(meta["date"])
    except FieldError as err:
        bad("date", str(err), err.subtype)
        return
    authors = []
    for raw in split_list(front_matter_value(meta.get("authors", meta.get("author")))):
        try:
            authors.append(parse_slug(raw, what="author id"))
        except FieldError as err:
            bad("authors", str(err), err.subtype)
    summary = " ".join(str(meta.get("summary", "")).split())
    if summary and has_markup(summary):
        bad(
            "summary", f"plain text expected, got markup {summary!r}; it is shown as text", "markup"
        )
    for tag in tags:
        if has_markup(tag):
            bad("tags", f"plain text expected, got markup {tag!r}; it is shown as text", "markup")
    image = post_image(env, docname, str(meta.get("image", "") or ""), bad)
    draft = front_matter_value(meta.get("draft", False))
    if not isinstance(draft, bool):
        bad("draft", f"expected true or false, got {draft!r}", "field")
        draft = False
    extra = [k for k in meta if isinstance(k, str) and k not in KNOWN_KEYS]
    for key in sorted(k for k in extra if not k.startswith(("conference_", "myst"))):
        bad(key, "unknown key; expected one of date, authors, tags, summary, image, draft", "field")
    words = (
        meta.get("wordcount", {}).get("words", 0) if isinstance(meta.get("wordcount"), dict) else 0
    )
    if not title:
        bad("title", "a post needs a title: start it with a '# Heading'", "required")
    post = Post(
        docname=docname,
        title=title or docname,
        date=date,
        authors=tuple(authors),
        tags=tuple(tags),
        summary=summary,
        image=image,
        draft=draft,
        words=int(words),
    )
    domain.add_post(post)
    domain.note_dependency(docname, ("post", docname))
    if section is not None:
        byline = cnodes.post_byline(post=docname)
        byline.source, byline.line = doctree.get("source"), 1
        section.insert(1, byline)
        related = cnodes.related_posts(post=docname)
        related.source, related.line = doctree.get("source"), 1
        section.append(related)
        domain.note_dependency(docname, ("related", docname))
        domain.note_dependency(docname, ("neighbours", docname))


def check_posts(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: every author of a post is a known person."""
    domain = get_domain(env)
    for post in sorted(domain.posts.values(), key=lambda p: p.docname):
        for author in post.authors:
            if author not in domain.people:
                warn(
                    f"front matter 'authors': unknown person id {author!r}; expected the id of a "
                    "{speaker} directive in people/, e.g. 'albane-tonnellier'",
                    location=(post.docname, key_line(env, post.docname, "authors")),
                    subtype="reference",
                )
