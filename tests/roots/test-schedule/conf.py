project = "Schedule test"
extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "conference"
conference_default_timezone = "UTC"
conference_today = "2024-06-01"
conference_nav = [("Events", "events/index"), ("People", "people/index")]
# Sphinx 8 shows each warning's type ([conference.date]) by default; 7.4 needs this.
show_warning_types = True
