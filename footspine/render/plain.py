"""Documents as plain text: no escape codes, no box drawing; for pipes, files and dumb terminals."""

from __future__ import annotations

import textwrap

from footspine.knowledge.index import HIGHLIGHT_END, HIGHLIGHT_START
from footspine.render.document import (
    Block,
    Bullets,
    Chain,
    Document,
    Hits,
    Pairs,
    Paragraph,
    Picture,
    Section,
    Table,
)


def render(doc: Document, *, width: int, unicode: bool) -> str:
    out: list[str] = [doc.title, "=" * min(len(doc.title), width)]
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
        for number, (level, root, area, note) in enumerate(block.steps):
            if number:
                lines.append("")
            lines += _wrap(level, width)
            lines += _wrap(root, width, "  " + arrow.lstrip(), "     ")
            lines += _wrap(area, width, "  " + arrow.lstrip(), "     ")
            if note:
                lines += _wrap(note, width, "     ", "     ")
        return lines
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Picture):
        return [*block.lines, *block.legend]
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
    last = max(width - fixed, 12)
    lines = []
    for row in [table.columns, *table.rows]:
        head = "  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row[:-1]))
        pad = " " * (len(head) + 2) if columns > 1 else ""
        wrapped = textwrap.wrap(str(row[-1]), last) or [""]
        lines.append((head + "  " if columns > 1 else "") + wrapped[0])
        lines += [pad + more for more in wrapped[1:]]
    return [line.rstrip() for line in lines]
