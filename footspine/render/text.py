"""Helpers shared by the plain and Markdown backends."""

from __future__ import annotations

import unicodedata

_ASCII = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2192": "->",
        "\u2190": "<-",
        "\u2265": ">=",
        "\u2264": "<=",
        "\u00d7": "x",
        "\u2022": "*",
        "\u00b7": ".",
        "\u00a0": " ",
        "\u2248": "~",
        "\u03b1": "alpha",
    }
)


def asciify(text: str) -> str:
    """ASCII-safe text for terminals that cannot show UTF-8: look-alikes first, then '?'."""
    text = text.translate(_ASCII)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch if ord(ch) < 128 else ("" if unicodedata.combining(ch) else "?") for ch in text)
