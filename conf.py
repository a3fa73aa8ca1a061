"""Sphinx configuration of the conference knowledge site."""

from __future__ import annotations

import os

project = "Open Source Conference Notes"
author = "The site's contributors"
copyright = "2023-2026, the site's contributors"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_tags",
    "sphinx_conference",
    # Opt-in speed-ups (process-wide, checked per Sphinx version): see its docs.
    "sphinx_conference.speedups",
    "sphinxext.opengraph",
    "sphinx_sitemap",
]
# Each warning names its type ([conference.date]): the default from Sphinx 8, not on 7.4.
show_warning_types = True

# MyST: colon fences for directives, front matter for posts, word counts for reading time.
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build",
    ".*",
    "**/.*",
    "venv",
    "README.md",
    "README.pypi.md",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "LICENSE",
    ".nox",
    ".venv",
    "tests",
    "src",
    "benchmarks",
    "docs",
    "_templates",
]

# sphinx-tags: only its {tags} directive is used; pages come from the conference domain.
tags_create_tags = False
tags_output_dir = "_tags"

# The site's theme (shipped by sphinx_conference): bounded navigation on every page.
html_theme = "conference"
html_title = project
html_static_path = ["_static"]
html_css_files = ["site.css"]
# The theme links no page to its source text, so copies of the sources in _sources/
# would be files nobody reaches (and one more file to write per page).
html_copy_source = False
# Canonical URLs, sitemap, feeds and calendars need an absolute root; a local build is
# served with `python -m http.server -d _build/html` (port 8000).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "") or "http://localhost:8000/"

# Sharing: OpenGraph tags (descriptions and images come from sphinx_conference), a Twitter
# card (a large one on pages with an image), a sitemap.
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary" />']
# sphinxext-opengraph's own card images need matplotlib; sphinx_conference draws them.
ogp_social_cards = {"enable": False}
sitemap_url_scheme = "{link}"
templates_path = ["_templates"]

conference_default_timezone = "UTC"
# Conferences across years: an event's :series: names one; each gets a page of its editions.
conference_series = {
    "soocon": {
        "name": "State of Open Con",
        "description": "OpenUK's conference on the state of open technology: open source "
        "software, open hardware and open data, with talks on security, policy and "
        "community, held in London.",
    },
}
conference_nav = [
    ("Posts", "posts/index"),
    ("Events", "events/index"),
    ("Series", "series/index"),
    ("People", "people/index"),
    ("Tags", "_tags/tagsindex"),
    ("Archive", "archive/index"),
]
# The licence stated in the site's open data (_data/conference.json). The repository, content
# included, is under the MIT licence (LICENSE, README); the data says the same, no more.
conference_data_license = "MIT"
