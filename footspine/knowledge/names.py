"""How names are compared: the one rule that resolution, validation and completion share."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s_\-\u2010-\u2015/]+")
_DROPPED = re.compile(r"['\u2019\u2018`.,()]")


def normalize(name: str) -> str:
    """Fold case, spaces, hyphens, underscores and apostrophes: 'Morton's Neuroma' == 'mortons-neuroma'."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = _DROPPED.sub("", folded)
    return _SEPARATORS.sub("-", folded).strip("-")
