"""Answer a repeated command from a cached answer before Typer, Rich or YAML are imported.

Python itself starts in about 10 ms; importing Typer and Rich costs several times that. A
person who runs `footspine explain sciatica` twice, or presses TAB, should not pay it twice.

A cached answer is used only when it is provably current. Its key covers everything the
answer depends on: the arguments, the working directory, every environment variable that
footspine, Typer or Rich read, whether stdout and stderr are terminals and the terminal size,
the output encoding, footspine's version and the size and modification time of every one of
its source files and of the folder it is installed in. The entry also records the identity
(device, inode, size, modification and change times) of every knowledge file the slow path
read, and those are compared with the files as they are now. Anything that does not match
exactly, any entry that fails its checksum, and any error at all falls back to the full path.

Answers are written atomically (temporary file, then rename). No answer is recorded while a
knowledge file is less than two seconds old, because a second edit within the file system's
timestamp granularity could otherwise leave its identity unchanged ("racy git").

Standard library only, and only modules that cost almost nothing to import.
"""

from __future__ import annotations

import binascii
import marshal
import os
import sys
import time

FORMAT = 1
RACY_SECONDS = 2.0
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_ANSWERS = 1000
"""Cached answers kept; past this the older half is removed (only the slow path pays for it)."""

_ENV_NAMES = frozenset(
    {
        "NO_COLOR",
        "FORCE_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "TERM",
        "COLORTERM",
        "COLUMNS",
        "LINES",
        "LANG",
        "LANGUAGE",
        "PYTHONIOENCODING",
        "PYTHONUTF8",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
        "JUPYTER_COLUMNS",
        "JUPYTER_LINES",
        "TERMINAL_WIDTH",
        "HOME",
        "XDG_CACHE_HOME",
        "SHELL",
    }
)
_ENV_PREFIXES = ("FOOTSPINE", "_FOOTSPINE", "TYPER", "_TYPER", "COMP_", "LC_")
_NEVER_CACHED = ("validate", "--install-completion", "--show-completion")


def _package_dir() -> str:
    return os.path.dirname(os.path.abspath(__file__))


def _code_signature() -> list[tuple[str, int, int]]:
    """Size and mtime of every file in the package (code, templates, data) and of its folder."""
    package = _package_dir()
    parent = os.stat(os.path.dirname(package))
    signature = [("..", parent.st_mtime_ns, parent.st_ino)]
    stack = [package]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:  # code, data and the handout's template
                    st = entry.stat()
                    signature.append((entry.path, st.st_mtime_ns, st.st_size))
    signature.sort()
    return signature


def request_key(argv: list[str]) -> str | None:
    """Everything an answer depends on except the knowledge files; None if never cached."""
    if any(arg in _NEVER_CACHED for arg in argv):
        return None
    from footspine import __version__

    env = sorted(
        (name, value) for name, value in os.environ.items() if name in _ENV_NAMES or name.startswith(_ENV_PREFIXES)
    )
    terminal = []
    for fd in (0, 1, 2):
        tty = os.isatty(fd)
        size = None
        if tty:
            try:
                size = tuple(os.get_terminal_size(fd))
            except OSError:
                size = None
        terminal.append((tty, size))
    encodings = (getattr(sys.stdout, "encoding", None), getattr(sys.stderr, "encoding", None), sys.flags.utf8_mode)
    return repr((FORMAT, __version__, sys.version, os.getcwd(), argv, env, terminal, encodings, _code_signature()))


def _file_identity(path: str) -> tuple[int, ...] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _entry_path(cache: str, key: str) -> str:
    data = key.encode("utf-8", "surrogateescape")
    name = f"{binascii.crc32(data):08x}{binascii.crc32(data[::-1]):08x}{len(data):x}"
    return os.path.join(cache, "answers", name)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def answer(argv: list[str], cache: str | None) -> int | None:
    """Replay a cached answer and return its exit code, or None to take the full path."""
    if cache is None:
        return None
    key = request_key(argv)
    if key is None:
        return None
    try:
        with open(_entry_path(cache, key), "rb") as handle:
            raw = handle.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    if len(raw) < 8 or len(raw) > MAX_ENTRY_BYTES:
        return None
    if int.from_bytes(raw[:4], "big") != binascii.crc32(raw[4:]):
        return None
    try:
        entry = marshal.loads(raw[4:])
        stored_format, stored_key, files, code, out, err = entry
    except Exception:  # noqa: BLE001 - a damaged entry is a miss, never a crash
        return None
    if stored_format != FORMAT or stored_key != key or not isinstance(out, bytes) or not isinstance(err, bytes):
        return None
    for path, identity in files:
        if _file_identity(path) != identity:
            return None
    if out:
        _write_all(1, out)
    if err:
        _write_all(2, err)
    return int(code)


class Recorder:
    """Collects what the full path writes, so that the same request can be answered fast later."""

    def __init__(self, argv: list[str], cache: str | None) -> None:
        self.key = request_key(argv) if cache is not None else None
        self.cache = cache
        self.files: list[tuple[str, tuple[int, ...] | None]] = []
        self.usable = self.key is not None
        self.out: list[str | bytes] = []
        self.err: list[str | bytes] = []

    def note_data(self, paths: list[str]) -> None:
        """Called before the knowledge files are read, with the paths the command will use."""
        now = time.time()
        racy = float(os.environ.get("_FOOTSPINE_RACY_SECONDS", RACY_SECONDS))  # tests shorten it
        for path in paths:
            identity = _file_identity(path)
            if identity is None or now - max(identity[3], identity[4]) / 1e9 < racy:
                self.usable = False
            self.files.append((os.path.abspath(path), identity))

    def save(self, code: int, encoding: str, errors: str) -> None:
        if not self.usable or self.key is None or self.cache is None or code not in (0, 1, 2):
            return
        try:
            out = _joined(self.out, encoding, errors)
            err = _joined(self.err, sys.stderr.encoding or "utf-8", sys.stderr.errors or "strict")
            payload = marshal.dumps((FORMAT, self.key, self.files, code, out, err))
            target = _entry_path(self.cache, self.key)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            temporary = f"{target}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                handle.write(binascii.crc32(payload).to_bytes(4, "big") + payload)
            os.replace(temporary, target)
            _prune(os.path.dirname(target))
        except (OSError, ValueError, UnicodeError):
            return  # an unwritable cache only costs speed


def _prune(folder: str) -> None:
    import contextlib  # here, not at the top: the fast path itself never needs it

    names = os.listdir(folder)
    if len(names) <= MAX_ANSWERS:
        return
    entries = []
    for name in names:
        path = os.path.join(folder, name)
        try:
            entries.append((os.stat(path).st_mtime, path))
        except OSError:
            continue
    entries.sort()
    for _, path in entries[: len(entries) // 2]:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _joined(chunks: list[str | bytes], encoding: str, errors: str) -> bytes:
    """What reached the stream, as bytes (Click writes some output as bytes)."""
    return b"".join(c if isinstance(c, bytes) else c.encode(encoding, errors) for c in chunks)


RECORDER: Recorder | None = None
"""The recorder for this process, if the full path is being recorded (set by `entry.main`)."""
