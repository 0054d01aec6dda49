"""The console script, and the one way through a request: parse, answer, show.

    argv --commands.parse--> Request --answers.answer--> Result --render.show.show--> stdout
                    \\--(help, usage errors)--> cli.app (Typer, built from the same table)

`report` below is the only place where errors become messages and exit codes. This module also
keeps the process-level promises: Ctrl-C exits 130 without a traceback, output into a closed
pipe ends quietly with 0, a failed write (a full disk) is one line and exit 74, and an
unexpected error is one line on stderr and exit 70 (FOOTSPINE_DEBUG=1 shows the traceback).

Nothing here imports Typer, Click or Rich: an ordinary question never loads them.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # not `signal`: its enum wrappers cost ~1 ms a run
import errno
import gc
import io
import os
import sys

from footspine.exitcodes import ExitCode

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from typing import Any, NoReturn

    from footspine.commands import Request
    from footspine.knowledge.index import Store
    from footspine.render.settings import Output


def _interrupted(signum: int, frame: Any) -> NoReturn:
    raise SystemExit(ExitCode.INTERRUPTED)


def main(*, skip_teardown: bool = False) -> None:
    """Run footspine on `sys.argv` and exit with its status.

    The console script and `python -m footspine` pass `skip_teardown=True`: once the answer is
    flushed, the process ends at once instead of letting the interpreter free every module and
    object one by one, which costs about 3 ms, an eighth of an answer. Nothing is left to clean
    up by then (the index connection is closed and no file is open for writing; see `_leave`).
    Called in-process, `main` exits the ordinary way, through `SystemExit`.

    The same short-lived process also runs without the cyclic garbage collector: what footspine
    builds holds no reference cycles worth collecting, and every object lives until the process
    ends, so the collector's passes over young objects only cost time (about 5 ms, a tenth, of a
    `list` of 5,000 conditions; measured with the 50,000-condition file, peak memory is the same).
    """
    if skip_teardown:
        gc.disable()
    _signal.signal(_signal.SIGINT, _interrupted)
    was_blocking = _standard_streams()
    try:
        code = run_argv(sys.argv[1:])
    except Exception as error:
        if os.environ.get("FOOTSPINE_DEBUG"):
            raise
        code = _reported(error)
    code = _finish(code)
    if not was_blocking:
        _set_blocking(False)
    if skip_teardown:
        _leave(code)
    sys.exit(code)


def _reported(error: Exception) -> int:
    """An error that escaped `run` (Typer's own output, a failing import): the same table if it
    can be loaded, else one line and exit 70."""
    try:
        return report(error)
    except Exception:  # noqa: BLE001 - the table itself failed; the last words are all that is left
        _last_words(error)
        return ExitCode.INTERNAL_ERROR


def _standard_streams() -> bool:
    """Make stdin, stdout and stderr usable whatever state the caller left them in; returns
    whether stdout was blocking, so that it can be left as it was found.

    - A closed descriptor 0, 1 or 2 is pointed at /dev/null before anything else is opened, so
      that no file footspine opens (the index) takes its number and receives what was meant for
      the terminal. Closed stdin then reads as end of input; closed stderr drops the messages but
      keeps the exit status; closed stdout makes writing the answer fail with EBADF, which is one
      line and exit 74 like a full disk.
    - A non-blocking stdout (some tools leave one behind) would cut the answer off at the pipe's
      size; it is made blocking for this run and restored at the end.
    - A stream set to strict encoding (PYTHONIOENCODING=utf-8, or ascii) would turn one odd
      character, a stray byte in a file name or an argument, into a crash after the answer was
      half written; it is shown as an escape instead (`\\xff`), as stderr already does.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            _reopen_closed(fd)
    try:
        was_blocking = os.get_blocking(1)
        if not was_blocking:
            os.set_blocking(1, True)
    except OSError:
        was_blocking = True
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict":
            try:
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
            except (AttributeError, ValueError, OSError):
                pass
    return was_blocking


def _reopen_closed(fd: int) -> None:
    try:
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    except OSError:
        return
    if fd == 0:
        sys.stdin = open(fd, encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process
    elif fd == 1:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()), encoding="utf-8", errors="backslashreplace")
    else:
        sys.stderr = open(fd, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115


class _ClosedStdout(io.RawIOBase):
    """What stands for a stdout that was closed before footspine started: every write fails."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _set_blocking(blocking: bool) -> None:
    try:
        os.set_blocking(1, blocking)
    except OSError:
        pass


def _last_words(error: BaseException) -> None:
    try:
        sys.stderr.write(f"footspine: internal error ({type(error).__name__}); please report it.\n")
    except (OSError, ValueError, AttributeError):
        pass


def run_argv(argv: list[str]) -> int:
    """Run one command line and return its exit status (the console script and the tests)."""
    if os.environ.get("_FOOTSPINE_COMPLETE"):
        from footspine import completion

        answered = completion.complete(os.environ)
        if answered is not None:
            return answered
        return _with_typer(argv)
    from footspine.commands import parse

    request = parse(argv)
    if request is None:
        return _with_typer(argv)
    return run(request)


def _with_typer(argv: list[str]) -> int:
    """Help, completion scripts and usage errors: Typer reads the line (and may run `run`)."""
    from footspine.cli import app, completion_for_named_shell

    guard = _PipeGuard(sys.stdout)
    sys.stdout = guard
    try:
        named = completion_for_named_shell(argv)
        if named is not None:
            return named
        app(args=argv, prog_name="footspine")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except OSError as error:  # a full disk under Typer's help page: the same table as every answer
        return report(error)
    finally:
        if sys.stdout is guard:  # not replaced by `report` after a failed write
            sys.stdout = guard.stream
    return 0


class _PipeGuard:
    """stdout while Typer writes: Typer turns a closed pipe into exit 1 (`footspine --help |
    true`); footspine's promise is a quiet exit 0 when the reader has gone, so the pipe is
    caught here first."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self.stream.write(text))
        except BrokenPipeError:
            _quiet_broken_pipe()

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            _quiet_broken_pipe()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def run(request: Request) -> int:
    """Answer one parsed request and show it; every error becomes its exit status here."""
    try:
        return _answer_and_show(request)
    except Exception as error:  # noqa: BLE001 - `report` is the table; it re-raises what it does not know
        return report(error)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED


def _answer_and_show(request: Request) -> int:
    from footspine import __version__
    from footspine.answers import Validated, Version, check_request
    from footspine.knowledge.model import SCHEMA_VERSION
    from footspine.render import settings
    from footspine.render.show import show

    if request.command == "version":
        output = settings.for_stream(sys.stdout, os.environ, format="text", color="never", page=False)
        return show(Version(__version__, SCHEMA_VERSION), output)
    check_request(request)
    output = settings.for_stream(
        sys.stdout,
        os.environ,
        format=request.text("format") or "text",
        color=request.text("color") or "auto",
        page=not request.flag("no_pager"),
    )
    from footspine.knowledge.reading import data_paths

    paths = data_paths(request.data, os.environ)
    if request.command == "validate":
        from footspine.knowledge.access import validate_files
        from footspine.knowledge.problems import KnowledgeError

        try:
            result = Validated(summary=validate_files(request.words("paths") or paths))
        except KnowledgeError as error:
            result = Validated(problems=error.problems)
        return show(result, output)
    return show(_answered(request, paths, output), output)


def _answered(request: Request, paths: list[str], output: Output) -> Any:
    """The command's result, from the index; a corrupt index is discarded and rebuilt once."""
    from footspine.answers import answer
    from footspine.cachedir import index_folder
    from footspine.knowledge.access import discard, is_corruption, open_store
    from footspine.knowledge.index import DamagedIndexError
    from footspine.knowledge.sqlite import sqlite3

    folder = index_folder(os.environ)
    for attempt in (1, 2):
        store: Store = open_store(paths, folder)
        try:
            return answer(request, store, output)
        except (sqlite3.DatabaseError, DamagedIndexError) as error:
            damaged = isinstance(error, DamagedIndexError) or is_corruption(error)
            if not damaged or attempt == 2:
                raise
            if store.path is not None:
                discard(store.path)  # that index only, and only because it was found damaged
        finally:
            store.close()
    raise AssertionError("unreachable")


# --- errors: the one table from what went wrong to what is said and the exit status -----------


def say(message: str) -> None:
    """One line on stderr, with control and bidi characters made visible; a newline that came
    from outside (a name typed, a path) is shown as `<U+000A>`, so it cannot forge a second line."""
    from footspine.render.document import safe

    sys.stderr.write(f"footspine: {safe(message).replace(chr(10), '<U+000A>')}\n")


def report(error: BaseException) -> int:
    from footspine.answers import Interrupted, UsageError
    from footspine.knowledge.problems import AmbiguousNameError, KnowledgeError, NotFoundError
    from footspine.query import UnknownAnswerError

    if isinstance(error, BrokenPipeError):
        _quiet_broken_pipe()
    if isinstance(error, KnowledgeError):
        say(_bad_data(error))
        return ExitCode.BAD_DATA
    if isinstance(error, AmbiguousNameError):
        _warn_first(error.warnings, error.emergency_numbers)
        note = f" {error.note}" if error.note else ""
        example = error.candidates[0] if error.candidates else "..."
        from footspine.knowledge.problems import quoted

        say(
            f"{quoted(error.name)} can mean several conditions: {', '.join(error.candidates)}.{note} "
            f"Pick one, e.g. footspine explain {example}"
        )
        return ExitCode.NOT_FOUND
    if isinstance(error, NotFoundError):
        _not_found(error)
        return ExitCode.NOT_FOUND
    if isinstance(error, UnknownAnswerError):
        from footspine.knowledge.problems import quoted

        close = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
        say(
            f"cannot read --answer {quoted(error.text)}: use FINDING=yes, FINDING=no or FINDING=unsure, "
            f"age=N or weeks=N.{close} See: footspine check --findings"
        )
        return ExitCode.USAGE
    if isinstance(error, UsageError):
        say(str(error))
        return ExitCode.USAGE
    if isinstance(error, Interrupted):
        sys.stderr.write("\n")
        say(str(error))
        return ExitCode.INTERRUPTED
    if isinstance(error, MemoryError):
        say(
            "not enough memory to finish; compiling a knowledge file needs about 7 times its size "
            "(see docs/hostile-input.md, Memory)"
        )
        return ExitCode.OUT_OF_MEMORY
    if isinstance(error, OSError) and _is_output_failure(error):
        say(f"could not write the answer: {error.strerror or error}")
        _drop_unwritten()
        return ExitCode.OUTPUT_FAILED
    if os.environ.get("FOOTSPINE_DEBUG"):
        raise error
    say(f"internal error ({type(error).__name__}); please report it. Run with FOOTSPINE_DEBUG=1 to see the details.")
    return ExitCode.INTERNAL_ERROR


def _is_output_failure(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF)


def _bad_data(error: Any) -> str:
    first = error.problems[0] if error.problems else None
    files = sorted({p.file for p in error.problems})
    count = len(error.problems)
    detail = f"; first: {first}" if first else ""
    hint = f" Check it with: footspine validate {' '.join(files)}" if files else ""
    return f"cannot use the knowledge file {', '.join(files)}: {count} problem{'s' * (count != 1)}{detail}.{hint}"


def _warn_first(warnings: list[Any], numbers: list[Any]) -> None:
    """Words that match a warning sign get what to do about it before anything else is said."""
    if not warnings:
        return
    from footspine.render.views import warning_lines

    for line in warning_lines(warnings, numbers):
        say(line)


def _not_found(error: Any) -> None:
    from footspine.knowledge.problems import quoted
    from footspine.render.document import safe

    _warn_first(error.warnings, error.emergency_numbers)
    if error.kind == "match":
        say(f"nothing matches {quoted(error.name)}. Try other words, or see: footspine list")
        return
    if error.elsewhere is not None:
        kind, entry_id = error.elsewhere
        where = {
            "root": f"a nerve root. See: footspine roots {entry_id}",
            "mechanism": f"a mechanism. See: footspine mechanisms {entry_id}",
            "treatment": f"a treatment. See: footspine search {entry_id}",
        }[kind]
        say(f"no {error.kind} called {quoted(error.name)}; that is {where}")
        return
    guess = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
    listing = {"condition": "footspine list", "mechanism": "footspine mechanisms", "root": "footspine roots"}
    hint = listing.get(error.kind, "footspine list")
    if error.matches:
        say(f"no {error.kind} called {quoted(error.name)}.{guess} By symptom, it may be about:")
        for entry_id, name, line in error.matches:
            sys.stderr.write(safe(f"  {name}: {line} See: footspine explain {entry_id}") + "\n")
        return
    if error.kind == "condition" and _searchable(error.name.strip()):
        hint += f", or look it up by symptom: footspine search {' '.join(error.name.split())}"
    say(f"no {error.kind} called {quoted(error.name)}.{guess} See: {hint}")


def _searchable(name: str) -> bool:
    """Names worth echoing back as a `footspine search` hint: plain words a shell will not mangle."""
    import re

    return re.fullmatch(r"[A-Za-z][A-Za-z -]{1,58}[A-Za-z]", name) is not None


# --- the process: streams that close, fail or were never there ----------------------------------


def _quiet_broken_pipe() -> NoReturn:
    """The reader went away (`footspine list | head -1`): stop without a word, exit 0."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    os._exit(0)


def _leave(code: int) -> NoReturn:
    """End the process without the interpreter's teardown.

    What teardown would do that matters is done here or already: stdout was flushed by
    `_finish` (which reported a failed write), stderr is flushed now (a stderr that was closed
    at start is a buffered /dev/null), index connections are closed where they are used and
    their writes committed, and footspine registers no `atexit` handler and runs no thread.
    """
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # nowhere left to say anything; the exit status still tells
    os._exit(code)


def _drop_unwritten() -> None:
    """After a failed write, what is still buffered would fail again at exit, with a traceback."""
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process


def _finish(code: int) -> int:
    """Flush stdout before exit, so a late failure still gets its message and exit status."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError as error:
        return report(error)
    except (AttributeError, ValueError):
        pass  # no stdout at all, or already closed: nothing was waiting to be written
    return code
