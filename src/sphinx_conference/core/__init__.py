"""The core: records, field rules, configuration schema and tag vocabulary, with no Sphinx imports."""
