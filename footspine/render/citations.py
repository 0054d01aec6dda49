"""Numbered citations: the reader sees [1] in the text and source 1 in the list below it.

The knowledge file cites by id: a list of ids on an entry (`sources: [s1, s18]`) and, inside
clinical prose, ids in brackets ("(s30)", "(s39, s34; far-lateral detail (standard teaching))").
Ids mean nothing to a reader, so each page numbers the sources in the order it first cites them,
swaps every id for its number, and lists exactly those sources, numbered, at its end.
"""

from __future__ import annotations

from footspine.knowledge import brackets
from footspine.knowledge.model import Source
from footspine.render.document import Block, Paragraph, Reference, References, Section

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


class Citations:
    """Numbers the sources one page cites, in the order it cites them."""

    def __init__(self, known: Mapping[str, Source]) -> None:
        self._known = known
        self._order: list[str] = []

    def mark(self, ids: Iterable[str]) -> str:
        """The marker for a list of source ids (" [1, 3]"), or "" when none of them is known."""
        numbers = sorted({self._number(i) for i in ids if i in self._known})
        return f" [{_compact(numbers)}]" if numbers else ""

    def text(self, text: str) -> str:
        """Swap each bracketed group of source ids in the prose for its numbers.

        Parts of a group that are not ids ("standard teaching") stay, in brackets of their own.
        """
        pieces: list[str] = []
        done = 0
        for start, end, inside in brackets.groups(text):
            pieces += [text[done:start], self._replace(text[start:end], inside)]
            done = end
        return "".join(pieces) + text[done:] if pieces else text

    def _replace(self, whole: str, inside: str) -> str:
        cited: list[str] = []
        other: list[str] = []
        for part in inside.split(";"):
            tokens = [t.strip() for t in part.split(",")]
            if tokens and all(t in self._known for t in tokens):
                cited += tokens
            elif part.strip():
                other.append(part.strip())
        if not cited:
            return whole
        rest = f" ({'; '.join(other)})" if other else ""
        return self.mark(cited) + rest

    def _number(self, source_id: str) -> int:
        if source_id not in self._order:
            self._order.append(source_id)
        return self._order.index(source_id) + 1

    @property
    def cited(self) -> bool:
        return bool(self._order)

    def section(self, reviewed: str = "", note: str = "") -> Section:
        """The numbered list of what was cited, with the entry's review date or a pending note."""
        items = []
        for number, source_id in enumerate(self._order, 1):
            s = self._known[source_id]
            items.append(Reference(number, s.title, s.publisher, s.year, s.url, s.checked))
        blocks: list[Block] = [References(items)]
        if reviewed:
            blocks.append(Paragraph(f"Entry last reviewed: {reviewed}"))
        elif note:
            blocks.append(Paragraph(note))
        return Section("Sources", blocks, tone="muted")


def _compact(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> "1\u20133, 5": short markers that still name every source."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{run[0]}\u2013{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs]
    return ", ".join(parts)
