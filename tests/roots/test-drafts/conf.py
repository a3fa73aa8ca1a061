extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
# No conference_today: "today" comes from SOURCE_DATE_EPOCH, set by the test.
