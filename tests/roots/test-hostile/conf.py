extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
conference_today = "2024-06-01"
conference_unlisted = ["posts/*", "people/*", "events/*", "cases/*"]
smartquotes = False  # compare text exactly
