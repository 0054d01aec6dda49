"""Documents as plain text: no escape codes, no box drawing; for pipes, files and dumb terminals."""

from __future__ import annotations

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

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Callable


def render(doc: Document, *, width: int, unicode: bool) -> str:
    title = wrap(doc.title, width)
    out: list[str] = [*title, "=" * min(max(len(line) for line in title), width)]
    if doc.subtitle:
        out += wrap(doc.subtitle, width)
    for section in doc.sections:
        out.append("")
        out += _section(section, width, unicode)
    if doc.footer:
        out.append("")
        for line in doc.footer:
            out += wrap(line, width)
    return "\n".join(out) + "\n"


def _section(section: Section, width: int, unicode: bool) -> list[str]:
    out: list[str] = []
    if section.title:
        title = section.title
        if section.tone == "emergency":
            title = f"!! {title.upper()} !!"
        out += wrap(title, width)
        out.append(("!" if section.tone == "emergency" else "-") * min(len(title), width))
    for index, block in enumerate(section.blocks):
        if index:
            out.append("")
        out += _block(block, width, unicode)
    return out


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Greedy word wrap: `first` before the first line, `rest` before the others.

    Words are never broken, so a long address stays whole to be copied (that line may then be
    longer than `width`). Same result as `textwrap.wrap(..., break_long_words=False,
    break_on_hyphens=False)` for single-spaced text, in a third of the time: every page wraps
    a few hundred lines, on every run.
    """
    width = max(width, len(first) + 10)
    if len(first) + len(text) <= width and _plain(text):
        return [first + text]  # fits on one line as it is: most cells of a long list
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, gap = "", 0
        for word in paragraph.replace("\t", " ").split(" "):
            if not word:
                gap += 1
                continue
            if not line:
                line = first + word
            elif len(line) + gap + len(word) <= width:
                line += " " * gap + word
            else:
                lines.append(line)
                line = rest + word
            gap = 1
        lines.append(line or first.rstrip())
        first = rest
    return lines


def _block(block: Block, width: int, unicode: bool) -> list[str]:
    arrow = " \u2192 " if unicode else " -> "
    if isinstance(block, Paragraph):
        return wrap(block.text, width)
    if isinstance(block, Bullets):
        return [line for item in block.items for line in wrap(item, width, "- ", "  ")]
    if isinstance(block, Pairs):
        lines: list[str] = []
        for label, value in block.items:
            if value:
                lines += wrap(f"{label}: {value}", width, "  ", "    ")
            else:
                lines += wrap(label, width)
        return lines
    if isinstance(block, Chain):
        lines = []
        for number, step in enumerate(block.steps):
            if number:
                lines.append("")
            lines += wrap(step.level, width)
            lines += wrap(step.root, width, "  " + arrow.lstrip(), "     ")
            lines += wrap(step.area, width, "  " + arrow.lstrip(), "     ")
            if step.note:
                lines += wrap(step.note, width, "     ", "     ")
        return lines
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, FootMap):
        drawn = draw(block, unicode=unicode, width=width)
        return [*drawn.lines, *wrap(key_text(drawn), width)]
    if isinstance(block, References):
        return reference_lines(block, width)
    if isinstance(block, Hits):
        lines = []
        for kind, entry_id, title, snippet in block.items:
            lines += wrap(f"{title} ({kind}: {entry_id})", width)
            marked = snippet.replace(HIGHLIGHT_START, "*").replace(HIGHLIGHT_END, "*")
            lines += wrap(marked, width, "    ", "    ")
        return lines
    raise TypeError(f"unknown block {block!r}")


def reference_lines(block: References, width: int) -> list[str]:
    """The numbered source list: number, title, publisher, year, address, date checked."""
    lines = []
    for ref in block.items:
        year = f", {ref.year}" if ref.year else ""
        text = f"[{ref.number}] {ref.title}. {ref.publisher}{year}. {ref.url} (checked {ref.checked})"
        lines += wrap(text, width, "", "    ")
    return lines


def _table(table: Table, width: int) -> list[str]:
    laid = table_lines(table, width)
    if laid is None:
        return record_lines(table, width)
    header, rows = laid
    return header + [line for row in rows for line in row]


def table_lines(table: Table, width: int) -> tuple[list[str], list[list[str]]] | None:
    """Columns padded with spaces, the last one wrapped so lines stay within the width: the
    header's lines and each row's lines; None when the columns cannot fit (use `records`)."""
    if not table.rows:
        return ["(none)"], []
    columns = len(table.columns)
    widths: list[int] = []
    for i in range(columns):
        widths.append(max(len(str(row[i])) for row in [table.columns, *table.rows]))
        if i < columns - 1 and sum(widths) + 2 * (columns - 1) > width - 12:
            return None  # the fixed columns alone leave no room: no need to measure the rest
    fixed = sum(widths[:-1]) + 2 * (columns - 1)
    longest_word = max((len(w) for row in table.rows for w in str(row[-1]).split()), default=0)
    if width - fixed < max(longest_word, 12):
        return None
    last = width - fixed
    laid = []
    for row in [table.columns, *table.rows]:
        head = "  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row[:-1]))
        pad = " " * (len(head) + 2) if columns > 1 else ""
        wrapped = wrap(str(row[-1]), last) if str(row[-1]).strip() else [""]
        lines = [(head + "  " if columns > 1 else "") + wrapped[0]]
        lines += [pad + more for more in wrapped[1:]]
        laid.append([line.rstrip() for line in lines])
    return laid[0], laid[1:]


def record_lines(table: Table, width: int, style_head: Callable[[int, str], str] | None = None) -> list[str]:
    """Too narrow for columns: one record per row, each value wrapped under its label; the
    lines of all records in order. `style_head(row_number, line)` styles the lines that hold a
    row's first cell (the terminal's colour per root); the layout is the same with or without.

    A `list` of 5,000 conditions lays out 20,000 cells here, nearly all short enough for one
    line or empty, so those skip `wrap` (which would give the same lines: tests/test_output.py
    checks the two against each other). Rows hold one cell per column, as `views` builds them.
    """
    lines: list[str] = []
    labels = [(f"  {column}: ", width - len(column) - 4, f"  {column}:") for column in table.columns[1:]]
    for number, row in enumerate(table.rows):
        head = row[0] if type(row[0]) is str else str(row[0])
        if len(head) <= width and _plain(head):
            lines.append(head if style_head is None else style_head(number, head))
        else:
            lines += [line if style_head is None else style_head(number, line) for line in wrap(head, width)]
        for cell_number, (prefix, room, bare) in enumerate(labels, 1):
            cell = row[cell_number]
            if type(cell) is not str:
                cell = str(cell)
            if not cell:
                lines.append(bare)
            elif (  # `_plain`, spelt out: this runs 15,000 times for 5,000 rows
                len(cell) <= room
                and cell[0] != " "
                and cell[-1] != " "
                and "  " not in cell
                and "\n" not in cell
                and "\t" not in cell
            ):
                lines.append(prefix + cell)
            else:
                lines += wrap(prefix[2:] + cell, width, "  ", "    ")
    return lines


def _plain(text: str) -> bool:
    """Text `wrap` would return unchanged on one line, given the room."""
    return text[:1] not in ("", " ") and text[-1] != " " and "  " not in text and "\n" not in text and "\t" not in text
