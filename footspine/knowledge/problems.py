"""Validation problems: each has a stable code, so people and scripts can act on it.

Codes never change meaning once shipped (like tldr-lint's TLDR001...). `tests/fixtures/invalid/`
holds one failing file per code, and the tests check that exactly that code fires.
"""

from __future__ import annotations

from footspine.record import dataclass

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from typing import Any


UNSAFE_RANGES = (
    (0x00, 0x08),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x2028, 0x202E),
    (0x2066, 0x2069),
)
"""C0/C1 controls (ESC starts ANSI and OSC sequences, BEL, CR, ...), the line and paragraph
separators, and bidirectional overrides: anything that could rewrite a terminal or reorder what
a reader sees. Tabs and newlines are fine. The validator refuses text carrying them (FS018,
with `unsafe_characters()`) and the renderers make them visible (`UNSAFE_SHOWN`), so both walls
use this one list. None of them is printable (`str.isprintable`), which gives renderers a fast
way past clean text."""

UNSAFE_SHOWN = {code: f"<U+{code:04X}>" for low, high in UNSAFE_RANGES for code in range(low, high + 1)}
"""A `str.translate` table that shows each unsafe character as `<U+001B>` instead of letting it act."""


def unsafe_characters() -> re.Pattern[str]:
    """A pattern matching any unsafe character (compiled when a file is validated, not every run)."""
    import re

    return re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in UNSAFE_RANGES) + "]")


CODES: dict[str, str] = {
    "FS001": "YAML syntax error",
    "FS002": "duplicate mapping key",
    "FS003": "unknown key",
    "FS004": "wrong type",
    "FS005": "missing required key",
    "FS006": "id is not a lowercase slug",
    "FS007": "duplicate id",
    "FS008": "aliases collide after normalisation",
    "FS009": "reference to something that does not exist",
    "FS010": "condition has no source",
    "FS011": "date is not a real YYYY-MM-DD date",
    "FS012": "URL is not http or https",
    "FS013": "value is not one of the allowed choices",
    "FS014": "YAML tag that could construct objects",
    "FS015": "YAML anchors and aliases are not allowed",
    "FS016": "nesting too deep",
    "FS017": "unsupported schema_version",
    "FS018": "text contains control or bidirectional characters, or a name spans lines",
    "FS019": "not-recommended treatment without a reason",
    "FS020": "mimic condition does not say how to tell it apart",
    "FS021": "empty text",
    "FS022": "source address is a copy, mirror or closed service",
    "FS023": "no emergency warning sign, or no number to call",
    "FS024": "the urgency of an emergency condition's signs was lowered",
    "FS025": "review date on an entry with facts still to check, or no review date",
    "FS026": "more than three things to do now",
    "FS027": "words that can never match a description",
    "FS101": "file cannot be read",
    "FS102": "file is too large",
    "FS103": "file is not UTF-8",
    "FS104": "file contains NUL bytes",
    "FS105": "file is empty",
    "FS106": "top level is not a mapping",
}


QUOTE_LIMIT = 60


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value from a file or a command line, quoted and clipped.

    Messages quote what they complain about, and that text is untrusted: a 100,000-character id
    must not turn one problem line into a page. Clipping the quotation, not the whole line, keeps
    the file name, position and code of every problem intact however long they are.
    """
    return clipped(str(value), limit, _quote)


def _quote(text: str) -> str:
    """repr, with a stray byte from the command line (a lone surrogate) shown as the byte it
    was, `\\xff`, rather than as `\\udcff`."""
    shown = repr(text)
    if "\\udc" not in shown:
        return shown  # nearly always: no pattern to compile
    import re

    return re.sub(r"(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])", r"\1\\x\2", shown)


def clipped(text: str, limit: int, show: Callable[[str], str] = str) -> str:
    """`text` shown whole, or its first `limit` characters and how many more there were."""
    if len(text) <= limit:
        return show(text)
    return f"{show(text[:limit])} (and {len(text) - limit:,} more characters)"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a knowledge file, at a place in it."""

    file: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"


class KnowledgeError(Exception):
    """The knowledge data cannot be used. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the knowledge data")
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.code))


class NotFoundError(LookupError):
    """No condition, mechanism or root goes by that name."""

    def __init__(self, kind: str, name: str, suggestions: list[str], elsewhere: tuple[str, str] | None = None) -> None:
        super().__init__(f"no {kind} called {name!r}")
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        self.elsewhere = elsewhere
        """(kind, id) when the name is not a condition but is a root, mechanism or treatment."""
        self.warnings: list[Any] = []
        """Warning signs (RedFlag) the words match: the message leads with what to do about them."""
        self.emergency_numbers: list[Any] = []
        self.matches: list[tuple[str, str, str]] = []
        """Conditions a symptom search finds for the same words: (id, name, one line)."""


class AmbiguousNameError(LookupError):
    """The name is used for several conditions; footspine will not guess between them."""

    def __init__(self, name: str, candidates: list[str], note: str) -> None:
        super().__init__(f"{name!r} can mean several conditions")
        self.name = name
        self.candidates = candidates
        self.note = note
        self.group: Any = None
        """The AmbiguousTerm entry, for the overview page."""
        self.warnings: list[Any] = []
        self.emergency_numbers: list[Any] = []
