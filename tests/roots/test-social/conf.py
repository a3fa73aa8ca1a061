extensions = ["sphinx_conference", "sphinxext.opengraph"]
project = "Social Test Site"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_static_path = ["_static"]
html_baseurl = "https://conf.example.org/"
conference_default_timezone = "UTC"
conference_today = "2024-06-01"
# As the repository's site: a Twitter card for every page (pages with an image get a large one).
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary" />']
ogp_social_cards = {"enable": False}
