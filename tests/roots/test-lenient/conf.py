extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
conference_default_timezone = "UTC"
conference_today = "2024-06-01"
