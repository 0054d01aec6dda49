"""How names are compared: the one rule that resolution, validation and completion share."""

from __future__ import annotations

_DROPPED = str.maketrans("", "", "'\u2019\u2018`.,()")
_SEPARATORS = str.maketrans(dict.fromkeys("_-/\u2010\u2011\u2012\u2013\u2014\u2015", " "))
"""Tables, not regular expressions: compiling two patterns cost every run half a millisecond."""


def normalize(name: str) -> str:
    """Fold case, spaces, hyphens, underscores and apostrophes: 'Morton's Neuroma' == 'mortons-neuroma'."""
    if name.isascii():  # NFKC leaves ASCII as it is: no need to load `unicodedata` (a library)
        folded = name.casefold().translate(_DROPPED)
    else:
        import unicodedata

        folded = unicodedata.normalize("NFKC", name).casefold()
        folded = folded.translate(_DROPPED)
        # Dropping a character can bring a letter and a combining mark together ("c.\u0327"),
        # so compose again: folding twice must give what folding once gave.
        folded = unicodedata.normalize("NFKC", folded)
    return "-".join(folded.translate(_SEPARATORS).split())  # runs of spaces and dashes: one "-"


_SPELLINGS = {"disk": "disc", "disks": "discs", "edema": "oedema", "anemia": "anaemia", "tumor": "tumour"}
_KEEP_S = ("is", "us", "ss", "as", "os")


def singular(word: str) -> str:
    """'legs' -> 'leg', 'nerves' -> 'nerve'; 'stenosis', 'abscess', 'bus' stay as they are."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(_KEEP_S) else word


def canonical(name: str) -> str:
    """`normalize`, then one spelling and the singular: 'Pinched nerves' == 'pinched nerve',
    'herniated disks' == 'herniated disc', 'oedema' == 'edema' (UK spellings win)."""
    words = []
    for word in normalize(name).split("-"):
        words.append(singular(_SPELLINGS.get(word, word)))
    return "-".join(words)
