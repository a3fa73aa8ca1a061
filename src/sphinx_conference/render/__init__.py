"""Rendering: records to docutils nodes (cards, lists, the schedule grid, icons), filling placeholders."""
