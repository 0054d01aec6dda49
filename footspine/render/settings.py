"""Decide how output should look from the options, the environment and the stream."""

from __future__ import annotations

import os

from footspine.record import dataclass

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Literal, TextIO

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
    """Terminal rendering (frames, bold, colour); False means plain text with no escape codes."""
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


def for_stream(stream: TextIO, env: Mapping[str, str], *, format: str, color: str, page: bool = True) -> Output:
    """The settings for this run, decided once: from the options, the environment and stdout."""
    try:
        is_tty = stream.isatty()
    except (OSError, ValueError):
        is_tty = False
    width = height = None
    if is_tty:
        try:
            width, height = os.get_terminal_size(stream.fileno())
        except (OSError, ValueError):
            width = height = None
    return decide(
        format=format,  # type: ignore[arg-type]
        color=color,  # type: ignore[arg-type]
        is_tty=is_tty,
        terminal_width=width,
        terminal_height=height,
        encoding=getattr(stream, "encoding", None) or "utf-8",
        env=env,
        page=page,
    )


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
