"""People's names compared across events: the one normalisation, and "similar".

A person's name is spelled differently from one schedule to the next: "José Díaz",
"Jose Diaz", "JOSE  DIAZ".  :func:`fold` makes those one key (Unicode NFKD, combining
marks removed, case folded, runs of white space made one space).  The importers match a
schedule's people against the site's people (their names and ``:aliases:``) by it;
``check`` lists two people whose folded names are equal, or similar (:func:`similar`,
at :data:`SIMILAR_NAMES`) and sharing a co-speaker, as probable duplicates; the build
and ``check`` warn about an alias that two people claim or that is another person's name.

References (``{speaker}`` roles, ``:speakers:``, ``authors:``) never use this: they name
a person by id only.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

_NUMBER_RE = re.compile(r"\d+")

#: two folded names at least this similar (difflib's ratio, 0 to 1) are "very similar":
#: "Jon Smith"/"John Smith" (0.95) and "Katarzyna Nowak"/"Katarzyna Nowakowska" (0.86) are,
#: "Jan Novak"/"Jana Novakova" (0.82) and "Sam Lee"/"Kim Lee" (0.71) are not.  Similar
#: names alone are common ("Maria Garcia"/"Mario Garcia", 0.92), so ``check`` lists them
#: only for two people who share a co-speaker.  Names with different numbers in them
#: ("Team 1"/"Team 2", "Person 12"/"Person 17") are never similar: a number tells apart.
SIMILAR_NAMES = 0.85


def fold(name: str) -> str:
    """The key two spellings of one name share: accents, case and spacing do not matter.

    >>> fold("  José   DÍAZ ") == fold("jose diaz")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def similarity(a: str, b: str) -> float:
    """How alike two names are once folded (difflib's ratio: 1.0 is the same)."""
    return difflib.SequenceMatcher(None, fold(a), fold(b), autojunk=False).ratio()


def similar(a: str, b: str, threshold: float = SIMILAR_NAMES) -> bool:
    """Whether two names are very similar (:func:`similarity` at least ``threshold``)."""
    return Similar(fold(b), threshold).to(fold(a))


class Similar:
    """Compares many folded names with one (``folded``): difflib's tables made once."""

    def __init__(self, folded: str, threshold: float = SIMILAR_NAMES) -> None:
        self.folded = folded
        self.threshold = threshold
        self.numbers = _NUMBER_RE.findall(folded)
        self.matcher = difflib.SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(folded)

    def to(self, other: str) -> bool:
        """Whether folded name ``other`` is very similar to this one; cheap bounds first."""
        if other == self.folded:
            return True
        a, b = len(other), len(self.folded)
        if not a + b or 2 * min(a, b) < self.threshold * (a + b):
            return False  # the lengths alone cap the ratio below the threshold
        if _NUMBER_RE.findall(other) != self.numbers:
            return False
        self.matcher.set_seq1(other)
        return (
            self.matcher.quick_ratio() >= self.threshold and self.matcher.ratio() >= self.threshold
        )
