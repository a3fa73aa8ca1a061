"""The domain: the store of every record, its indexes and queries, and incremental fingerprints.

- :mod:`.store`: the ``conference`` Sphinx domain (tables, merging, consistency, references);
- :mod:`.index`: the derived index, built once per build from the records (pure);
- :mod:`.queries`: what lists and pages show, as functions of the index (pure);
- :mod:`.fingerprints`: the one digest of records (pure);
- :mod:`.incremental`: dependency keys and which pages to re-write (pure but its handler).
"""

#: The name of the ``conference`` domain (``env.domains[DOMAIN_NAME]``).
DOMAIN_NAME = "conference"
