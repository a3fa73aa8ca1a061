"""The package's version: the one source for the wheel's metadata, feeds, calendars and ``--version``."""

__version__ = "0.1.0"
