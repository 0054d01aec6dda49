"""The nerve-root foot map as characters: where L4, L5, S1 and the S2-S4 saddle are usually felt.

Four small pictures (front of the leg, back of the leg, top of the foot, sole) are templates
whose letters stand for regions; each region is filled with the mark of the root that covers it
(from the knowledge file's `foot_regions`), so the art never changes when the data does. The
pictures are laid side by side as far as the width allows and stacked below that, so the map is
never cut, from 120 columns down to 20. Unicode shading on a UTF-8 terminal, digits and letters
otherwise, and a key either way, because colour alone must never carry meaning.
"""

from __future__ import annotations

from footspine.record import dataclass
from footspine.render.document import FootMap

# Region letters: a shin-inner, b shin-outer, c calf, d ankle-inner, e foot-top, f big-toe,
# g sole, h heel, i foot-outer, j little-toe, k foot-inner (the inner edge and arch), s saddle.
# In each view the first line is its title and the last its labels: neither is filled.
_VIEWS = (
    r"""
FRONT OF LEG
.-----.-----.
|aaaaa|bbbbb|
|aaaaa|bbbbb|
|aaaaa|bbbbb|
 \aaaa|bbbb/
  |ddd|bbb|
  |ddd|bbb|
  '---'---'
 inner outer
""",
    r"""
BACK OF LEG
.---------.
|ccccccccc|
|ccccccccc|
|ccccccccc|
 \ccccccc/
  |ccccc|
  |ccccc|
  '-----'
   calf
""",
    r"""
TOP OF FOOT
.-.-.-.-.--.
|f|e|e|e|jj|
|f|eeeee|jj|
|keeeeeeiii|
|keeeeeeiii|
|keeeeeeiii|
 \keeeeeii/
  '------'
big   little
toe      toe
""",
    r"""
SOLE OF FOOT
.--.-.-.-.-.
|jj|g|g|g|f|
|jj|ggggg|f|
|iiiggggggkk|
|iiiggggggkk|
|iiiggggggkk|
 \iihhhhhhk/
  '------'
little   big
toe      toe
""",
)
_SADDLE = ("SADDLE (seat and genitals):", "[sssss]")
_GAP = 3

_REGION_LETTERS = {
    "shin-inner": "a",
    "shin-outer": "b",
    "calf": "c",
    "ankle-inner": "d",
    "foot-top": "e",
    "big-toe": "f",
    "sole": "g",
    "heel": "h",
    "foot-outer": "i",
    "little-toe": "j",
    "foot-inner": "k",
    "saddle": "s",
}
_LETTERS = "abcdefghijks"


@dataclass(frozen=True, slots=True)
class RootColour:
    terminal: str
    """A Rich style from the 16 standard colours, bold so it stays bright on dark backgrounds."""
    print: str
    """For the handout: the Okabe-Ito palette, told apart with colour-blindness too."""


ROOT_COLOURS = {
    "l4": RootColour("bold blue", "#0072B2"),
    "l5": RootColour("bold green", "#009E73"),
    "s1": RootColour("bold magenta", "#CC79A7"),
    "s2-s4": RootColour("bold red", "#D55E00"),
}
"""One colour per root, everywhere it is named: the map, its key, the paths and the root tables."""
OTHER_COLOUR = RootColour("bold cyan", "#56B4E9")

UNICODE_MARKS = {"l4": "░", "l5": "▒", "s1": "▓", "s2-s4": "█"}
ASCII_MARKS = {"l4": "4", "l5": "5", "s1": "1", "s2-s4": "S"}
OTHER_MARK = "#"
"""The mark for anything that is not one of the four roots (the check's "where you feel it")."""
UNICODE_FRAME = str.maketrans({"-": "─", "|": "│"})
"""For terminals: the ASCII frame drawn with box-drawing lines (plain text keeps ASCII)."""


@dataclass(frozen=True, slots=True)
class KeyEntry:
    mark: str
    name: str
    root_id: str


@dataclass(frozen=True, slots=True)
class DrawnMap:
    lines: list[str]
    key: list[KeyEntry]
    marks: dict[str, str]
    """Mark character to root id, for backends that colour each root."""


def draw(picture: FootMap, *, unicode: bool, width: int) -> DrawnMap:
    """The map in characters, no line wider than `width` (above the narrowest view, 13)."""
    marks = UNICODE_MARKS if unicode else ASCII_MARKS
    fill: dict[str, str] = {}
    for root in picture.roots:
        mark = marks.get(root.id, OTHER_MARK)
        for region in root.regions:
            letter = _REGION_LETTERS.get(region)
            if letter is not None and letter not in fill:
                fill[letter] = mark
    table = str.maketrans({letter: fill.get(letter, " ") for letter in _LETTERS})
    views = [_filled(view, table) for view in _VIEWS]
    lines = _lay_out(views, width)
    head, cells = _SADDLE
    cells = cells.translate(table)
    lines += [f"{head} {cells}"] if len(head) + 1 + len(cells) <= width else [head, cells]
    key = [KeyEntry(marks.get(r.id, OTHER_MARK), r.name, r.id) for r in picture.roots]
    return DrawnMap(lines, key, {mark: root_id for root_id, mark in marks.items()})


def _filled(view: str, table: dict[int, str]) -> list[str]:
    rows = view.strip("\n").splitlines()
    width = max(len(row) for row in rows)
    body = [row.translate(table) for row in rows[1:-2]]
    return [row.ljust(width) for row in [rows[0], *body, *rows[-2:]]]


def _lay_out(views: list[list[str]], width: int) -> list[str]:
    """Views side by side in rows that fit the width; a view wider than the width gets a row alone."""
    rows: list[list[list[str]]] = [[]]
    used = 0
    for view in views:
        need = len(view[0]) + (_GAP if rows[-1] else 0)
        if rows[-1] and used + need > width:
            rows.append([])
            used, need = 0, len(view[0])
        rows[-1].append(view)
        used += need
    lines: list[str] = []
    for number, row in enumerate(rows):
        if number:
            lines.append("")
        height = max(len(view) for view in row)
        for line in range(height):
            cells = [view[line] if line < len(view) else " " * len(view[0]) for view in row]
            lines.append((" " * _GAP).join(cells).rstrip())
    return lines


def key_text(drawn: DrawnMap) -> str:
    """The key as one line of text: mark, then the root it stands for."""
    return "Key: " + ("   ".join(f"{k.mark} {k.name}" for k in drawn.key) or "(no root selected)")
