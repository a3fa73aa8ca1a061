"""The extension's documentation: its reference is complete, its quick start builds, and it builds.

The reference (docs/reference.md) is generated from the schema by docs/_ext/reference.py;
these tests fail when something the extension registers has no description there.
"""

from __future__ import annotations

import re
import shutil
import sys
from io import StringIO
from pathlib import Path

import pytest

from conftest import REPO, build_root, html, warnings

DOCS = REPO / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

import reference  # noqa: E402  (docs/_ext/reference.py)

from sphinx_conference.core import rules  # noqa: E402

#: the conf.py of a test root that also loads the optional speed-ups
CONF = 'extensions = ["sphinx_conference", "sphinx_conference.speedups"]\n'


@pytest.fixture(scope="module")
def registered(module_tmp):
    """What sphinx_conference and its speed-ups register with Sphinx: directives, roles, settings."""
    from sphinx.application import Sphinx
    from sphinx.testing.util import SphinxTestApp

    found: dict[str, set[str]] = {"directive": set(), "role": set(), "config": set()}
    originals = {
        "directive": Sphinx.add_directive,
        "role": Sphinx.add_role,
        "config": Sphinx.add_config_value,
    }

    def spy(kind):
        def call(self, name, *args, **kwargs):
            if sys._getframe(1).f_globals["__name__"].startswith("sphinx_conference"):
                found[kind].add(name)
            return originals[kind](self, name, *args, **kwargs)

        return call

    src = module_tmp / "registered"
    src.mkdir()
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text("# Index\n")
    mp = pytest.MonkeyPatch()
    for kind in originals:
        mp.setattr(Sphinx, f"add_{kind}" if kind != "config" else "add_config_value", spy(kind))
    try:
        app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    finally:
        mp.undo()
    domain_roles = {f"conference:{name}" for name in app.env.domains["conference"].roles}
    app.cleanup()
    found["role"] |= domain_roles
    return found


def test_the_spy_sees_what_setup_registers(registered):
    """The registry is read, not guessed: the known names are among what setup() registered."""
    assert {"speaker", "event", "session", "session-list", "tags"} <= registered["directive"]
    assert {"speaker", "tag", "conference:speaker"} <= registered["role"]
    assert {"conference_nav", "conference_speedups"} <= registered["config"]


def test_every_directive_is_in_the_reference_with_descriptions(registered):
    docs = {d.name: d for d in reference.directive_docs()}
    assert sorted(registered["directive"]) == sorted(docs)
    for name, doc in docs.items():
        assert doc.summary.strip(), f"{{{name}}} has no summary in core/rules.py"
        for option in doc.options:
            assert option.description.strip(), f"{{{name}}} :{option.name}: has no description"
            assert option.value.strip(), f"{{{name}}} :{option.name}: has no value description"


def test_every_directive_with_an_argument_or_body_says_what_it_is():
    for spec in reference.directive_specs():
        takes_argument = spec.argument is not None or spec.name == "tags"
        assert bool(spec.argument_what) == takes_argument, spec.name
        assert bool(spec.content_what) == spec.has_content, spec.name


def test_every_role_is_in_the_reference(registered):
    documented = {r.name for r in rules.ROLES}
    plain = {name.split(":")[-1] for name in registered["role"]}
    assert plain == documented
    assert all(r.what.strip() and r.example.strip() for r in rules.ROLES)


def test_every_front_matter_key_has_a_description():
    rows = reference.front_matter_rows()
    assert [r.name for r in rows] == [f.name for f in rules.POST_FIELDS]
    assert all(r.description.strip() for r in rows)


def _quickstart_files() -> dict[str, str]:
    text = (DOCS / "quickstart.md").read_text("utf-8")
    blocks = re.findall(r"^```\{code-block\} \w+\n:caption: (\S+)\n\n(.*?)^```$", text, re.M | re.S)
    return dict(blocks)


def test_the_quick_start_builds_as_written(tmp_path):
    """The quick start's files, written as the page shows them, build with no warning."""
    from sphinx.testing.util import SphinxTestApp

    files = _quickstart_files()
    assert {"conf.py", "index.md", "people/ada-lovelace.md", "posts/2026/hello.md"} <= set(files)
    for name, body in files.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, "utf-8")
    app = SphinxTestApp(
        "html", srcdir=tmp_path / "site", status=StringIO(), warning=StringIO(), freshenv=True
    )
    try:
        app.build()
        assert warnings(app) == ""
        out = Path(app.outdir)
        assert (
            "Engines of Thought" in (out / "events/index.html").read_text("utf-8")
            or (out / "events/2027/pycon-2027.html").exists()
        )
        assert "Hello, PyCon" in (out / "posts/index.html").read_text("utf-8")
    finally:
        app.cleanup()
        shutil.rmtree(tmp_path / "site", ignore_errors=True)


THEME = REPO / "src" / "sphinx_conference" / "theme" / "conference"


def test_every_option_of_the_conference_theme_does_something():
    """An option in theme.toml that its templates never read would be a setting that does nothing."""
    import tomllib

    options = tomllib.loads((THEME / "theme.toml").read_text("utf-8"))["options"]
    templates = "".join(path.read_text("utf-8") for path in THEME.glob("*.html"))
    assert options, "the theme has no options"
    for name in options:
        assert f"theme_{name}" in templates, f"theme option {name!r} is never used"


def test_the_conference_theme_shows_html_logo(tmp_path):
    app = build_root(
        "basic",
        tmp_path / "logo",
        confoverrides={"html_theme": "conference", "html_logo": "_static/people/ada.png"},
    )
    try:
        logo = html(app, "events/pycon").select_one("header .site-title img.site-logo")
        assert logo is not None and logo["src"] == "../_static/ada.png"
        assert logo["alt"] == ""  # the title beside it names the link
        assert (Path(app.outdir) / "_static" / "ada.png").is_file()
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def docs_build(module_tmp):
    """docs/ built as its own site (under alabaster: the docs' theme is an extra)."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "html",
        srcdir=DOCS,
        builddir=module_tmp / "docs-build",
        confoverrides={"html_theme": "alabaster"},
        status=StringIO(),
        warning=StringIO(),
    )
    app.build()
    yield app
    app.cleanup()


def _reference_text(app) -> str:
    return (Path(app.outdir) / "reference.html").read_text("utf-8")


def test_the_docs_build_without_warnings_and_write_nothing_into_the_source(docs_build):
    assert warnings(docs_build) == ""
    assert not (DOCS / "_build").exists()
    assert not (DOCS / "_tags").exists()


def test_the_built_reference_shows_every_setting_with_its_description(registered, docs_build):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(_reference_text(docs_build), "lxml")
    for name in sorted(registered["config"]):
        row = page.find("tr", id=re.compile(f"^{re.escape(name.replace('_', '-'))}$"))
        assert row is not None, f"{name} is not in the reference"
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        assert cells[0] == name and cells[1], f"{name} has no description"


def test_the_built_reference_shows_every_directive_and_option(registered, docs_build):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(_reference_text(docs_build), "lxml")
    for name in sorted(registered["directive"]):
        section = page.find(id=f"directive-{name}")
        assert section is not None, f"{{{name}}} is not in the reference"
        text = section.get_text(" ", strip=True)
        spec = rules.DIRECTIVES.get(name, rules.TAGS)
        for option in spec.names:
            assert re.search(rf"\b{re.escape(option)}\b", text), (name, option)
