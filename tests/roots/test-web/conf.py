extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
conference_today = "2025-01-01"
conference_tags = {
    "Platform Engineering": {
        "description": "Building internal platforms.",
        "aliases": ["platform-eng", "PE"],
    },
    "Security": "Keeping systems safe.",
}
# Sphinx 8 shows each warning's type ([conference.date]) by default; 7.4 needs this.
show_warning_types = True
