"""Posts and page metadata: front matter read at ``source-read``, checked at ``doctree-read``.

A post is a page under one of ``conference_post_dirs`` with a ``date`` in its
front matter.  The front matter is read by :mod:`sphinx_conference.core.frontmatter`
and its keys validated by :func:`sphinx_conference.core.rules.read_post`, as ``check``
does (warnings name the key's own line).  A post gets a byline
placeholder under its title, and it is left out of the toctree check: posts
are reached through listing pages and archives, never through a toctree of
every post (which would make every page's navigation grow with the site).

Every page also records which conference objects it references, for the
"mentioned in" lists on session and people pages.
"""

from __future__ import annotations

import functools
import json
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from sphinx_conference.core import consistency, frontmatter, rules
from sphinx_conference.core.model import PageTags, Post
from sphinx_conference.domain.report import warn
from sphinx_conference.domain.store import TABLES, get_domain
from sphinx_conference.render import nodes as cnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the metadata key under which ``source-read`` leaves a page's front matter for ``doctree-read``
_STASH = "conference_front_matter"


def front_matter_value(value: Any) -> Any:
    """Undo Sphinx's stringification of docinfo values (lists as JSON, booleans as text)."""
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
        text = Path(env.doc2path(docname)).read_text("utf-8")
    except OSError:
        return 1
    return frontmatter.read(text).line_of(key)


def _is_markdown(app: Sphinx, docname: str) -> bool:
    suffix = Path(app.env.doc2path(docname)).suffix
    return app.config.source_suffix.get(suffix) == "markdown"


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: read a Markdown page's front matter with the checker's reader.

    Malformed YAML is reported at its line with the YAML error, and the block is
    blanked (line numbers kept) so that MyST does not add its own "Malformed YAML";
    the post's other problems are then not guessed at.  What was read is left in the
    page's metadata for :func:`collect_page`, which takes it out again.
    """
    if not source or not source[0].startswith("---") or not _is_markdown(app, docname):
        return
    fm = frontmatter.read(source[0])
    if fm.span is None:
        return
    if fm.error is not None:
        line, message = fm.error
        warn(message, location=(docname, line), subtype="field")
    if fm.error is not None or not frontmatter.loads_as_myst_does(fm.content):
        source[0] = frontmatter.blank_block(source[0], fm)
    app.env.metadata[docname][_STASH] = fm


def _first_title(doctree: nodes.document) -> tuple[nodes.section | None, str]:
    for section in doctree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            return section, section[0].astext()
    return None, ""


def page_tags(env: BuildEnvironment, docname: str, fm: frontmatter.FrontMatter) -> list[str]:
    """Tags of a page: front matter ``tags`` and every ``{tags}`` directive."""
    tags = rules.page_tags(fm.data)
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
    fm = meta.pop(_STASH, None)
    if fm is None:  # no Markdown front matter: reST docinfo, as Sphinx collected it
        fm = frontmatter.FrontMatter(
            data={
                k: front_matter_value(val)
                for k, val in meta.items()
                if isinstance(k, str)
                and k not in {"orphan", "wordcount"}
                and not k.startswith("conference_")
            }
        )
    if any(fnmatch(docname, pat) for pat in config.conference_unlisted):
        meta["orphan"] = True  # reached through lists and archives, not a toctree
    tags = page_tags(env, docname, fm)
    section, title = _first_title(doctree)

    def add_page_tags() -> None:
        if tags:
            domain.add_page_tags(
                PageTags(docname=docname, title=title or docname, tags=tuple(tags))
            )

    if not rules.is_post_path(docname, config.conference_post_dirs) or fm.error is not None:
        add_page_tags()  # a post whose front matter could not be read: its error says so
        return
    ctx = rules.Context(
        srcdir=Path(env.srcdir), docpath=Path(env.doc2path(docname, False)).as_posix()
    )
    values, problems = rules.read_post(fm.data, title, ctx)
    for problem in problems:
        warn(
            rules.key_message(problem.field, problem.message),
            location=(docname, fm.line_of(problem.field)),
            subtype=problem.subtype,
        )
    if values is None:
        add_page_tags()
        return
    words = (
        meta.get("wordcount", {}).get("words", 0) if isinstance(meta.get("wordcount"), dict) else 0
    )
    post = Post(
        docname=docname,
        title=title or docname,
        date=values["date"],
        authors=values["authors"],
        tags=tuple(tags),
        summary=values["summary"],
        image=values["image"],
        draft=values["draft"],
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
    line_of = functools.partial(key_line, env)
    for found in consistency.authors(domain.posts.values(), domain.people, line_of):
        warn(found.message, location=(found.docname, found.line), subtype=found.subtype)
