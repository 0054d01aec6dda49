"""Side-by-side speed benchmark: footspine against the interpreter and a peer, as ratios.

    python benchmarks/run.py            # full run: 5,000-condition file, 15 timed runs each
    python benchmarks/run.py --quick    # CI: 300 conditions, 3 runs; proves it works, judges nothing

Every command runs as a whole process, several times after a warm-up, in one session on one
machine; the table shows medians and the ratio each target is judged by. Timings are never
asserted by the test suite: machines are shared and noisy, ratios measured side by side are not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "data" / "knowledge.yaml"
BIN = Path(sys.executable).parent

TLDR_PAGE = """# sciatica

> Pain that runs from the lower back down the leg to the foot, from an irritated nerve root.
> It usually gets better within weeks. More information: <https://www.nhs.uk/conditions/sciatica/>.

- See how it reaches the foot:

`footspine explain sciatica`

- List the treatments, from self-care to surgery:

`footspine treatments sciatica`

- Show where each nerve root is felt:

`footspine roots {{L5}}`

- Show the warning signs that need emergency care:

`footspine red-flags`

- Find a condition from symptoms:

`footspine search {{numb big toe}}`

- Print a handout:

`footspine explain sciatica --format markdown`
"""


def generate(target: Path, conditions: int) -> None:
    """A knowledge file of `conditions` entries: the shipped ones, renamed, over and over."""
    data = yaml.safe_load(SHIPPED.read_text())
    base = data["conditions"]
    grown = []
    for number in range(conditions):
        entry = dict(base[number % len(base)])
        if number >= len(base):
            suffix = f"-v{number}"
            entry["id"] = entry["id"] + suffix
            entry["name"] = f"{entry['name']} (variant {number})"
            entry["aliases"] = [f"{alias} variant {number}" for alias in entry.get("aliases", [])]
            entry["related"] = []
            entry["causes"] = [dict(c) for c in entry.get("causes", [])]
        grown.append(entry)
    data["conditions"] = grown
    target.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100))


class _NoAliases(yaml.SafeDumper):
    """Knowledge files may not use YAML aliases, so shared lists are written out in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def median_seconds(
    command: list[str], env: dict[str, str], runs: int, before: Callable[[], None] | None = None
) -> float:
    def once() -> float:
        if before is not None:
            before()
        start = time.perf_counter()
        result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode not in (0,):
            raise SystemExit(
                f"benchmark command failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode()}"
            )
        return elapsed

    once()  # warm-up: file caches, .pyc files, and footspine's own index and answers
    return statistics.median(once() for _ in range(runs))


@dataclass
class Row:
    what: str
    seconds: float
    against: str
    ratio: float
    target: float | None

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "meets" if self.ratio <= self.target else "MISSES"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small file, few runs: proves the benchmark works")
    parser.add_argument("--conditions", type=int, default=None)
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args()
    conditions = args.conditions or (300 if args.quick else 5000)
    runs = args.runs or (3 if args.quick else 15)

    footspine = shutil.which("footspine", path=str(BIN)) or "footspine"
    tldr = shutil.which("tldr", path=str(BIN)) or shutil.which("tldr")
    work = Path(tempfile.mkdtemp(prefix="footspine-bench-"))
    try:
        env = {
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "HOME": str(work),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "COLUMNS": "100",
            "FOOTSPINE_CACHE_DIR": str(work / "cache"),
        }
        big = work / "big.yaml"
        started = time.perf_counter()
        generate(big, conditions)
        size_mb = big.stat().st_size / 1e6
        print(
            f"generated {conditions} conditions ({size_mb:.1f} MB) in {time.perf_counter() - started:.1f} s; "
            f"{runs} runs per row"
        )
        page = work / "sciatica.md"
        page.write_text(TLDR_PAGE)
        time.sleep(2.1)  # footspine records answers only for data files older than 2 s ("racy git")

        python = median_seconds([sys.executable, "-c", "pass"], env, runs)
        rows: list[Row] = []

        def add(what: str, seconds: float, against: str, base: float, target: float | None) -> None:
            rows.append(Row(what, seconds, against, seconds / base, target))

        explain = median_seconds([footspine, "explain", "sciatica", "--color", "always"], env, runs)
        add("explain sciatica --color always (repeated)", explain, "python -c pass", python, 2.5)
        if tldr:
            peer = median_seconds([tldr, "--color", "--render", str(page)], env, runs)
            add("  same, against the tldr client rendering a page", explain, "tldr --color --render", peer, 0.5)
            add("tldr --color --render PAGE.md (the peer)", peer, "python -c pass", python, None)
        else:
            print("tldr is not installed (pip install '.[bench]'): the peer row is skipped")
        complete_env = {
            **env,
            "_FOOTSPINE_COMPLETE": "complete_bash",
            "COMP_WORDS": "footspine explain sci",
            "COMP_CWORD": "2",
        }
        complete = median_seconds([footspine], complete_env, runs)
        add("TAB completion of a condition name", complete, "python -c pass", python, 2.5)

        big_explain = median_seconds(
            [footspine, "--data", str(big), "explain", "sciatica", "--color", "always"], env, runs
        )
        add(f"{conditions} conditions: explain (repeated)", big_explain, "explain, shipped file", explain, 1.2)
        big_search = median_seconds([footspine, "--data", str(big), "search", "numb", "toes"], env, runs)
        add(f"{conditions} conditions: search numb toes (repeated)", big_search, "python -c pass", python, 3.0)

        parse = median_seconds(
            [
                sys.executable,
                "-c",
                f"import yaml; yaml.load(open({str(big)!r}, encoding='utf-8'), Loader=yaml.CSafeLoader)",
            ],
            env,
            runs,
        )
        rows.append(Row(f"PyYAML C loader parsing the {conditions}-condition file", parse, "", 1.0, None))
        validate = median_seconds([footspine, "validate", str(big)], env, runs)
        add(f"{conditions} conditions: validate", validate, "PyYAML C loader alone", parse, 1.5)

        counter = [0]

        def change() -> None:
            counter[0] += 1
            with big.open("a") as handle:
                handle.write(f"# edit {counter[0]}\n")

        first = median_seconds(
            [footspine, "--data", str(big), "explain", "sciatica", "--color", "always"], env, runs, before=change
        )
        add(f"{conditions} conditions: first explain after a change", first, "PyYAML C loader alone", parse, 1.5)
        uncached = median_seconds(
            [footspine, "--data", str(big), "explain", "sciatica", "--color", "always"],
            {**env, "FOOTSPINE_NO_FAST_PATH": "1"},
            runs,
        )
        add(
            f"{conditions} conditions: explain from the index, no answer cache",
            uncached,
            "python -c pass",
            python,
            None,
        )

        print()
        print(f"python -c pass: {python * 1000:.1f} ms (median)")
        print()
        print(f"| {'what':<55} | {'median':>9} | {'compared with':<28} | {'ratio':>6} | {'target':>7} | {'':6} |")
        print(f"|{'-' * 57}|{'-' * 11}|{'-' * 30}|{'-' * 8}|{'-' * 9}|{'-' * 8}|")
        for row in rows:
            target = f"<= {row.target:g}" if row.target is not None else ""
            ratio = f"{row.ratio:.2f}" if row.against else ""
            verdict = "" if args.quick else row.verdict
            print(
                f"| {row.what:<55} | {row.seconds * 1000:6.1f} ms | {row.against:<28} | {ratio:>6} | {target:>7} "
                f"| {verdict:6} |"
            )
        if args.quick:
            print("\nquick mode: the benchmark ran end to end; timings are not judged here.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
