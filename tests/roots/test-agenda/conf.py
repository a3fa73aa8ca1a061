project = "Agenda test"
extensions = ["sphinx_conference"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "conference"
conference_default_timezone = "UTC"
conference_today = "2025-03-01"
conference_nav = [("Meetup", "events/meetup"), ("My agenda", "agenda")]

# Sphinx 7.4 shows a warning's type ([conference.date]) only when asked (the default from 8).
show_warning_types = True
