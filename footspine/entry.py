"""The console script: answer from the fast path when it can, else run the full CLI.

Kept apart from `cli.py` so that a cached answer never imports Typer or Rich. It also owns the
process-level promises: Ctrl-C exits 130 without a traceback, output into a closed pipe ends
quietly, and an unexpected error is one line on stderr (FOOTSPINE_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import os
import signal
import sys

from footspine.exitcodes import ExitCode

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from typing import Any, NoReturn


def _interrupted(signum: int, frame: Any) -> NoReturn:
    raise SystemExit(int(ExitCode.INTERRUPTED))


def _quiet_broken_pipe() -> NoReturn:
    """The reader went away (`footspine list | head -1`): stop without a word."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    os._exit(0)


class _Tee:
    """A text stream that also keeps what passes through it, for the fast path's record."""

    def __init__(self, stream: Any, sink: list[str | bytes]) -> None:
        self._stream = stream
        self._sink = sink

    def write(self, text: str | bytes) -> int:
        self._sink.append(text)
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    argv = sys.argv[1:]
    try:
        from footspine import fastpath
        from footspine.cachedir import cache_root

        cache = cache_root(os.environ)
        code = None if os.environ.get("FOOTSPINE_NO_FAST_PATH") else fastpath.answer(argv, cache)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except SystemExit:
        raise
    except Exception:  # noqa: BLE001 - any doubt about the cache means the full path
        code = None
    if code is not None:
        if os.environ.get("_FOOTSPINE_TRACE"):
            sys.stderr.write("footspine: (answered by the fast path)\n")
        raise SystemExit(code)
    sys.exit(_full_path(argv, cache))


def _full_path(argv: list[str], cache: str | None) -> int:
    from footspine import fastpath

    recorder = fastpath.Recorder(argv, cache)
    if recorder.key is not None:
        fastpath.RECORDER = recorder
        sys.stdout = _Tee(sys.stdout, recorder.out)
        sys.stderr = _Tee(sys.stderr, recorder.err)
    code: int
    try:
        from footspine.cli import app

        app(prog_name="footspine")
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        code = int(ExitCode.INTERRUPTED)
    except Exception as error:
        if os.environ.get("FOOTSPINE_DEBUG"):
            raise
        sys.stderr.write(
            f"footspine: internal error ({type(error).__name__}); please report it. "
            "Run with FOOTSPINE_DEBUG=1 to see the details.\n"
        )
        code = int(ExitCode.INTERNAL_ERROR)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    if isinstance(sys.stdout, _Tee):
        stream = sys.stdout._stream
        recorder.save(code, stream.encoding or "utf-8", stream.errors or "strict")
    return code
