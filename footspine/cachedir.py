"""Where footspine keeps its compiled index, and the checks that make that folder safe to use.

The cache holds what footspine shows people about their health, so nobody else may be able to
put a file there or swap one: the folder is created 0700 and, before each use, must be a real
folder (not a symlink), owned by this user and writable by nobody else, and the same holds for
its `index` subfolder. Otherwise footspine answers without a cache, and says why once.
"""

from __future__ import annotations

import os
import stat
import sys

from footspine.knowledge.reading import shown

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Mapping


def cache_root(env: Mapping[str, str]) -> str | None:
    """FOOTSPINE_CACHE_DIR, else the platform's user cache folder; None disables caching.

    An empty FOOTSPINE_CACHE_DIR turns caching off. With no HOME and no XDG_CACHE_HOME there
    is nowhere safe to write, so footspine runs uncached rather than guess; a relative HOME or
    XDG_CACHE_HOME would put a cache in whatever folder footspine was run from, so it counts as
    none.
    """
    override = env.get("FOOTSPINE_CACHE_DIR")
    if override is not None:
        if not override:
            return None
        try:
            return os.path.abspath(override)
        except OSError:  # relative, and the working folder has been deleted
            gone = "the working folder no longer exists"
            _say_once(f"cannot use the cache folder {shown(override)}: {gone}; answering without a cache")
            return None
    if sys.platform == "win32":
        base = env.get("LOCALAPPDATA")
        return os.path.join(base, "footspine", "Cache") if base and os.path.isabs(base) else None
    home = env.get("HOME", "")
    if sys.platform == "darwin" and os.path.isabs(home):
        return os.path.join(home, "Library", "Caches", "footspine")
    xdg = env.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "footspine")
    return os.path.join(home, ".cache", "footspine") if os.path.isabs(home) else None


def index_folder(env: Mapping[str, str]) -> str | None:
    """The verified `index` folder to read and write, or None (then say why, once, on stderr)."""
    root = cache_root(env)
    if root is None:
        return None
    folder = os.path.join(root, "index")
    try:
        for path in (root, folder):
            if not os.path.lexists(path):
                _make_private(path)
            problem = unsafe(path)
            if problem:
                _say_once(f"not using the cache folder {shown(path)}: {problem}; answering without a cache")
                return None
    except OSError as error:
        _say_once(f"cannot use the cache folder {shown(root)}: {error.strerror or error}; answering without a cache")
        return None
    return folder


def _make_private(path: str) -> None:
    """Create the folder and any missing folder above it as 0700. `makedirs`'s mode applies
    only to the last folder; the ones above follow the umask, which may be 000 (then they
    would be open to every user's writes)."""
    previous = os.umask(0o077)
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
    finally:
        os.umask(previous)


def unsafe(path: str) -> str:
    """Why `path` is not a private folder of this user's (empty when it is)."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return "it belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "other users can write to it"
    return ""


_said: set[str] = set()


def _say_once(message: str) -> None:
    if message not in _said:
        _said.add(message)
        try:
            sys.stderr.write(f"footspine: {message}\n")
        except (OSError, ValueError, UnicodeError):
            pass
