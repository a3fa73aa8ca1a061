"""Directives and roles: the read phase, which records objects and leaves placeholders."""
