"""Open the knowledge for a command: from the compiled index when one matches, else compile it.

The first run after an install or an edit pays for parsing and validating once; every run
after that reads the index. A missing or unwritable cache only costs speed: the index is then
built in memory for this run.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from footspine.knowledge.index import Store, index_key, write_index
from footspine.knowledge.model import COLLECTIONS
from footspine.knowledge.reading import read_all
from footspine.record import dataclass

KEEP_INDEXES = 8
"""Old indexes (from earlier versions of the data) kept before the oldest are removed."""


def open_store(paths: list[Path], cache_root: Path | None) -> Store:
    """The index for these files; parses YAML (importing it) only when no index matches."""
    inputs = read_all(paths)
    key = index_key(inputs)
    target = cache_root / "index" / f"{key}.sqlite" if cache_root is not None else None
    if target is not None and _exists(target):
        try:
            return Store(sqlite3.connect(f"file:{target}?mode=ro", uri=True))
        except sqlite3.DatabaseError:
            discard(target)  # corrupt, half-written or unreadable: rebuild it
    from footspine.knowledge import files  # imports yaml: only when the index must be built

    knowledge, locations = files.load(inputs)
    origins = {
        id(entry): locations.file_of(entry) for collection in COLLECTIONS for entry in getattr(knowledge, collection)
    }
    try:
        connection = write_index(knowledge, origins, target)
    except (OSError, sqlite3.Error):
        connection = write_index(knowledge, origins, None)
    else:
        if target is not None:
            _prune(target.parent, keep=target)
    return Store(connection)


def _exists(index: Path) -> bool:
    """Path.is_file raises on a cache folder we may not enter (Python 3.11); that is a miss."""
    try:
        return index.is_file()
    except OSError:
        return False


def discard(index: Path) -> None:
    with contextlib.suppress(OSError):
        index.unlink()


def _prune(directory: Path, keep: Path) -> None:
    with contextlib.suppress(OSError):
        indexes = sorted(directory.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in indexes[KEEP_INDEXES:]:
            if old != keep:
                discard(old)


@dataclass(frozen=True, slots=True)
class Summary:
    files: list[str]
    conditions: int
    mechanisms: int
    treatments: int
    roots: int
    red_flags: int
    sources: int


def validate_files(paths: list[Path]) -> Summary:
    """Parse and check every file from scratch (never from the index); raises KnowledgeError."""
    from footspine.knowledge import files

    knowledge, _ = files.load(read_all(paths))
    return Summary(
        files=[os.fspath(p) for p in paths],
        conditions=len(knowledge.conditions),
        mechanisms=len(knowledge.mechanisms),
        treatments=len(knowledge.treatments),
        roots=len(knowledge.roots),
        red_flags=len(knowledge.red_flags),
        sources=len(knowledge.sources),
    )
