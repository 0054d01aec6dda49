"""Open the knowledge for a command: from the compiled index when it matches, else compile it.

Finding the index costs a `stat` per knowledge file, not a read: each index is named after the
paths of its sources (and footspine's build), and records each source's identity (device,
inode, size, modification and change time) and content hash. When the identities match, the
index is used as it is. When one changes, the files are read and hashed: the same bytes (a
`touch`, a copy back) only refresh the recorded identities; new bytes rebuild the index.

The index folder is private (see `cachedir`). An index is written under a fresh name made with
O_EXCL and renamed into place, so a reader sees a whole index or none; it is opened read-only.
Only files whose names footspine makes are ever removed, and an index is discarded only when
SQLite says the file itself is damaged. A missing or unusable cache only costs speed: the index
is then built in memory for this run.
"""

from __future__ import annotations

import os

from footspine.knowledge.index import BUILD_TAG, DamagedIndexError, Store, write_index
from footspine.knowledge.reading import shown
from footspine.knowledge.sqlite import sqlite3
from footspine.record import dataclass

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Sequence

KEEP_INDEXES = 8
"""Indexes kept for other data files (or older builds) before the least recently built go."""

PREFIX = "footspine-index-"
SUFFIX = ".sqlite"
BUILDING = "footspine-building-"
"""Every file footspine puts in the index folder starts with one of these; nothing else there is
ever touched."""

_CORRUPTION = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})


def is_corruption(error: sqlite3.Error) -> bool:
    """Only SQLite's own verdict that the file is damaged counts; a query bug is not corruption."""
    return getattr(error, "sqlite_errorname", "") in _CORRUPTION


Identity = tuple[int, int, int, int, int]


def identity(path: str) -> Identity:
    """What changes whenever a file's bytes may have: device, inode, size, mtime and ctime (ns).

    ctime cannot be set back by a program, so an edit that restores the size and mtime is seen.
    """
    info = os.stat(path)
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def open_store(paths: Sequence[str | os.PathLike[str]], folder: str | os.PathLike[str] | None) -> Store:
    """The index for these files; parses YAML (importing it) only when no index matches."""
    labels = [os.fspath(p) for p in paths]
    store = _find_or_build(labels, os.fspath(folder) if folder is not None else None)
    store.labels = [shown(label) for label in labels]
    return store


def _find_or_build(labels: list[str], folder: str | None) -> Store:
    try:
        where = [os.path.abspath(label) for label in labels]
    except OSError:  # a relative path, and the working folder has been deleted: keep no index
        where = []
    if folder is None or not where:
        return _build(labels, None, None, [])
    target = os.path.join(folder, _index_name(where))
    try:
        identities = [identity(label) for label in labels]
    except (OSError, ValueError):
        return _build(labels, None, None, [])  # read_all reports the file that cannot be read
    store = _open_existing(target)
    if store is not None:
        try:
            recorded = store.meta("sources")
            unchanged = [(r[0], tuple(r[1])) for r in recorded] == list(zip(where, identities, strict=True))
            hashes = [r[2] for r in recorded]
            checked = store.meta("checked")
        except (DamagedIndexError, TypeError, IndexError, ValueError):  # not what footspine writes
            store.close()
            discard(target)
            return _build(labels, target, None, [])
        if unchanged and not _settling(identities, checked):
            return store
        store.close()
        checked = _now()
        inputs, identities = _read(labels)
        if hashes == [_digest(data) for _, data in inputs]:
            if unchanged and _settling(identities, checked):
                reopened = _open_existing(target)  # the same bytes, still settling: check again next run
            elif _refresh(target, labels, identities, hashes, checked):
                reopened = _open_existing(target)
            else:
                reopened = None
            if reopened is not None:
                return reopened
        return _build(labels, target, inputs, identities)
    return _build(labels, target, None, [])  # `before` comes from the files as they are read


SETTLING_NS = 120 * 10**9
"""How long after a file's last recorded change its bytes may still change unseen. A write
through a memory map changes the times only when a clean page is first written; further writes
to that page change the bytes and no time until the kernel writes the page back (within about
35 seconds by Linux's defaults). An index checked less than this long after a source's
modification or change time is checked again, by content, until it is older than that."""


def _settling(identities: list[Identity], checked: object) -> bool:
    """Whether a source changed so shortly before the index last read it that its bytes may
    have changed since without its times showing it."""
    if not isinstance(checked, int):
        return True  # an index from before this check: read the files once more
    return any(max(ident[3], ident[4]) > checked - SETTLING_NS for ident in identities)


def _now() -> int:
    import time

    return time.time_ns()


def _index_name(where: list[str]) -> str:
    """Named after the sources' paths and the build. A 64-bit FNV hash rather than a SHA: the
    name only spreads indexes over files, and `hashlib` would cost ~3 ms on every run; the
    index itself records its sources, which are checked before it is used."""
    key = "\0".join([BUILD_TAG, *where]).encode("utf-8", "surrogateescape")
    return f"{PREFIX}{_fnv1a(key):016x}{SUFFIX}"


def _fnv1a(data: bytes) -> int:
    """64-bit FNV-1a: a few lines of arithmetic instead of importing a hash module every run."""
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _read(labels: list[str]) -> tuple[list[tuple[str, bytes]], list[Identity]]:
    """The files' bytes, and the identity of each file as opened (not as a path was before)."""
    from footspine.knowledge.reading import read_all

    opened: list[tuple[int, ...]] = []
    inputs = read_all(labels, opened)
    return inputs, [(i[0], i[1], i[2], i[3], i[4]) for i in opened]


def sqlite_uri(path: str, mode: str) -> str:
    """A `file:` URI for any path: '%', '?' and '#' in a folder name are data, not URI syntax."""
    quoted = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?mode={mode}"


def _open_existing(target: str) -> Store | None:
    """The index at `target`, opened read-only and checked, or None when there is none to use."""
    if not _ours(target):
        return None  # missing, or not a plain file of ours: leave it, and build in memory this time
    try:
        connection = sqlite3.connect(sqlite_uri(target, "ro"), uri=True)
    except sqlite3.Error:
        return None
    store = Store(connection, target)
    try:
        if store.meta("complete") == 1 and store.meta("build") == BUILD_TAG:
            return store
    except sqlite3.DatabaseError as error:
        store.close()
        if is_corruption(error) or "no such table" in str(error):
            discard(target)
        return None
    except DamagedIndexError:
        store.close()
        discard(target)
        return None
    store.close()
    return None


def _refresh(target: str, labels: list[str], identities: list[Identity], hashes: list[str], checked: int) -> bool:
    """Same bytes, new identity (a touch, a copy) or a settled file: record the identity and when
    the bytes were last read, keep the compiled tables. The index is copied, updated and renamed
    into place, never written where it lies: another run may be reading it, and must see the
    whole old index or the whole new one."""
    import shutil
    import tempfile

    from footspine.knowledge.index import pack

    triples = zip(labels, identities, hashes, strict=True)
    sources = [[os.path.abspath(label), list(ident), digest] for label, ident, digest in triples]
    try:
        handle, temporary = tempfile.mkstemp(prefix=BUILDING, suffix=SUFFIX, dir=os.path.dirname(target))
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as copy, open(target, "rb") as original:
            shutil.copyfileobj(original, copy)
        connection = sqlite3.connect(temporary)
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("UPDATE meta SET value = ? WHERE key = 'sources'", (pack(sources),))
        connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('checked', ?)", (pack(checked),))
        connection.commit()
        connection.close()
        os.replace(temporary, target)
    except (OSError, sqlite3.Error):
        discard(temporary)
        return False
    return True


def _build(
    labels: list[str], target: str | None, inputs: list[tuple[str, bytes]] | None, before: list[Identity]
) -> Store:
    """Compile the files. `before` are their identities as opened, taken before they were read
    (from the descriptor, so a switched symlink cannot pair one file's identity with another's
    bytes); a file changed while it is read is recorded with its old identity and compiled again
    next time."""
    from footspine.knowledge import files  # imports yaml: only when the index must be built
    from footspine.knowledge.model import COLLECTIONS

    checked = _now()
    if inputs is None:
        inputs, before = _read(labels)
    knowledge, locations = files.load(inputs)
    position = {label: str(number) for number, (label, _) in enumerate(inputs)}  # a file named twice: the later
    origins = {
        id(entry): position.get(locations.file_of(entry), "?")
        for collection in COLLECTIONS
        for entry in getattr(knowledge, collection)
    }
    if target is not None:
        sources = [
            [os.path.abspath(label), list(ident), _digest(data)]
            for (label, data), ident in zip(inputs, before, strict=True)
        ]
        store = _write(knowledge, origins, target, {"sources": sources, "compiled": _now(), "checked": checked})
        if store is not None:
            return store
    return Store(write_index(knowledge, origins, None))


def _write(knowledge: object, origins: dict[int, str], target: str, meta: dict[str, object]) -> Store | None:
    """Build into a new file of our own (O_EXCL, 0600) and rename it over the old index."""
    import tempfile

    folder = os.path.dirname(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=BUILDING, suffix=SUFFIX, dir=folder)
    except OSError:
        return None
    os.close(handle)
    try:
        connection = write_index(knowledge, origins, temporary, meta)  # type: ignore[arg-type]
        connection.close()
        if os.path.lexists(target) and not _ours(target):
            discard(temporary)  # someone else's file, or a link, under our index's name: leave it
            return None
        os.replace(temporary, target)
    except (OSError, sqlite3.Error):
        discard(temporary)
        return None
    except BaseException:
        discard(temporary)
        raise
    _prune(folder, keep=target)
    return _open_existing(target)


def _ours(path: str) -> bool:
    """A plain file (not a symlink) owned by this user: the only kind footspine may replace or
    remove, even when its name looks like one footspine makes."""
    import stat

    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (not hasattr(os, "geteuid") or info.st_uid == os.geteuid())


def discard(index: str) -> None:
    """Remove an index footspine made (never any other file)."""
    name = os.path.basename(index)
    if name.endswith(SUFFIX) and name.startswith((PREFIX, BUILDING)) and _ours(index):
        try:
            os.unlink(index)
        except OSError:
            pass


def _prune(folder: str, keep: str) -> None:
    """Keep the newest KEEP_INDEXES of our own indexes; temporary files older than an hour go."""
    import time

    try:
        names = os.listdir(folder)
    except OSError:
        return
    indexes: list[tuple[float, str]] = []
    for name in names:
        path = os.path.join(folder, name)
        if not name.endswith(SUFFIX) or not name.startswith((PREFIX, BUILDING)) or path == keep:
            continue
        try:
            modified = os.lstat(path).st_mtime
        except OSError:
            continue
        if name.startswith(BUILDING):
            if modified < time.time() - 3600:
                discard(path)  # left by a build that was killed
        else:
            indexes.append((modified, path))
    for _, path in sorted(indexes, reverse=True)[KEEP_INDEXES - 1 :]:
        discard(path)


@dataclass(frozen=True, slots=True)
class Summary:
    files: list[str]
    conditions: int
    mechanisms: int
    treatments: int
    roots: int
    red_flags: int
    sources: int


def validate_files(paths: Sequence[str | os.PathLike[str]]) -> Summary:
    """Parse and check every file from scratch (never from the index); raises KnowledgeError."""
    from footspine.knowledge import files

    knowledge, _ = files.load(_read([os.fspath(p) for p in paths])[0])
    return Summary(
        files=[shown(os.fspath(p)) for p in paths],
        conditions=len(knowledge.conditions),
        mechanisms=len(knowledge.mechanisms),
        treatments=len(knowledge.treatments),
        roots=len(knowledge.roots),
        red_flags=len(knowledge.red_flags),
        sources=len(knowledge.sources),
    )
