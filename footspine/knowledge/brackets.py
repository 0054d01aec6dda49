"""Bracketed groups in prose, where the knowledge file cites sources: "(s30)", "(s39, s34; detail
(standard teaching))".

Written as plain string scans rather than regular expressions: an explain page needs them on
every run, and `re` (with the `enum` module it loads) costs about 4 ms, an eighth of the run.
tests/test_brackets.py checks both against the patterns they replace.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Iterator


def runs(text: str) -> list[str]:
    """What follows each "(" up to the next bracket of either kind: the pattern `\\(([^()]*)`."""
    found: list[str] = []
    start = text.find("(")
    while start >= 0:
        end = _next_bracket(text, start + 1)
        found.append(text[start + 1 : end])
        start = text.find("(", end)
    return found


def groups(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, inside) of each bracketed group, which may hold one nested pair of brackets,
    with one whitespace character before it included in the span: the pattern
    `\\s?\\(((?:[^()]|\\([^()]*\\))*)\\)`, leftmost first and never overlapping."""
    position = 0
    while (opening := text.find("(", position)) >= 0:
        closing = _closing(text, opening)
        if closing < 0:
            position = opening + 1  # unbalanced, or nested twice: not a group; look further on
            continue
        start = opening - 1 if opening > position and text[opening - 1].isspace() else opening
        yield start, closing + 1, text[opening + 1 : closing]
        position = closing + 1


def _closing(text: str, opening: int) -> int:
    """Index of the ")" that closes the "(" at `opening`, allowing one nested pair; -1 if none."""
    index = _next_bracket(text, opening + 1)
    while index < len(text):
        if text[index] == ")":
            return index
        inner = _next_bracket(text, index + 1)  # a nested "(": it must close before any other "("
        if inner >= len(text) or text[inner] == "(":
            return -1
        index = _next_bracket(text, inner + 1)
    return -1


def _next_bracket(text: str, start: int) -> int:
    """Index of the next "(" or ")" at or after `start`, or len(text)."""
    opening = text.find("(", start)
    closing = text.find(")", start)
    if opening < 0:
        return closing if closing >= 0 else len(text)
    return opening if closing < 0 else min(opening, closing)
