"""Sphinx configuration of the sphinx-conference documentation (a site of its own).

Built by ``nox -s docs`` into ``_build/docs``, and on Read the Docs by the project that
points at ``.readthedocs.docs.yaml``.  The docs load the extension they describe: the
examples under ``examples/`` are rendered by it, and the reference is generated from its
schema (``_ext/reference.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sphinx_conference import __version__

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-conference"
author = "The sphinx-conference contributors"
copyright = "2023-2026, the sphinx-conference contributors"
release = version = __version__

extensions = [
    # myst_parser, sphinx_design and sphinx_tags are loaded by sphinx_conference itself.
    "sphinx_conference",
    "sphinx_conference.speedups",  # so that its setting is in the reference too
    "reference",  # _ext/reference.py: the reference tables, from the schema
    "live",  # _ext/live.py: {live-example}, a source shown and rendered
]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext"]

html_theme = "furo"
html_title = f"sphinx-conference {release}"
html_static_path = ["_static"]
html_css_files = ["docs.css"]
html_copy_source = False
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "") or "http://localhost:8000/"

# The sample content: one event with its sessions, two people and a post, under examples/.
conference_post_dirs = ["examples/posts"]
conference_default_timezone = "Europe/London"
conference_tags = {
    "Security": "Keeping systems and supply chains safe.",
    "Community": {
        "description": "People, projects and how they work together.",
        "aliases": ["community-building"],
    },
}
