extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
# No conference_today: "today" comes from SOURCE_DATE_EPOCH, set by the test.
# Sphinx 8 shows each warning's type ([conference.date]) by default; 7.4 needs this.
show_warning_types = True
