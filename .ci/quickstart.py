"""Print command line N (1 or 2) of README's `## Quick start` block; exit 1 if it is malformed.

CI runs line 2 exactly as README shows it, so the documented command is the tested one.
"""

from __future__ import annotations

import sys
from pathlib import Path


def quickstart_lines(readme: str) -> list[str]:
    lines = readme.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().lower() == "## quick start")
    fence = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("```"))
    assert all(not line.strip() for line in lines[start + 1 : fence]), "the code block must follow the heading"
    end = next(i for i in range(fence + 1, len(lines)) if lines[i].startswith("```"))
    return [line for line in lines[fence + 1 : end] if line.strip() and not line.lstrip().startswith("#")]


if __name__ == "__main__":
    commands = quickstart_lines((Path(__file__).resolve().parent.parent / "README.md").read_text())
    if len(commands) != 2:
        sys.exit(f"README quick start must hold exactly two command lines, found {len(commands)}")
    print(commands[int(sys.argv[1]) - 1])
