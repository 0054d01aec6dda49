"""Documents for a terminal: the plain layout, framed and styled with a few ANSI codes.

Rich drew this page before; importing and running it cost about 40 ms a question, for boxes,
bold headings and colours that a dozen escape codes give. The layout (wrapping, tables, the
map) is the plain renderer's, so the two styles cannot disagree about what a page says; this
module only frames the warning boxes, indents sections and adds the styles. Styles are applied
to text that is already wrapped, so an escape code never counts towards a line's width.

Without colour (NO_COLOR, `--color never` on a terminal) the frames and layout stay and no escape
code at all is written, as Rich did before: the page reads the same, and copies cleanly.
"""

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
from footspine.render.footmap import OTHER_COLOUR, ROOT_COLOURS, UNICODE_FRAME, draw
from footspine.render.plain import record_lines, reference_lines, table_lines, wrap

_CODES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "reverse": "7",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}

TONES = {"emergency": "bold red", "warning": "yellow", "info": "cyan", "muted": "dim", "normal": ""}

# Frames: (top-left, horizontal, top-right, vertical, bottom-left, bottom-right)
_HEAVY = ("┏", "━", "┓", "┃", "┗", "┛")
_ROUNDED = ("╭", "─", "╮", "│", "╰", "╯")
_ASCII = ("+", "-", "+", "|", "+", "+")


class _Painter:
    """Turns a style name ('bold red') into escape codes; without colour, into nothing."""

    def __init__(self, color: bool) -> None:
        self.color = color
        self._cache: dict[str, str] = {}

    def __call__(self, text: str, style: str) -> str:
        if not style or not text or not self.color:
            return text
        start = self._cache.get(style)
        if start is None:
            codes = [_CODES[word] for word in style.split() if word in _CODES]
            start = self._cache[style] = f"\x1b[{';'.join(codes)}m" if codes else ""
        return f"{start}{text}\x1b[0m" if start else text


def render(doc: Document, *, width: int, color: bool, unicode: bool) -> str:
    paint = _Painter(color)
    layout = _Layout(paint, unicode, width)
    out = [paint(line, "bold underline") for line in wrap(doc.title, width)]
    if doc.subtitle:
        out += [paint(line, "italic") for line in wrap(doc.subtitle, width)]
    for section in doc.sections:
        out.append("")
        out += layout.section(section)
    if doc.footer:
        out.append("")
        for line in doc.footer:
            out += [paint(part, "dim italic") for part in wrap(line, width)]
    return "\n".join(out) + "\n"


class _Layout:
    def __init__(self, paint: _Painter, unicode: bool, width: int) -> None:
        self.paint, self.unicode, self.width = paint, unicode, width

    def section(self, section: Section) -> list[str]:
        style = TONES[section.tone]
        if section.tone in ("emergency", "warning", "info"):
            return self._boxed(section, style)
        if not section.title:
            return self._blocks(section.blocks, self.width)
        body = ["  " + line if line else line for line in self._blocks(section.blocks, self.width - 2)]
        return [self.paint(line, f"bold {style}".strip()) for line in wrap(section.title, self.width)] + body

    def _boxed(self, section: Section, style: str) -> list[str]:
        """A frame around the section, its title inside where it wraps and is read whole."""
        frame = _HEAVY if section.tone == "emergency" and self.unicode else (_ROUNDED if self.unicode else _ASCII)
        top_left, across, top_right, side, bottom_left, bottom_right = frame
        inner = max(self.width - 4, 10)
        title = wrap(section.title, inner) if section.title else []
        content: list[tuple[str, str]] = [(line, f"bold {style}") for line in title]
        content += [(line, "") for line in self._blocks(section.blocks, inner)]
        edge = self.paint(side, style)
        lines = [self.paint(top_left + across * (inner + 2) + top_right, style)]
        for text, text_style in content:
            visible = _visible_length(text)
            lines.append(f"{edge} {self.paint(text, text_style)}{' ' * max(inner - visible, 0)} {edge}")
        lines.append(self.paint(bottom_left + across * (inner + 2) + bottom_right, style))
        return lines

    def _blocks(self, blocks: list[Block], width: int) -> list[str]:
        lines: list[str] = []
        for index, block in enumerate(blocks):
            if index:
                lines.append("")
            lines += self._block(block, width)
        return lines

    def _block(self, block: Block, width: int) -> list[str]:
        paint = self.paint
        if isinstance(block, Paragraph):
            return wrap(block.text, width)
        if isinstance(block, Bullets):
            bullet = "• " if self.unicode else "* "
            return [line for item in block.items for line in wrap(item, width, bullet, "  ")]
        if isinstance(block, Pairs):
            lines: list[str] = []
            for label, value in block.items:
                if value:
                    head, *rest = wrap(f"{label}: {value}", width, "  ", "    ")
                    cut = head.find(":") + 1
                    lines.append(paint(head[:cut], "bold") + head[cut:])
                    lines += rest
                else:
                    lines += [paint(line, "bold underline") for line in wrap(label, width)]
            return lines
        if isinstance(block, Chain):
            arrow = "─▶ " if self.unicode else "-> "
            lines = []
            for number, step in enumerate(block.steps):
                if number:
                    lines.append("")
                lines += [paint(line, "bold") for line in wrap(step.level, width)]
                tint = _root_style(step.root_id)
                lines += [line[:5] + paint(line[5:], tint) for line in wrap(step.root, width, "  " + arrow, "     ")]
                lines += wrap(step.area, width, "  " + arrow, "     ")
                if step.note:
                    lines += [paint(line, "dim") for line in wrap(step.note, width, "     ", "     ")]
            return lines
        if isinstance(block, Table):
            return self._table(block, width)
        if isinstance(block, FootMap):
            return self._map(block, width)
        if isinstance(block, References):
            return reference_lines(block, width)
        if isinstance(block, Hits):
            lines = []
            for kind, entry_id, title, snippet in block.items:
                lines += [paint(line, "bold") for line in wrap(f"{title}  {kind}: {entry_id}", width)]
                lines += [_highlight(line, paint) for line in wrap(snippet, width, "    ", "    ")]
            return lines
        raise TypeError(f"unknown block {block!r}")

    def _table(self, table: Table, width: int) -> list[str]:
        laid = table_lines(table, width)
        if laid is None:
            return self._records(table, width)
        header, rows = laid
        lines = [self.paint(line, "bold") for line in header]
        for number, row_lines in enumerate(rows):
            tint = _root_style(table.tints[number]) if number < len(table.tints) else ""
            first, *rest = row_lines
            cell = str(table.rows[number][0])
            lines.append(self.paint(cell, tint) + first[len(cell) :] if tint else first)
            lines += rest
        return lines

    def _records(self, table: Table, width: int) -> list[str]:
        tints, paint = table.tints, self.paint
        styles = [_root_style(tint) for tint in tints]

        def style_head(number: int, line: str) -> str:
            return paint(line, styles[number] if number < len(styles) else "bold")

        return record_lines(table, width, style_head)

    def _map(self, block: FootMap, width: int) -> list[str]:
        drawn = draw(block, unicode=self.unicode, width=width)
        styles = {mark: _root_style(root_id) for mark, root_id in drawn.marks.items()}
        lines = []
        for line in drawn.lines:
            shown = line.translate(UNICODE_FRAME) if self.unicode else line
            lines.append("".join(self.paint(ch, styles[ch]) if ch in styles else ch for ch in shown).rstrip())
        key = ["Key:"]
        for entry in drawn.key:
            key.append(self.paint(f"{entry.mark * 2} {entry.name}", _root_style(entry.root_id)))
        lines += _wrap_painted(key, width)
        return lines


def _root_style(root_id: str) -> str:
    return ROOT_COLOURS.get(root_id, OTHER_COLOUR).terminal


def _wrap_painted(parts: list[str], width: int) -> list[str]:
    """Join painted pieces two spaces apart, starting a new line where the next would not fit."""
    lines: list[str] = []
    line, used = "", 0
    for part in parts:
        size = _visible_length(part)
        if line and used + 2 + size > width:
            lines.append(line)
            line, used = "   " + part, 3 + size
        else:
            line, used = (f"{line}  {part}", used + 2 + size) if line else (part, size)
    if line:
        lines.append(line)
    return lines


def _visible_length(text: str) -> int:
    if "\x1b" not in text:
        return len(text)
    length, inside = 0, False
    for ch in text:
        if ch == "\x1b":
            inside = True
        elif inside:
            inside = ch != "m"
        else:
            length += 1
    return length


def _highlight(line: str, paint: _Painter) -> str:
    """Search matches (marked by the index's private characters) in reverse yellow.

    A match cut by wrapping still ends at the line's end: each line is styled on its own.
    """
    out, rest, open_match = [], line, False
    while rest:
        marker = HIGHLIGHT_END if open_match else HIGHLIGHT_START
        before, found, rest = rest.partition(marker)
        out.append(paint(before, "bold yellow reverse") if open_match else before)
        if not found:
            break
        open_match = not open_match
    return "".join(out)
