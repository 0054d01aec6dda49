"""The nerve-root foot map: where L4, L5, S1 and the S2-S4 saddle are usually felt.

The picture is a template whose letters stand for regions of the leg and foot; each region is
filled with the mark of the root that covers it (from the knowledge file's `foot_regions`), so
the art never has to change when the data does. Unicode shading on a UTF-8 terminal, digits
and letters otherwise, and a legend either way, because colour alone must never carry meaning.
"""

from __future__ import annotations

from footspine.render.document import Picture

# Region letters: a shin-inner, b shin-outer, c calf, d ankle-inner, e foot-top, f big-toe,
# g sole, h heel, i foot-outer, j little-toe, k foot-inner (the inner edge and arch), s saddle.
_TEMPLATE = r"""
 FRONT OF LEG   BACK OF LEG    TOP OF FOOT          SOLE OF FOOT
 .-----.-----.  .---------.
 |aaaaa|bbbbb|  |ccccccccc|    .-.-.-.-.--.         .--.-.-.-.-.
 |aaaaa|bbbbb|  |ccccccccc|    |f|e|e|e|jj|         |jj|g|g|g|f|
 |aaaaa|bbbbb|  |ccccccccc|    |f|eeeee|jj|         |jj|ggggg|f|
 |aaaaa|bbbbb|  |ccccccccc|    |keeeeeeiii|         |iiiggggggkk|
  \aaaa|bbbb/    \ccccccc/     |keeeeeeiii|         |iiiggggggkk|
   |ddd|bbb|      |ccccc|      |keeeeeeiii|         |iiiggggggkk|
   |ddd|bbb|      |ccccc|       \keeeeeii/           \iihhhhhhk/
   '---'---'      '-----'        '--------'           '--------'
   inner outer     calf       big toe  little toe   little toe  big toe
 SADDLE (seat and genitals): [sssss]
"""

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

UNICODE_MARKS = {"l4": "░", "l5": "▒", "s1": "▓", "s2-s4": "█"}
ASCII_MARKS = {"l4": "4", "l5": "5", "s1": "1", "s2-s4": "S"}
UNICODE_FRAME = str.maketrans({"-": "─", "|": "│"})
"""For terminals: the ASCII frame drawn with box-drawing lines (plain text keeps ASCII)."""


def foot_map(roots: list[tuple[str, str, list[str]]], *, unicode: bool, highlight: set[str] | None = None) -> Picture:
    """Draw the map. `roots` are (id, name, foot regions); `highlight` limits the filled roots."""
    marks = UNICODE_MARKS if unicode else ASCII_MARKS
    shown = [r for r in roots if highlight is None or r[0] in highlight]
    fill: dict[str, str] = {}
    for root_id, _name, regions in shown:
        mark = marks.get(root_id, "#")
        for region in regions:
            letter = _REGION_LETTERS.get(region)
            if letter is not None and letter not in fill:
                fill[letter] = mark
    art = _TEMPLATE.strip("\n")
    table = str.maketrans({letter: fill.get(letter, " ") for letter in _LETTERS})
    # Only the drawing's cells are letters to replace; the labels are kept as they are.
    lines = []
    for number, line in enumerate(art.splitlines()):
        if number == 0 or "inner" in line or "big toe" in line:
            lines.append(line)
        elif "SADDLE" in line:
            head, _, cells = line.partition("[")
            lines.append(head + "[" + cells.translate(table))
        else:
            lines.append(line.translate(table))
    legend = "   ".join(f"{marks.get(r[0], '#')} {r[1]}" for r in shown) or "(no root selected)"
    return Picture(lines, ["Key: " + legend])
