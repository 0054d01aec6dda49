"""Documents as one self-contained HTML page: a handout to print or save as PDF for a patient.

Built with a Jinja2 template with autoescaping on, so every value from the knowledge file is
escaped; nothing is pasted together by hand. Inline CSS, no scripts, no fonts or images to
fetch: the page works offline and prints the same everywhere. The foot map is SVG, each root
with its own colour and its own pattern, so it still reads in black and white.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from footspine.knowledge.index import HIGHLIGHT_END, HIGHLIGHT_START
from footspine.record import dataclass
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
    Table,
)
from footspine.render.footmap import OTHER_COLOUR, ROOT_COLOURS

TEMPLATES = Path(__file__).parent / "templates"
_MARKER = re.compile(r"\[(\d+(?:(?:, |\u2013)\d+)*)\]")

PATTERNS = {"l4": "dots", "l5": "stripes", "s1": "cross", "s2-s4": "solid"}
"""A pattern per root on top of its colour: the map still reads when printed in grey."""

# The four views of the map and the saddle: each region a shape in the SVG's own units.
# Drawn as a right leg and foot: the big toe is on the inner side.
REGIONS: dict[str, list[str]] = {
    "shin-inner": ["M20 30 L60 30 L60 150 L36 150 L28 100 Z"],
    "shin-outer": ["M60 30 L100 30 L92 100 L86 175 L60 175 Z"],
    "ankle-inner": ["M36 150 L60 150 L60 175 L40 175 Z"],
    "calf": ["M140 30 L220 30 L214 95 L198 175 L162 175 L146 95 Z"],
    "big-toe": ["M262 30 h22 v30 h-22 Z", "M488 30 h22 v30 h-22 Z"],
    "foot-top": [
        "M287 36 h14 v24 h-14 Z",
        "M304 40 h13 v20 h-13 Z",
        "M320 44 h12 v16 h-12 Z",
        "M274 64 h44 v100 h-44 Z",
    ],
    "little-toe": ["M335 48 h13 v12 h-13 Z", "M424 48 h13 v12 h-13 Z"],
    "foot-inner": ["M262 64 h12 v100 l-4 14 h-4 Z", "M498 64 h12 v114 h-4 l-8 -14 Z"],
    "foot-outer": ["M318 64 h30 l-6 100 l-8 14 h-16 Z", "M424 64 h30 v100 h-16 l-8 14 h-2 Z"],
    "sole": ["M440 44 h12 v16 h-12 Z", "M455 40 h13 v20 h-13 Z", "M471 36 h14 v24 h-14 Z", "M454 64 h44 v100 h-44 Z"],
    "heel": ["M438 164 h60 l-8 22 h-44 Z"],
    "saddle": ["M580 70 l22 22 l-22 22 l-22 -22 Z"],
}
OUTLINES = [
    ("Front of leg", 60, ["inner", "outer"], [40, 80]),
    ("Back of leg", 180, ["calf"], [180]),
    ("Top of foot", 305, ["big toe", "little toe"], [270, 340]),
    ("Sole", 468, ["little toe", "big toe"], [430, 500]),
    ("Saddle", 580, ["seat, genitals"], [580]),
]


@dataclass(frozen=True, slots=True)
class Shape:
    path: str
    fill: str


def render(doc: Document) -> str:
    """The page, ASCII-only (other characters as references), so any stream can carry it."""
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["cited"] = cited
    environment.filters["highlighted"] = highlighted
    page = environment.get_template("handout.html.j2").render(
        doc=doc,
        sections=[(s, [_block(b) for b in s.blocks]) for s in doc.sections],
        root_colours={**{k: v.print for k, v in ROOT_COLOURS.items()}, "other": OTHER_COLOUR.print},
        patterns=PATTERNS,
        outlines=OUTLINES,
    )
    return page.encode("ascii", "xmlcharrefreplace").decode("ascii")


def cited(text: str) -> Markup:
    """Escape the text, then turn each [1, 2] marker into links to the numbered sources."""

    def link(match: re.Match[str]) -> str:
        parts = re.split(r"(, |\u2013)", match.group(1))
        inner = "".join(
            f'<a href="#source-{p}">{p}</a>' if p.isdigit() else p.replace("\u2013", "&#8211;") for p in parts
        )
        return f"<sup>[{inner}]</sup>"

    return Markup(_MARKER.sub(link, str(escape(text))))


def highlighted(snippet: str) -> Markup:
    """Search snippets: the matched words in <mark>, everything else escaped."""
    out = []
    rest = snippet
    while HIGHLIGHT_START in rest:
        before, _, after = rest.partition(HIGHLIGHT_START)
        match, _, rest = after.partition(HIGHLIGHT_END)
        out.append(f"{escape(before)}<mark>{escape(match)}</mark>")
    out.append(str(escape(rest)))
    return Markup("".join(out))


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, Bullets):
        return {"kind": "bullets", "items": block.items}
    if isinstance(block, Pairs):
        return {"kind": "pairs", "items": block.items}
    if isinstance(block, Chain):
        return {"kind": "chain", "steps": block.steps}
    if isinstance(block, Table):
        return {"kind": "table", "columns": block.columns, "rows": block.rows}
    if isinstance(block, FootMap):
        return {"kind": "map", "shapes": _shapes(block), "key": block.roots}
    if isinstance(block, References):
        return {"kind": "references", "items": block.items}
    if isinstance(block, Hits):
        return {"kind": "hits", "items": block.items}
    raise TypeError(f"unknown block {block!r}")


def _shapes(block: FootMap) -> list[Shape]:
    """Every region's shape, filled with the pattern of the first root that covers it."""
    owner: dict[str, str] = {}
    for root in block.roots:
        for region in root.regions:
            owner.setdefault(region, root.id if root.id in ROOT_COLOURS else "other")
    return [
        Shape(path, f"url(#fill-{owner[region]})" if region in owner else "#ffffff")
        for region, paths in REGIONS.items()
        for path in paths
    ]
