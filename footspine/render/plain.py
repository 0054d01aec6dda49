"""Documents as plain text: no escape codes, no box drawing; for pipes, files and dumb terminals."""

from __future__ import annotations

import textwrap

from footspine.knowledge.index import HIGHLIGHT_END, HIGHLIGHT_START
from footspine.render.document import (
    Block,
    Bullets,
    Chain,
    Document,
    FootMap,
    Hits,
    Pairs,
    Paragraph,
    References,
    Section,
    Table,
)
from footspine.render.footmap import draw, key_text


def render(doc: Document, *, width: int, unicode: bool) -> str:
    title = _wrap(doc.title, width)
    out: list[str] = [*title, "=" * min(max(len(line) for line in title), width)]
    if doc.subtitle:
        out += _wrap(doc.subtitle, width)
    for section in doc.sections:
        out.append("")
        out += _section(section, width, unicode)
    if doc.footer:
        out.append("")
        for line in doc.footer:
            out += _wrap(line, width)
    return "\n".join(out) + "\n"


def _section(section: Section, width: int, unicode: bool) -> list[str]:
    out: list[str] = []
    if section.title:
        title = section.title
        if section.tone == "emergency":
            title = f"!! {title.upper()} !!"
        out += _wrap(title, width)
        out.append(("!" if section.tone == "emergency" else "-") * min(len(title), width))
    for index, block in enumerate(section.blocks):
        if index:
            out.append("")
        out += _block(block, width, unicode)
    return out


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n") or [""]:
        lines += textwrap.wrap(
            paragraph,
            width=max(width, len(first) + 10),
            initial_indent=first,
            subsequent_indent=rest,
            break_on_hyphens=False,
            break_long_words=False,  # a URL stays whole, to be copied
        ) or [first.rstrip()]
        first = rest
    return lines


def _block(block: Block, width: int, unicode: bool) -> list[str]:
    arrow = " \u2192 " if unicode else " -> "
    if isinstance(block, Paragraph):
        return _wrap(block.text, width)
    if isinstance(block, Bullets):
        return [line for item in block.items for line in _wrap(item, width, "- ", "  ")]
    if isinstance(block, Pairs):
        lines: list[str] = []
        for label, value in block.items:
            if value:
                lines += _wrap(f"{label}: {value}", width, "  ", "    ")
            else:
                lines += _wrap(label, width)
        return lines
    if isinstance(block, Chain):
        lines = []
        for number, step in enumerate(block.steps):
            if number:
                lines.append("")
            lines += _wrap(step.level, width)
            lines += _wrap(step.root, width, "  " + arrow.lstrip(), "     ")
            lines += _wrap(step.area, width, "  " + arrow.lstrip(), "     ")
            if step.note:
                lines += _wrap(step.note, width, "     ", "     ")
        return lines
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, FootMap):
        drawn = draw(block, unicode=unicode, width=width)
        return [*drawn.lines, *_wrap(key_text(drawn), width)]
    if isinstance(block, References):
        lines = []
        for ref in block.items:
            year = f", {ref.year}" if ref.year else ""
            text = f"[{ref.number}] {ref.title}. {ref.publisher}{year}. {ref.url} (checked {ref.checked})"
            lines += _wrap(text, width, "", "    ")
        return lines
    if isinstance(block, Hits):
        lines = []
        for kind, entry_id, title, snippet in block.items:
            lines += _wrap(f"{title} ({kind}: {entry_id})", width)
            marked = snippet.replace(HIGHLIGHT_START, "*").replace(HIGHLIGHT_END, "*")
            lines += _wrap(marked, width, "    ", "    ")
        return lines
    raise TypeError(f"unknown block {block!r}")


def _table(table: Table, width: int) -> list[str]:
    """Columns padded with spaces; the last column wraps so lines stay within the width."""
    if not table.rows:
        return ["(none)"]
    columns = len(table.columns)
    widths = [max(len(str(row[i])) for row in [table.columns, *table.rows]) for i in range(columns)]
    fixed = sum(widths[:-1]) + 2 * (columns - 1)
    longest_word = max((len(w) for row in table.rows for w in str(row[-1]).split()), default=0)
    if width - fixed < max(longest_word, 12):
        return _records(table, width)
    last = width - fixed
    lines = []
    for row in [table.columns, *table.rows]:
        head = "  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row[:-1]))
        pad = " " * (len(head) + 2) if columns > 1 else ""
        wrapped = textwrap.wrap(str(row[-1]), last) or [""]
        lines.append((head + "  " if columns > 1 else "") + wrapped[0])
        lines += [pad + more for more in wrapped[1:]]
    return [line.rstrip() for line in lines]


def _records(table: Table, width: int) -> list[str]:
    """Too narrow for columns: one record per row, each value wrapped under its label."""
    lines = []
    for row in table.rows:
        lines += _wrap(str(row[0]), width)
        for column, cell in zip(table.columns[1:], row[1:], strict=True):
            lines += _wrap(f"{column}: {cell}", width, "  ", "    ")
    return lines
