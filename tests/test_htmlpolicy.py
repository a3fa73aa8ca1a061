"""The raw-HTML policy (no build): what ``unsafe_parts`` reports is what ``clean`` removes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from sphinx_conference.core import htmlpolicy

KEPT_URLS = {
    "http": "http://example.org/a",
    "https": "https://example.org/a?b=c#d",
    "mailto": "mailto:team@example.org",
    "relative": "../people/ada.html",
    "fragment-only": "#schedule",
    "scheme-relative": "//example.org/x",
    "absolute-path": "/events/",
}
REMOVED_URLS = {
    "tel": ("tel:+441234567890", "tel"),
    "ftp": ("ftp://example.org/file", "ftp"),
    "javascript": ("javascript:alert(1)", "javascript"),
    "javascript-upper": ("JavaScript:alert(1)", "javascript"),
    "vbscript": ("vbscript:msgbox(1)", "vbscript"),
    "data": ("data:text/html,<script>alert(1)</script>", "data"),
    "obfuscated-tab": ("java\tscript:alert(1)", "javascript"),
    "obfuscated-newline": ("java\nscript:alert(1)", "javascript"),
    "obfuscated-entity": ("&#106;avascript:alert(1)", "javascript"),
    "leading-space": ("  javascript:alert(1)", "javascript"),
}


def _attrs(html: str, tag: str) -> dict[str, str]:
    el = BeautifulSoup(html, "html.parser").find(tag)
    assert el is not None, html
    return {k: " ".join(v) if isinstance(v, list) else v for k, v in el.attrs.items()}


@pytest.mark.parametrize("url", KEPT_URLS.values(), ids=KEPT_URLS.keys())
@pytest.mark.parametrize(("tag", "attr"), [("a", "href"), ("img", "src")])
def test_kept_url_is_reported_nowhere_and_kept(url, tag, attr):
    fragment = f'<{tag} {attr}="{url}">x</{tag}>' if tag == "a" else f'<img {attr}="{url}">'
    assert htmlpolicy.unsafe_parts(fragment) == []
    assert _attrs(htmlpolicy.clean(fragment), tag).get(attr) == url


@pytest.mark.parametrize(("url", "scheme"), REMOVED_URLS.values(), ids=REMOVED_URLS.keys())
@pytest.mark.parametrize(("tag", "attr"), [("a", "href"), ("img", "src")])
def test_removed_url_is_reported_and_removed(url, scheme, tag, attr):
    fragment = f'<{tag} {attr}="{url}">x</{tag}>' if tag == "a" else f'<img {attr}="{url}">'
    assert htmlpolicy.unsafe_parts(fragment) == [f"{scheme}: URL in {attr}= on <{tag}>"]
    cleaned = htmlpolicy.clean(fragment)
    assert attr not in _attrs(cleaned, tag), cleaned


def test_link_rel_is_not_added():
    assert htmlpolicy.clean('<a href="https://x.org/" class="c">x</a>') == (
        '<a href="https://x.org/" class="c">x</a>'
    )


KEPT_ATTRIBUTES = [
    ("span", "class", "badge big"),
    ("span", "id", "here"),
    ("span", "lang", "fr"),
    ("span", "title", "A title"),
    ("div", "class", "note"),
    ("a", "hreflang", "de"),
    ("img", "alt", "A photo"),
    ("img", "width", "40"),
    ("td", "colspan", "2"),
    ("ol", "start", "3"),
    ("abbr", "title", "HyperText"),
]
REMOVED_ATTRIBUTES = [
    ("span", "onclick", "alert(1)"),
    ("div", "onmouseover", "alert(1)"),
    ("img", "onerror", "alert(1)"),
    ("span", "style", "position:fixed"),
    ("div", "data-x", "1"),
    ("a", "target", "_blank"),
    ("a", "rel", "opener"),
    ("span", "tabindex", "0"),
    ("p", "align-x", "left"),
    ("span", "hidden", "hidden"),
]


def _element(tag: str, attr: str, value: str) -> str:
    return f'<{tag} {attr}="{value}">' + ("" if tag == "img" else f"x</{tag}>")


@pytest.mark.parametrize(("tag", "attr", "value"), KEPT_ATTRIBUTES)
def test_kept_attribute(tag, attr, value):
    fragment = _element(tag, attr, value)
    if tag == "td":
        fragment = f"<table><tr>{fragment}</tr></table>"
    assert htmlpolicy.unsafe_parts(fragment) == []
    assert _attrs(htmlpolicy.clean(fragment), tag).get(attr) == value


@pytest.mark.parametrize(("tag", "attr", "value"), REMOVED_ATTRIBUTES)
def test_removed_attribute(tag, attr, value):
    fragment = _element(tag, attr, value)
    assert htmlpolicy.unsafe_parts(fragment) == [f"{attr}= on <{tag}>"]
    assert attr not in _attrs(htmlpolicy.clean(fragment), tag)


def test_cleaning_keeps_allowed_attributes_next_to_removed_ones():
    """The bug this policy fixes: nh3's defaults stripped class/id and kept tel: links."""
    fragment = '<a href="tel:123" class="call" id="phone" onclick="x()">Call</a>'
    assert htmlpolicy.unsafe_parts(fragment) == ["tel: URL in href= on <a>", "onclick= on <a>"]
    assert htmlpolicy.clean(fragment) == '<a class="call" id="phone">Call</a>'


@pytest.mark.parametrize("tag", ["script", "style", "iframe", "object", "embed", "form", "svg"])
def test_removed_tags(tag):
    fragment = f"<{tag}>alert(1)</{tag}>"
    assert htmlpolicy.unsafe_parts(fragment) == [f"<{tag}>", f"</{tag}>"]
    cleaned = htmlpolicy.clean(fragment)
    assert f"<{tag}" not in cleaned
    if tag in htmlpolicy.CONTENT_TAGS:
        assert cleaned == ""


def test_safe_fragment_is_kept_with_its_comment():
    fragment = '<em class="x">a</em><!-- a note --><br>'
    assert htmlpolicy.unsafe_parts(fragment) == []
    assert htmlpolicy.clean(fragment) == fragment


def test_removal_message():
    text = '  <a href="javascript:x()">x</a> '
    problems = htmlpolicy.unsafe_parts(text) * 2
    assert htmlpolicy.removal_message(text, problems) == (
        "raw HTML: removed javascript: URL in href= on <a> from "
        "'<a href=\"javascript:x()\">x</a>'; expected Markdown or HTML without scripts, "
        "event handlers or non-http(s)/mailto links"
    )
