"""Documents as Rich renderables, exported to a string for the CLI to print once.

The only module that imports Rich. All knowledge text goes in as `Text` objects, never as
markup strings, so a `[bold]` or `[link=...]` in a knowledge file is shown, not obeyed.
"""

from __future__ import annotations

import io
import re

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table as RichTable
from rich.text import Text

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
from footspine.render.footmap import ASCII_MARKS, UNICODE_FRAME, UNICODE_MARKS

_TRAILING = re.compile(r" +(?=(?:\x1b\[[0-9;]*m)*$)", re.MULTILINE)

TONES = {"emergency": "bold red", "warning": "yellow", "info": "cyan", "muted": "dim", "normal": ""}
ROOT_STYLES = {"l4": "blue", "l5": "green", "s1": "magenta", "s2-s4": "red"}


def render(doc: Document, *, width: int, color: bool, unicode: bool) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="standard" if color else None,
        no_color=not color,
        emoji=False,
        markup=False,
        highlight=False,
        legacy_windows=False,
        safe_box=not unicode,
        _environ={},
    )
    console.print(_document(doc, unicode))
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    # Rich pads every line to the full width; the padding is noise when copied or piped.
    return _TRAILING.sub("", output)


def _document(doc: Document, unicode: bool) -> RenderableType:
    parts: list[RenderableType] = [Text(doc.title, style="bold underline")]
    if doc.subtitle:
        parts.append(Text(doc.subtitle, style="italic"))
    for section in doc.sections:
        parts.append(Text(""))
        parts.append(_section(section, unicode))
    if doc.footer:
        parts.append(Text(""))
        parts += [Text(line, style="dim italic") for line in doc.footer]
    return Group(*parts)


def _section(section: Section, unicode: bool) -> RenderableType:
    style = TONES[section.tone]
    if section.tone in ("emergency", "warning", "info"):
        # The title goes inside the box, where it wraps: in the border it would be cut short on
        # a narrow terminal, and an emergency heading must always be read whole.
        blocks = _spaced([_block(b, unicode) for b in section.blocks])
        inside = Group(Text(section.title, style=f"bold {style}"), *blocks) if section.title else Group(*blocks)
        frame = box.HEAVY if section.tone == "emergency" and unicode else (box.ROUNDED if unicode else box.ASCII)
        return Panel(inside, border_style=style, box=frame)
    body = Group(*_spaced([_block(b, unicode) for b in section.blocks]))
    if not section.title:
        return body
    return Group(Text(section.title, style=f"bold {style}".strip()), Padding(body, (0, 0, 0, 2)))


def _spaced(parts: list[RenderableType]) -> list[RenderableType]:
    """A blank line between blocks: a paragraph, a path and a picture are different things."""
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced:
            spaced.append(Text(""))
        spaced.append(part)
    return spaced


def _block(block: Block, unicode: bool) -> RenderableType:
    if isinstance(block, Paragraph):
        return Text(block.text, overflow="fold")
    if isinstance(block, Bullets):
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for item in block.items:
            grid.add_row("\u2022" if unicode else "*", Text(item, overflow="fold"))
        return grid
    if isinstance(block, Pairs):
        return _pairs(block)
    if isinstance(block, Chain):
        arrow = "\u2500\u25b6 " if unicode else "-> "
        paths: list[RenderableType] = []
        for level, root, area, note in block.steps:
            steps = RichTable.grid(padding=(0, 0))
            steps.add_column(no_wrap=True)
            steps.add_column(overflow="fold")
            steps.add_row("  " + arrow, Text(root, style="bold magenta"))
            steps.add_row("  " + arrow, Text(area, style="green"))
            if note:
                steps.add_row("", Text(note, style="dim"))
            paths.append(Group(Text(level, style="cyan", overflow="fold"), steps))
        return Group(*_spaced(paths))
    if isinstance(block, Table):
        table = RichTable(
            box=box.SIMPLE_HEAD if unicode else box.ASCII, header_style="bold", expand=False, show_edge=not unicode
        )
        for index, column in enumerate(block.columns):
            # The first column (an id to copy) never wraps; the rest wrap between words, and are
            # never narrower than their longest word, so no word is cut short.
            longest = max((len(word) for row in block.rows for word in str(row[index]).split()), default=0)
            table.add_column(column, no_wrap=index == 0, min_width=min(max(longest, len(column)), 30))
        for row in block.rows:
            table.add_row(*[Text(str(cell)) for cell in row])
        return table
    if isinstance(block, Picture):
        return _picture(block, unicode)
    if isinstance(block, Hits):
        parts: list[RenderableType] = []
        for kind, entry_id, title, snippet in block.items:
            head = Text()
            head.append(title, style="bold")
            head.append(f"  {kind}: {entry_id}", style="dim")
            parts.append(head)
            parts.append(Padding(_highlighted(snippet), (0, 0, 0, 4)))
        return Group(*parts)
    raise TypeError(f"unknown block {block!r}")


def _pairs(block: Pairs) -> RenderableType:
    """Label and value side by side; a label without a value is a subheading on its own line."""
    parts: list[RenderableType] = []
    grid: RichTable | None = None
    for label, value in block.items:
        if not value:
            grid = None
            parts.append(Text(label, style="bold underline"))
            continue
        if grid is None:
            grid = RichTable.grid(padding=(0, 2))
            grid.add_column(style="bold", max_width=24, overflow="fold")
            grid.add_column(overflow="fold")
            parts.append(grid)
        grid.add_row(Text(label), Text(value, overflow="fold"))
    return Group(*parts)


def _picture(block: Picture, unicode: bool) -> RenderableType:
    marks = UNICODE_MARKS if unicode else ASCII_MARKS
    styles = {marks[root]: ROOT_STYLES[root] for root in marks if root in ROOT_STYLES}
    lines: list[RenderableType] = []
    for line in block.lines:
        text = Text(no_wrap=True, overflow="crop")
        for ch in line.translate(UNICODE_FRAME) if unicode else line:
            text.append(ch, style=styles.get(ch, ""))
        lines.append(text)
    lines += [Text(line, style="italic") for line in block.legend]
    return Group(*lines)


def _highlighted(snippet: str) -> Text:
    text = Text()
    rest = snippet
    while HIGHLIGHT_START in rest:
        before, _, after = rest.partition(HIGHLIGHT_START)
        match, _, rest = after.partition(HIGHLIGHT_END)
        text.append(before)
        text.append(match, style="bold yellow reverse")
    text.append(rest)
    return text
