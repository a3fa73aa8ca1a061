project = "Statistics test"
extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "conference"
conference_today = "2025-03-01"
