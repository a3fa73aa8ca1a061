"""Valid, deterministic output: every page of the real site and of the test roots passes the
current Nu Html Checker (vnu-jar, see tests/vnu.py) and skips no heading level, and two clean
builds of the same sources are byte-identical (pages, search index, and feeds and calendars as
they land).
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

import vnu
from conftest import build_root, copy_site, sphinx_build

EPOCH = "1717200000"  # 2024-06-01: "today" for drafts and upcoming events


def build_site(src: Path, out: Path):
    """A build with a fixed "today" and hash seed, doctrees beside the output."""
    doctrees = str(out.parent / f"{out.name}-doctrees")
    return sphinx_build(
        src, out, "-d", doctrees, env={"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0"}
    )


@pytest.fixture(scope="module")
def site(module_tmp):
    """The real site built twice from one copy of its sources, into two clean folders."""
    src = module_tmp / "src"
    src.mkdir()
    copy_site(src)
    (src / "_static").mkdir(exist_ok=True)  # html_static_path entry; may be empty in git
    first, second = module_tmp / "html-1", module_tmp / "html-2"
    results = [build_site(src, first), build_site(src, second)]
    for result in results:
        assert result.returncode == 0, result.stderr
    return first, second


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_two_clean_builds_are_byte_identical(site):
    first, second = site
    a, b = _files(first), _files(second)
    assert sorted(a) == sorted(b)
    assert any(name.endswith(".html") for name in a)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []


#: Test roots that render lists, cards, schedules and generated pages (tags, archives).
ROOTS = ("basic", "schedule", "web", "drafts", "rest", "around", "agenda", "social", "series")


@pytest.fixture(scope="module")
def roots(module_tmp) -> dict[str, Path]:
    """The output folders of :data:`ROOTS`, built with the conference theme."""
    out = {}
    for name in ROOTS:
        app = build_root(
            name, module_tmp / f"root-{name}", confoverrides={"html_theme": "conference"}
        )
        app.cleanup()
        out[name] = Path(app.outdir)
    return out


def build_hostile(dest: Path) -> Path:
    """The hostile corpus's pages (escaped values; not sanitised author HTML) built."""
    from test_hostile import CASES, case_page

    for n, (where, field, value, expected) in enumerate(CASES):
        path, text = case_page(n, where, field, value)
        if where in {"body", "post-body"} or (where == "page" and expected == "html"):
            continue  # sanitised author HTML may put a <div> in a <p>; checked for injection
        if field == "duplicate":
            continue  # two blocks of one id on one page share an HTML id: the author's mistake
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / path).write_text(text, "utf-8")
    app = build_root("hostile", dest, confoverrides={"html_theme": "conference"})
    app.cleanup()
    return Path(app.outdir)


@pytest.fixture(scope="module")
def nu_errors(site, roots, module_tmp) -> dict[str, tuple[Path, list[dict]]]:
    """The Nu Html Checker's errors per built folder, from one run (one JVM start) over all."""
    vnu.jar()  # skips (or fails on CI) before building anything more without Java or npm
    vnu.java()
    folders = {"site": site[0], "hostile": build_hostile(module_tmp / "hostile"), **roots}
    messages = vnu.validate(folders.values())
    return {
        name: (folder, [m for m in messages if vnu.is_under(m, folder)])
        for name, folder in folders.items()
    }


def test_the_nu_html_checker_ran_over_every_folder(nu_errors):
    """Each folder's pages reached the checker (a wrong path would pass with no message)."""
    for folder, _ in nu_errors.values():
        assert any(folder.rglob("*.html"))


def test_every_page_of_the_site_passes_the_nu_html_checker(nu_errors):
    """The current checker (vnu-jar) finds no error on any page: headings follow the outline."""
    folder, errors = nu_errors["site"]
    assert errors == [], vnu.describe(errors, folder)


def test_hostile_corpus_pages_pass_the_nu_html_checker(nu_errors):
    """Escaped hostile values and sanitised raw HTML still make valid pages."""
    folder, errors = nu_errors["hostile"]
    assert errors == [], vnu.describe(errors, folder)


@pytest.mark.parametrize("root", ROOTS)
def test_every_page_of_the_test_roots_passes_the_nu_html_checker(nu_errors, root):
    """Lists at every depth, cards, schedules, tag pages and archives."""
    folder, errors = nu_errors[root]
    assert errors == [], vnu.describe(errors, folder)


def skipped_levels(path: Path) -> list[str]:
    """Where a heading in the page's main content skips a level after the one before it."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(path.read_text("utf-8"), "lxml")
    main = page.find("main") or page.find(attrs={"role": "main"}) or page.body or page
    headings = main.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    return [
        f"{before.name} {before.get_text(strip=True)!r} -> {after.name}"
        for before, after in pairwise(headings)
        if int(after.name[1]) > int(before.name[1]) + 1
    ]


def test_no_page_skips_a_heading_level(site, roots):
    """The outline without the checker (no Java needed): every page, generated ones too."""
    skips = {}
    for out in (site[0], *roots.values()):
        for path in sorted(out.rglob("*.html")):
            if found := skipped_levels(path):
                skips[str(path.relative_to(out.parent))] = found
    assert skips == {}


def test_machine_readable_outputs_parse(site):
    """Feeds, sitemaps, calendars and schedule JSON (issue 4), where they are built."""
    from lxml import etree

    first, _ = site
    checked = []
    for path in sorted(first.rglob("*")):
        if path.suffix in {".xml", ".atom", ".rss"}:
            etree.parse(str(path))
        elif path.suffix == ".ics":
            icalendar = pytest.importorskip("icalendar")
            icalendar.Calendar.from_ical(path.read_bytes())
        elif path.suffix == ".json":
            json.loads(path.read_text("utf-8"))
        else:
            continue
        checked.append(path.name)
    if not checked:
        pytest.skip("no feeds, sitemaps, calendars or JSON exports are built yet (issue 4)")
