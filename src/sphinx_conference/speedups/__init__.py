"""Optional speed-ups: process-wide or version-specific changes a site opts into."""
