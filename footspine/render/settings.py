"""Decide how output should look from the options, the environment and the stream."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from footspine.record import dataclass

Format = Literal["text", "json", "markdown", "html"]
ColorMode = Literal["auto", "always", "never"]

MIN_WIDTH = 20
MAX_WIDTH = 1000
READING_WIDTH = 100
"""Prose wider than this is hard to read, so wide terminals get a comfortable measure."""


@dataclass(frozen=True, slots=True)
class Output:
    format: Format
    styled: bool
    """Rich terminal rendering (boxes, panels); False means plain text with no escape codes."""
    color: bool
    unicode: bool
    width: int
    pager: tuple[str, ...] = ()
    """The pager command for a page longer than the screen; empty: print straight."""
    height: int = 0
    """Lines on the screen; output longer than this goes through the pager."""

    @property
    def commands(self) -> bool:
        """Whether pages may suggest commands: not on a handout, whose reader has no shell."""
        return self.format != "html"


def decide(
    *,
    format: Format,
    color: ColorMode,
    is_tty: bool,
    terminal_width: int | None,
    encoding: str,
    env: Mapping[str, str],
    terminal_height: int | None = None,
    page: bool = True,
) -> Output:
    term = env.get("TERM", "")
    no_color = bool(env.get("NO_COLOR"))
    force_color = bool(env.get("FORCE_COLOR"))
    if color == "always":
        styled = True
    elif color == "never":
        styled = is_tty and term != "dumb"
    else:
        styled = (is_tty and term != "dumb") or force_color
    colored = styled and color != "never" and not (no_color and color != "always")
    width = _width(env.get("COLUMNS"), terminal_width if is_tty else None)
    pager: tuple[str, ...] = ()
    if page and is_tty and terminal_height and format in ("text", "markdown") and term != "dumb":
        pager = _pager(env)
    return Output(format, styled, colored, _unicode_ok(encoding, env), width, pager, terminal_height or 0)


DEFAULT_PAGER = ("less", "-R")
"""-R lets the colours through; `less` quits at the end of the page like any pager."""


def _pager(env: Mapping[str, str]) -> tuple[str, ...]:
    """$PAGER as the person set it (split like a shell would), else `less -R`; `cat` means none."""
    import shlex

    if "PAGER" not in env:
        return DEFAULT_PAGER
    try:
        words = tuple(shlex.split(env["PAGER"]))
    except ValueError:
        return DEFAULT_PAGER
    if not words:
        return ()
    return () if words[0] in ("cat", "") else words


def _width(columns: str | None, terminal: int | None) -> int:
    width = 80
    if columns and columns.strip().isdigit():
        width = int(columns)
    elif terminal:
        width = terminal
    return max(MIN_WIDTH, min(width, MAX_WIDTH))


def _unicode_ok(encoding: str, env: Mapping[str, str]) -> bool:
    """UTF-8 output only when both the stream and the locale say so.

    Python coerces the C locale to UTF-8 for its own streams, but the terminal behind a
    LANG=C session usually cannot show it, so the locale has the last word.
    """
    if "utf" not in encoding.lower().replace("-", ""):
        return False
    locale = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
    if not env.get("LC_ALL") and env.get("LC_CTYPE") == "C.UTF-8" and env.get("LANG", "C") in {"C", "POSIX"}:
        # Python's own C-locale coercion (PEP 538) sets LC_CTYPE=C.UTF-8 behind a LANG=C
        # session; the terminal the person is using still speaks only ASCII.
        locale = "C"
    if not locale:
        return True
    if locale in {"C", "POSIX"}:
        return False
    return "utf" in locale.lower().replace("-", "") or "." not in locale
