"""What each view says, built once from the model; the backends only decide how it looks.

`explain` in the terminal, as plain text and as a Markdown handout must never disagree about
content (above all about the emergency signs), so the content is decided here, in plain data,
and `terminal`, `plain`, `markdown` and `html` each draw the same Document.
"""

from __future__ import annotations

from footspine.knowledge.problems import UNSAFE_SHOWN
from footspine.record import dataclass, field

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from typing import Literal


DISCLAIMER = (
    "footspine is for learning only: it cannot diagnose you or tell you what to take. "
    "See a doctor or physiotherapist about your symptoms."
)


def safe(text: str) -> str:
    """Make control and bidirectional characters visible instead of letting them act.

    The validator refuses files that carry them; this is the second wall, for text that reaches
    a renderer some other way (an argument echoed back, an index built by another version).
    """
    return text if text.isprintable() else text.translate(UNSAFE_SHOWN)


# --- blocks ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True, slots=True)
class Pairs:
    """Label: value lines (root facts, codes)."""

    items: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class ChainStep:
    level: str
    root: str
    root_id: str
    """Picks the root's colour, the same one it has on the foot map."""
    area: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Chain:
    """Spine level, then nerve root, then where it is felt: one path per step."""

    steps: list[ChainStep]


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    tints: list[str] = field(default_factory=list)
    """A root id per row: the first cell takes that root's colour, as on the foot map."""


@dataclass(frozen=True, slots=True)
class MapRoot:
    id: str
    """A root id (l4, l5, s1, s2-s4) picks its colour and shading; any other id is drawn plain."""
    name: str
    regions: list[str]


@dataclass(frozen=True, slots=True)
class FootMap:
    """Where each root is felt on the leg and foot.

    Data, not art: the terminal and text backends draw it as characters in a layout that fits
    their width (`footmap.draw`), the HTML handout as SVG.
    """

    roots: list[MapRoot]


@dataclass(frozen=True, slots=True)
class Reference:
    number: int
    title: str
    publisher: str
    year: str
    url: str
    checked: str


@dataclass(frozen=True, slots=True)
class References:
    """The numbered source list: exactly the sources cited as [n] on the same page."""

    items: list[Reference]


@dataclass(frozen=True, slots=True)
class Hits:
    """Search results: kind, id, title, snippet with HIGHLIGHT markers."""

    items: list[tuple[str, str, str, str]]


Block = Paragraph | Bullets | Pairs | Chain | Table | FootMap | References | Hits


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    blocks: list[Block]
    tone: Literal["normal", "emergency", "warning", "info", "muted"] = "normal"


@dataclass(slots=True)
class Document:
    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
