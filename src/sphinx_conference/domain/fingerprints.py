"""Fingerprints of records: the one digest behind incremental pages and generated outputs.

A fingerprint is the SHA-1 of the text of some inputs (records, strings, numbers,
and lists, tuples and dicts of them: see :func:`sphinx_conference.core.model.records_text`).
Records are frozen dataclasses, so their text shows every field that matters.
Two users, one function:

- the pages' dependency fingerprints (:mod:`sphinx_conference.domain.incremental`):
  a page is re-written when what its dependency keys resolve to changes;
- the output cache (:mod:`sphinx_conference.outputs.cache`): a generated page, a
  feed or a calendar is regenerated when what it shows changes.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sphinx_conference.core.model import records_text

#: Each record's text by identity, holding the record (so the identity stays its
#: own): the same record is in many fingerprints of a build.
Memo = dict[int, tuple[Any, str]]


def fingerprint(inputs: Any, memo: Memo | None = None) -> str:
    """A digest of ``inputs`` (records, strings, numbers and lists, tuples, dicts of them).

    ``memo`` keeps each record's text across the fingerprints of a build.  Inputs
    shared by several fingerprints can be digested once and passed on as the digest.
    """
    text = records_text(inputs, {} if memo is None else memo)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
