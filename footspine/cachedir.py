"""Where footspine keeps its compiled index and cached answers (stdlib only, no pathlib).

The fast path imports this before anything else, so it must stay cheap to import.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def cache_root(env: Mapping[str, str]) -> str | None:
    """FOOTSPINE_CACHE_DIR, else the platform's user cache folder; None disables caching.

    An empty FOOTSPINE_CACHE_DIR turns caching off. With no HOME and no XDG_CACHE_HOME there
    is nowhere safe to write, so footspine runs uncached rather than guess.
    """
    override = env.get("FOOTSPINE_CACHE_DIR")
    if override is not None:
        return os.path.abspath(override) if override else None
    if sys.platform == "win32":
        base = env.get("LOCALAPPDATA")
        return os.path.join(base, "footspine", "Cache") if base else None
    if sys.platform == "darwin" and env.get("HOME"):
        return os.path.join(env["HOME"], "Library", "Caches", "footspine")
    xdg = env.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "footspine")
    home = env.get("HOME")
    return os.path.join(home, ".cache", "footspine") if home else None
