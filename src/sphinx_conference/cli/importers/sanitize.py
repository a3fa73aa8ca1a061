"""Untrusted text from a schedule turned into Markdown that renders as text and nothing else.

Abstracts, descriptions and biographies are written by speakers, in HTML, Markdown or
both.  :func:`to_markdown` reads them as CommonMark (raw HTML passes through), sanitises the
resulting HTML with nh3 (an allow-list: no script, style, event-handler attribute or
``javascript:`` URL survives), and writes it back as Markdown with markdownify, escaping
every character of the text that MyST could read as syntax: a fence or colon fence
(directives such as ``{raw}``), a role, raw HTML, a target, a comment, a heading.
Finally the result is parsed with MyST's own parser, every extension switched on, and
if any token other than plain formatting, lists, quotes, code and web links appears, the
text is imported as escaped plain text instead.

One-line option values (titles, names, rooms) go through :func:`option_value`, which
keeps them on one line and free of anything the extension would flag as markup, and
:func:`quote_option`, which quotes them where MyST's option parser would misread them.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3
from markdownify import MarkdownConverter

from sphinx_conference.cli.importers.common import multiline, one_line
from sphinx_conference.core.validation import FieldError, has_markup, parse_url

ALLOWED_TAGS = {
    "p",
    "br",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "strike",
    "code",
    "pre",
    "kbd",
    "samp",
    "tt",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "img",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "sub",
    "sup",
    "q",
    "cite",
    "abbr",
    "span",
    "div",
    "section",
    "article",
    "small",
    "mark",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
#: tags removed with everything inside them
DROP_CONTENT = {
    "script",
    "style",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "noscript",
    "textarea",
    "select",
    "title",
    "head",
    "frameset",
    "noembed",
    "noframes",
    "xmp",
}

# Characters escaped wherever they occur in text, and what starts a block at a line's start.
_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]<>|~$&#])")
_LINE_START_RE = re.compile(
    r"(^|\n)([ \t]*)(?:(\d{1,9})([.)])|([-+=](?=[-+=]|\s|$)|[%:>]|\((?=[^\n]*\)=)))"
)


def escape_text(value: str) -> str:
    """Escape text so MyST shows it literally, whatever extensions a site enables."""
    t = _SPECIAL_RE.sub(r"\\\1", value)

    def line_start(m: re.Match[str]) -> str:
        if m.group(3):
            return f"{m.group(1)}{m.group(2)}{m.group(3)}\\{m.group(4)}"
        return f"{m.group(1)}{m.group(2)}\\{m.group(5)}"

    return _LINE_START_RE.sub(line_start, t)


_BARE_HOST_RE = re.compile(r"^(www\.|[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,})(/|$)", re.I)


_FILE_SUFFIX_RE = re.compile(
    r"\.(pdf|odp|odt|ods|pptx?|docx?|xlsx?|key|png|jpe?g|gif|svg|webp|zip|tar|gz|tgz|txt|html?|md|"
    r"mp4|webm|mkv|ogg|mp3|json|xml|ics|csv)$",
    re.I,
)


def is_bare_host(raw: str) -> bool:
    """``example.org/path``: a web address without scheme (``slides.pdf`` is a file, not a host)."""
    t = raw.strip()
    m = _BARE_HOST_RE.match(t)
    if not m:
        return False
    return t.lower().startswith("www.") or "/" in t or not _FILE_SUFFIX_RE.search(t)


def safe_url(raw: str, base_url: str = "") -> str:
    """An absolute http, https or mailto URL usable in Markdown and options, or ``""``.

    Relative URLs are resolved against ``base_url``; a bare host name (``example.org``) gets
    ``https://``; characters that would end a Markdown link or an option are percent-encoded.
    """
    url = one_line(raw).strip()
    if not url:
        return ""
    scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    if not scheme:
        if url.startswith("//"):
            url = "https:" + url
        elif is_bare_host(url):
            url = "https://" + url
        elif base_url:
            url = urljoin(base_url, url)
        else:
            return ""
    for ch, enc in (
        ("\\", "%5C"),
        (" ", "%20"),
        ('"', "%22"),
        ("'", "%27"),
        ("<", "%3C"),
        (">", "%3E"),
        ("`", "%60"),
        ("(", "%28"),
        (")", "%29"),
        (",", "%2C"),
        ("[", "%5B"),
        ("]", "%5D"),
        ("{", "%7B"),
        ("}", "%7D"),
        ("|", "%7C"),
        ("*", "%2A"),
    ):
        url = url.replace(ch, enc)
    try:
        return parse_url(url)
    except FieldError:
        return ""


class _SafeMarkdown(MarkdownConverter):
    """markdownify with every text node escaped and only inert constructs produced."""

    def __init__(self, base_url: str = "") -> None:
        super().__init__(
            heading_style="atx",
            bullets="-",
            newline_style="backslash",
            strong_em_symbol="*",
            escape_misc=False,
            escape_asterisks=False,
            escape_underscores=False,
            autolinks=False,
            default_title=False,
        )
        self.base_url = base_url

    def escape(self, text: str, parent_tags: Any) -> str:
        return escape_text(text) if text else ""

    def convert_a(self, el: Any, text: str, parent_tags: Any) -> str:
        if "_noformat" in parent_tags:
            return text
        url = safe_url(el.get("href") or "", self.base_url)
        body = text.strip()
        if not body:
            return ""
        if not url:
            return text
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        return f"{lead}[{body}]({url}){trail}"

    def convert_img(self, el: Any, text: str, parent_tags: Any) -> str:
        alt = escape_text(one_line(el.get("alt") or ""))
        url = safe_url(el.get("src") or "", self.base_url)
        if not url:
            return alt
        return f"[{alt or 'image'}]({url})"

    def convert_hN(self, n: int, el: Any, text: str, parent_tags: Any) -> str:
        text = " ".join(text.split())
        if "_inline" in parent_tags or not text:
            return text
        return f"\n\n**{text}**\n\n"

    def convert_hr(self, el: Any, text: str, parent_tags: Any) -> str:
        return "\n\n"

    def convert_pre(self, el: Any, text: str, parent_tags: Any) -> str:
        if not text.strip():
            return ""
        longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        body = "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
        return f"\n\n{fence}text\n{body}\n{fence}\n\n"

    def convert_table(self, el: Any, text: str, parent_tags: Any) -> str:
        return f"\n\n{text.strip()}\n\n"

    def convert_tr(self, el: Any, text: str, parent_tags: Any) -> str:
        cells = " ".join(text.split())
        return f"\n\n{cells}\n\n" if cells else ""

    def convert_td(self, el: Any, text: str, parent_tags: Any) -> str:
        return f" {text.strip()} "

    convert_th = convert_td

    def convert_dt(self, el: Any, text: str, parent_tags: Any) -> str:
        t = " ".join(text.split())
        return f"\n\n**{t}**\n\n" if t else ""

    def convert_dd(self, el: Any, text: str, parent_tags: Any) -> str:
        t = text.strip()
        return f"\n\n{t}\n\n" if t else ""

    def convert_figcaption(self, el: Any, text: str, parent_tags: Any) -> str:
        t = text.strip()
        return f"\n\n{t}\n\n" if t else ""


@functools.cache
def _commonmark() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@functools.cache
def _myst() -> Any:
    """MyST's own parser with every syntax extension that a site could enable."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(
        enable_extensions={
            "amsmath",
            "attrs_block",
            "attrs_inline",
            "colon_fence",
            "deflist",
            "dollarmath",
            "fieldlist",
            "html_admonition",
            "html_image",
            "replacements",
            "smartquotes",
            "strikethrough",
            "substitution",
            "tasklist",
        },
    )
    return create_md_parser(config, RendererHTML)


#: tokens that plain text may become; anything else means markup got through
_INERT_TOKENS = {
    "paragraph_open",
    "paragraph_close",
    "inline",
    "text",
    "softbreak",
    "hardbreak",
    "em_open",
    "em_close",
    "strong_open",
    "strong_close",
    "s_open",
    "s_close",
    "bullet_list_open",
    "bullet_list_close",
    "ordered_list_open",
    "ordered_list_close",
    "list_item_open",
    "list_item_close",
    "blockquote_open",
    "blockquote_close",
    "code_inline",
    "link_open",
    "link_close",
    "fence",
    "code_block",
}


def inert_problem(markdown: str) -> str:
    """What in ``markdown`` MyST would read as more than text, or ``""`` when nothing is."""
    stack = list(_myst().parse(markdown))
    while stack:
        tok = stack.pop()
        if tok.type not in _INERT_TOKENS:
            return f"{tok.type} {tok.content[:40]!r}"
        if tok.type == "fence" and tok.info.strip() not in {"", "text"}:
            return f"fence with info {tok.info!r}"
        if tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            if urlsplit(href).scheme not in URL_SCHEMES:
                return f"link to {href!r}"
        if tok.children:
            stack.extend(tok.children)
    return ""


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() for line in markdown.strip().split("\n")]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    # A hard break (odd run of backslashes at a line's end) before a blank line or the end shows
    # a stray backslash: drop it.
    return re.sub(r"(?<!\\)((?:\\\\)*)\\(\n\n|$)", r"\1\2", out).strip()


def plain_markdown(value: str) -> str:
    """Text shown exactly as it is: paragraphs kept, every special character escaped."""
    paragraphs = re.split(r"\n\s*\n", multiline(value))
    out = []
    for para in paragraphs:
        lines = [escape_text(" ".join(line.split())) for line in para.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            out.append(" \\\n".join(lines) if len(lines) > 1 else lines[0])
    return "\n\n".join(out)


#: characters that may start markup anywhere in a line; text without any is plain prose
_MARKUP_CHARS_RE = re.compile(r"[<>&*_\[\]{}`#|~$\\]")


def _prose(source: str) -> str:
    """Text without markup characters: paragraphs, each line escaped where it starts a block."""
    paragraphs = []
    for para in re.split(r"\n[ \t]*\n", source):
        lines = [escape_text(" ".join(line.split())) for line in para.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def to_markdown(value: Any, base_url: str = "") -> tuple[str, str]:
    """``(markdown, problem)``: untrusted HTML or Markdown as safe Markdown.

    ``problem`` is empty, or says why the text was imported as escaped plain text.
    """
    source = multiline(value)
    if not source:
        return "", ""
    if not _MARKUP_CHARS_RE.search(source):
        # Plain prose (most abstracts): no character that could start markup, so nothing to
        # sanitise.  Where a line starts like a block (a list, a quote), read it as Markdown.
        prose = _prose(source)
        if "\\" not in prose:
            return prose, ""
    html = _commonmark().render(source)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags=DROP_CONTENT,
        strip_comments=True,
        link_rel=None,
    )
    markdown = _tidy(_SafeMarkdown(base_url).convert(clean))
    problem = inert_problem(markdown)
    if problem:
        text = nh3.clean(clean, tags=set(), clean_content_tags=DROP_CONTENT)
        import html as html_lib

        return plain_markdown(html_lib.unescape(text)), problem
    return markdown, ""


# -- one-line option values ------------------------------------------------------------------

_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", "`": "'"})


def option_value(value: Any) -> tuple[str, bool]:
    """``(text, changed)``: one line the extension accepts as plain text.

    Where the text would look like markup to the extension (an HTML tag, a role, a fence, a
    Markdown link, a script URL), angle brackets become ‹ › and backticks ', a link's ``](``
    gets a space, a leading fence loses its colons, and ``changed`` is true.
    """
    t = one_line(value)
    if not has_markup(t):
        return t, False
    t = t.translate(_LOOKALIKES)
    steps = (
        lambda v: re.sub(r"\]\(", "] (", v),  # [text](url)
        lambda v: re.sub(r"(?i)\b(javascript|vbscript|data):(?=\S)", r"\1: ", v),  # script URLs
        lambda v: v.lstrip(":").strip(),  # ":::{x}" at the start
        lambda v: re.sub(r"[\[\]{}]", "", v),  # whatever else: no brackets or braces at all
    )
    for step in steps:
        if not has_markup(t):
            break
        t = step(t)
    return t, True


_PLAIN_OPTION_RE = re.compile(r"^[\w(][^#\"'\\\t]*$")


def quote_option(value: str) -> str:
    """``value`` as MyST's option parser will read it back: quoted where it would not."""
    if not value or (
        _PLAIN_OPTION_RE.match(value) and not value.endswith(":") and ": " not in value
    ):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
