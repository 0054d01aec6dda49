"""Reading knowledge files as bytes and text, with the limits that keep hostile files harmless.

Kept apart from the YAML loader so that hashing a file to find its compiled index never has
to import `yaml`.
"""

from __future__ import annotations

import os

from footspine.knowledge.problems import UNSAFE_RANGES, KnowledgeError, Problem

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # abspath: no syscalls, unlike realpath
_IN_WHEEL = os.path.join(_PACKAGE, "data", "knowledge.yaml")
SHIPPED = _IN_WHEEL if os.path.isfile(_IN_WHEEL) else os.path.join(os.path.dirname(_PACKAGE), "data", "knowledge.yaml")
"""The shipped knowledge file: inside the installed package (pyproject copies data/ there),
or beside the package in a source checkout or editable install."""


def data_paths(given: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """The knowledge files a run uses: --data, else FOOTSPINE_DATA (paths separated by ':'),
    else the shipped file."""
    if given:
        return list(given)
    return [p for p in env.get("FOOTSPINE_DATA", "").split(os.pathsep) if p] or [SHIPPED]


MAX_FILE_BYTES = 512 * 1024 * 1024
"""Far above any real knowledge file (the shipped one is about 0.3 MB), and above the 50,000
full conditions a large clinic's file could grow to (about 380 MB). A file over 4 MiB is
composed one entry at a time (`loader.PIECE_LIMIT`), so memory follows the model: about 7
times the file's size, where PyYAML's own loader needs about 20 (README, "Speed")."""


def read_bytes(path: str | os.PathLike[str], label: str, opened: list[tuple[int, ...]] | None = None) -> bytes:
    """The file's bytes, or KnowledgeError naming the file and why it cannot be used.

    `opened` receives the identity (device, inode, size, mtime, ctime) of the file actually
    opened, taken from the open descriptor before reading: a symlink switched between a `stat`
    of the path and the read can then never pair one file's identity with another's bytes.
    """

    def fail(code: str, message: str) -> KnowledgeError:
        return KnowledgeError([Problem(label, 1, 1, code, message)])

    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if opened is not None:
                opened.append((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
            if info.st_size > MAX_FILE_BYTES:
                data = b""  # refused below, without reading it
                too_large = True
            else:
                data = handle.read(MAX_FILE_BYTES + 1)  # a pipe or device has no size: read past the limit
                too_large = len(data) > MAX_FILE_BYTES
    except IsADirectoryError:
        raise fail("FS101", "is a directory, not a knowledge file") from None
    except FileNotFoundError:
        raise fail("FS101", "no such file") from None
    except PermissionError:
        raise fail("FS101", "permission denied") from None
    except OSError as error:
        raise fail("FS101", f"cannot be read: {error.strerror or error}") from None
    if too_large:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise fail("FS102", f"is larger than the {limit} MiB limit for a knowledge file")
    return data


def shown(path: str) -> str:
    """A file name as text any terminal, JSON reader or encoding can take.

    A name whose bytes are not UTF-8 reaches Python with lone surrogates standing for those
    bytes; written out as they are, they crash a strict UTF-8 stream. They are shown as `\\xff`,
    the way Python and most tools spell a raw byte. A newline, an escape or any other control
    or bidi character is spelt out too (`\\n`, `\\x1b`), so a name can neither forge a second
    line of a one-line message nor drive the terminal.
    """
    try:
        text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        text = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if text.isprintable() else text.translate(_SPELT_OUT)


_SPELT_OUT = {
    code: ascii(chr(code))[1:-1]
    for code in [0x09, 0x0A, *(c for low, high in UNSAFE_RANGES for c in range(low, high + 1))]
}


def read_all(
    paths: Sequence[str | os.PathLike[str]], opened: list[tuple[int, ...]] | None = None
) -> list[tuple[str, bytes]]:
    """Every file's (label, bytes); raises with the problems of every file that cannot be read."""
    inputs: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            inputs.append((shown(os.fspath(path)), read_bytes(path, shown(os.fspath(path)), opened)))
        except KnowledgeError as error:
            problems.extend(error.problems)
    if problems:
        raise KnowledgeError(problems)
    return inputs


def decode(data: bytes, label: str) -> str:
    """UTF-8 (a leading byte-order mark is accepted and dropped); no NUL; not blank."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul)
        raise KnowledgeError([Problem(label, line, column, "FS104", "contains a NUL byte")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        message = f"is not valid UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8"
        raise KnowledgeError([Problem(label, line, column, "FS103", message)]) from None
    if not text.strip():
        raise KnowledgeError([Problem(label, 1, 1, "FS105", "is empty")])
    return text


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1
