"""The domain: the store of every record, its indexes and queries, and incremental fingerprints."""
