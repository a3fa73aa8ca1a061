extensions = ["sphinx_conference"]
myst_enable_extensions = ["deflist"]
exclude_patterns = ["_build"]
conference_default_timezone = "UTC"
conference_today = "2024-06-01"
# Sphinx 8 shows each warning's type ([conference.date]) by default; 7.4 needs this.
show_warning_types = True
