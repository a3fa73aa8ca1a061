extensions = ["sphinx_conference"]
exclude_patterns = ["_build"]
conference_today = "2024-06-01"
