"""Outputs beside the pages: feeds, calendars, JSON-LD, schedule exports, sharing metadata."""
