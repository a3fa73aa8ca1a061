"""One small site built under each popular theme (tests/test_themes.py sets html_theme)."""

project = "Theme test"
extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "conference"
conference_default_timezone = "UTC"
conference_today = "2025-07-01"
conference_nav = [("Events", "events/index"), ("People", "people/index"), ("Posts", "posts/index")]

# Sphinx 7.4 shows a warning's type ([conference.date]) only when asked (the default from 8).
show_warning_types = True
