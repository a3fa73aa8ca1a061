extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
conference_today = "2024-06-01"
conference_series = {
    "pycon-land": {
        "name": "PyCon Land",
        "description": "The yearly Python conference of <Land>, since 2021.",
    },
    "tiny": "Tiny Conf",
}
# Sphinx 8 shows each warning's type ([conference.date]) by default; 7.4 needs this.
show_warning_types = True
