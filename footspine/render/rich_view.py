"""Documents as Rich renderables, exported to a string for the CLI to print once.

The only module that imports Rich. All knowledge text goes in as `Text` objects, never as
markup strings, so a `[bold]` or `[link=...]` in a knowledge file is shown, not obeyed.
"""

from __future__ import annotations

import io
import re

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
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
    FootMap,
    Hits,
    Pairs,
    Paragraph,
    References,
    Section,
    Table,
)
from footspine.render.footmap import OTHER_COLOUR, ROOT_COLOURS, UNICODE_FRAME, draw

_TRAILING = re.compile(r" +(?=(?:\x1b\[[0-9;]*m)*$)", re.MULTILINE)

TONES = {"emergency": "bold red", "warning": "yellow", "info": "cyan", "muted": "dim", "normal": ""}


def _root_style(root_id: str) -> str:
    return ROOT_COLOURS.get(root_id, OTHER_COLOUR).terminal


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
        for step in block.steps:
            steps = RichTable.grid(padding=(0, 0))
            steps.add_column(no_wrap=True)
            steps.add_column(overflow="fold")
            steps.add_row("  " + arrow, Text(step.root, style=_root_style(step.root_id)))
            steps.add_row("  " + arrow, Text(step.area))
            if step.note:
                steps.add_row("", Text(step.note, style="dim"))
            paths.append(Group(Text(step.level, style="bold", overflow="fold"), steps))
        return Group(*_spaced(paths))
    if isinstance(block, Table):
        return _FittedTable(block, unicode)
    if isinstance(block, FootMap):
        return _Map(block, unicode)
    if isinstance(block, References):
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for ref in block.items:
            year = f", {ref.year}" if ref.year else ""
            grid.add_row(
                f"[{ref.number}]", Text(f"{ref.title}. {ref.publisher}{year}. {ref.url} (checked {ref.checked})")
            )
        return grid
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


class _Map:
    """The foot map, drawn when Rich knows the width it has: side by side, or stacked."""

    def __init__(self, block: FootMap, unicode: bool) -> None:
        self.block, self.unicode = block, unicode

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        drawn = draw(self.block, unicode=self.unicode, width=options.max_width)
        styles = {mark: _root_style(root_id) for mark, root_id in drawn.marks.items()}
        for line in drawn.lines:
            text = Text(no_wrap=True, overflow="crop")
            for ch in line.translate(UNICODE_FRAME) if self.unicode else line:
                text.append(ch, style=styles.get(ch, ""))
            yield text
        key = Text("Key:")
        for entry in drawn.key:
            key.append("  ")
            style = _root_style(entry.root_id)
            key.append(f"{entry.mark * 2} {entry.name}", style=style)
        yield key


class _FittedTable:
    """Columns when they fit the width; otherwise one record per row, so nothing is cut."""

    def __init__(self, block: Table, unicode: bool) -> None:
        self.block, self.unicode = block, unicode

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        block = self.block
        longest = [
            min(max(len(column), *(len(w) for row in block.rows for w in str(row[i]).split())), 30)
            for i, column in enumerate(block.columns)
        ]
        longest[0] = max([len(column) for column in block.columns[:1]] + [len(str(row[0])) for row in block.rows])
        if sum(longest) + 3 * len(longest) > options.max_width:
            yield _records(block)
            return
        table = RichTable(
            box=box.SIMPLE_HEAD if self.unicode else box.ASCII,
            header_style="bold",
            expand=False,
            show_edge=not self.unicode,
        )
        for index, column in enumerate(block.columns):
            # The first column (an id to copy) never wraps; the rest wrap between words, and are
            # never narrower than their longest word, so no word is cut short.
            table.add_column(column, no_wrap=index == 0, min_width=longest[index])
        for number, row in enumerate(block.rows):
            tint = _root_style(block.tints[number]) if number < len(block.tints) else ""
            table.add_row(*[Text(str(cell), style=tint if i == 0 else "") for i, cell in enumerate(row)])
        yield table


def _records(block: Table) -> RenderableType:
    parts: list[RenderableType] = []
    for number, row in enumerate(block.rows):
        tint = _root_style(block.tints[number]) if number < len(block.tints) else "bold"
        parts.append(Text(str(row[0]), style=tint, overflow="fold"))
        for column, cell in zip(block.columns[1:], row[1:], strict=True):
            parts.append(Text.assemble((f"  {column}: ", "dim"), str(cell), overflow="fold"))
    return Group(*parts)


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
