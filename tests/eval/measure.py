"""Measure how footspine does on the lay-phrase set (search and explain), through the real CLI.

    python -m tests.eval.measure            # figures for tests/eval/lay_phrases.yaml
    python -m tests.eval.measure --misses   # and every phrase it got wrong
    python -m tests.eval.measure --holdout  # the second set, written later and never tuned to

The sets were written without reading the knowledge file (see SOURCES.md), so these figures
are not tuned to its wording. A phrase is right for search when any expected id is among the
first three condition results; for explain when the page opens (exit 0) on an expected id, or
an expected id is named in what it suggests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent


def footspine(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "footspine", *args], capture_output=True, text=True, env=env)


def search_top3(phrase: str) -> list[str]:
    done = footspine("search", *phrase.split(), "--format", "json")
    if done.returncode != 0:
        return []
    result = json.loads(done.stdout)["result"]
    return [h["id"] for h in result["hits"] if h["kind"] == "condition"][:3]


def explain_reaches(phrase: str, expected: list[str]) -> bool:
    done = footspine("explain", *phrase.split(), "--format", "json")
    if done.returncode == 0:
        result = json.loads(done.stdout)["result"]
        opened = result.get("condition", {}).get("id") or ""
        named = [m.get("id") for m in result.get("members", [])] if "members" in result else []
        return opened in expected or bool(set(named) & set(expected))
    return any(f"footspine explain {e}" in done.stderr or f"Did you mean: {e}" in done.stderr for e in expected)


def main() -> None:
    folder = HERE / "holdout" if "--holdout" in sys.argv else HERE
    phrases: list[dict[str, Any]] = yaml.safe_load((folder / "lay_phrases.yaml").read_text())
    search_right = explain_right = 0
    misses = []
    for item in phrases:
        expected = list(item["expect"])
        top3 = search_top3(item["phrase"])
        s_ok = bool(set(top3) & set(expected))
        e_ok = explain_reaches(item["phrase"], expected)
        search_right += s_ok
        explain_right += e_ok
        if not (s_ok and e_ok):
            misses.append((item["phrase"], expected, top3, s_ok, e_ok))
    total = len(phrases)
    print(f"lay phrases: {total}")
    print(f"search, an expected condition in the top 3: {search_right}/{total} = {100 * search_right / total:.1f}%")
    print(f"explain answers it or names it: {explain_right}/{total} = {100 * explain_right / total:.1f}%")
    if "--misses" in sys.argv:
        for phrase, expected, top3, s_ok, e_ok in misses:
            print(f"  {'S' if s_ok else '-'}{'E' if e_ok else '-'} {phrase!r}: expected {expected}, top 3 {top3}")


if __name__ == "__main__":
    main()
