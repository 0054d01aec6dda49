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


Command = tuple[list[str], dict[str, str]]


def median_seconds(make: Callable[[int], Command], runs: int, before: Callable[[], None] | None = None) -> float:
    """Median wall time of `runs` whole processes; `make(n)` gives run n its own command line
    and environment, so every run asks a question no earlier run asked (another condition,
    another terminal width, another prefix): what a person feels, not a replay."""

    def once(number: int) -> float:
        if before is not None:
            before()
        command, env = make(number)
        start = time.perf_counter()
        result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(
                f"benchmark command failed ({result.returncode}): {' '.join(command)}\n{result.stderr.decode()}"
            )
        return elapsed

    once(-1)  # warm-up: file caches, .pyc files, and footspine's compiled index
    return statistics.median(once(number) for number in range(runs))


def median_seconds_allowing(make: Callable[[int], Command], runs: int, codes: tuple[int, ...]) -> float:
    """As `median_seconds`, for a question whose documented answer is a non-zero exit (not found)."""

    def once(number: int) -> float:
        command, env = make(number)
        start = time.perf_counter()
        result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode not in codes:
            raise SystemExit(f"benchmark command failed ({result.returncode}): {' '.join(command)}")
        return elapsed

    once(-1)
    return statistics.median(once(number) for number in range(runs))


def peak_memory_kib(command: list[str], env: dict[str, str]) -> int:
    """The child's peak resident memory, measured by a fresh Python that only waits for it."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip())


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
        memory_rows: list[tuple[str, int, int]] = []

        conditions_shipped = [c["id"] for c in yaml.safe_load(SHIPPED.read_text())["conditions"]]
        widths = [72, 80, 90, 100, 110, 120, 132, 140, 160, 180]

        def fixed(command: list[str]) -> Callable[[int], Command]:
            return lambda number: (command, env)

        def question(*extra: str, data: Path | None = None, ids: list[str] | None = None) -> Callable[[int], Command]:
            """explain, a different condition and terminal width each run."""
            names = ids or conditions_shipped

            def make(number: int) -> Command:
                name = names[number % len(names)]
                width = widths[(number // len(names)) % len(widths)]
                head = [footspine, "--data", str(data)] if data else [footspine]
                return [*head, "explain", name, *extra], {**env, "COLUMNS": str(width)}

            return make

        from footspine.knowledge.access import SETTLING_NS
        from footspine.knowledge.reading import SHIPPED as INSTALLED

        def settle(path: Path | str) -> None:
            """Wait until a file changed more than SETTLING_NS ago: until then every run checks
            its bytes as well as its identity (a write through a memory map may not show in its
            times), which is measured separately below, not mixed into the steady rows."""
            info = os.stat(path)
            wait = (max(info.st_mtime_ns, info.st_ctime_ns) + SETTLING_NS) / 1e9 - time.time() + 1
            if wait > 0 and not args.quick:
                print(f"waiting {wait:.0f} s: {path} changed less than {SETTLING_NS // 10**9} s ago")
                time.sleep(wait)

        settle(INSTALLED)
        python = median_seconds(fixed([sys.executable, "-c", "pass"]), runs)
        rows: list[Row] = []

        def add(what: str, seconds: float, against: str, base: float, target: float | None) -> None:
            rows.append(Row(what, seconds, against, seconds / base, target))

        explain = median_seconds(question("--color", "always"), runs)
        add("new explain --color always (terminal styling)", explain, "python -c pass", python, 3.0)
        if tldr:
            peer = median_seconds(fixed([tldr, "--color", "--render", str(page)]), runs)
            add("  same, against the tldr client rendering a page", explain, "tldr --color --render", peer, 0.5)
            add("tldr --color --render PAGE.md (the peer)", peer, "python -c pass", python, None)
        else:
            print("tldr is not installed (pip install '.[bench]'): the peer row is skipped")
        piped = median_seconds(question(), runs)
        add("new explain, piped (plain text)", piped, "python -c pass", python, 2.5)

        prefixes = sorted({name[:length] for name in conditions_shipped for length in (1, 2, 3, 5)})

        def completion(number: int) -> Command:
            prefix = prefixes[number % len(prefixes)]
            words = f"footspine explain {prefix}"
            return [footspine], {**env, "_FOOTSPINE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "2"}

        complete = median_seconds(completion, runs)
        add("TAB completion of a new prefix", complete, "python -c pass", python, 2.5)

        styled_list = median_seconds(fixed([footspine, "list", "--color", "always"]), runs)
        count = len(conditions_shipped)
        step = max((conditions - count) // (runs + 1), 1)
        big_ids = [
            f"{conditions_shipped[n % count]}-v{n}" for n in range(count, conditions, step)
        ] or conditions_shipped
        with big.open("a") as handle:
            handle.write("# an edit, so the rows below start inside the settling window\n")
        subprocess.run([footspine, "--data", str(big), "list"], env=env, capture_output=True, check=True)  # builds
        fresh = median_seconds(question("--color", "always", data=big, ids=big_ids), runs)
        settle(big)
        big_explain = median_seconds(question("--color", "always", data=big, ids=big_ids), runs)
        add(f"{conditions} conditions: new explain", big_explain, "new explain, shipped file", explain, 1.2)
        add(
            f"{conditions} conditions: new explain, file edited < {SETTLING_NS // 10**9} s ago",
            fresh,
            "new explain, shipped file",
            explain,
            None,
        )
        big_list = median_seconds(fixed([footspine, "--data", str(big), "list", "--color", "always"]), runs)
        add(f"{conditions} conditions: styled list", big_list, "styled list, shipped file", styled_list, 3.0)
        words = ["numb toes", "burning sole", "cant lift foot", "calf pain walking", "heel pain morning"]

        def search(number: int) -> Command:
            said = words[number % len(words)].split()
            return [footspine, "--data", str(big), "search", *said], env

        big_search = median_seconds(search, runs)
        add(f"{conditions} conditions: new search", big_search, "python -c pass", python, None)

        def miss(number: int) -> Command:
            name = conditions_shipped[number % len(conditions_shipped)]
            return [footspine, "--data", str(big), "explain", name[::-1]], env

        big_miss = median_seconds_allowing(miss, runs, codes=(1,))
        add(
            f"{conditions} conditions: a misspelt name (suggestions)",
            big_miss,
            "new explain, this file",
            big_explain,
            None,
        )

        load = [
            sys.executable,
            "-c",
            f"import yaml; yaml.load(open({str(big)!r}, encoding='utf-8'), Loader=yaml.CSafeLoader)",
        ]
        parse = median_seconds(fixed(load), runs)
        rows.append(Row(f"PyYAML C loader parsing the {conditions}-condition file", parse, "", 1.0, None))
        validate = median_seconds(fixed([footspine, "validate", str(big)]), runs)
        add(f"{conditions} conditions: validate", validate, "PyYAML C loader alone", parse, 1.5)

        counter = [0]

        def change() -> None:
            counter[0] += 1
            with big.open("a") as handle:
                handle.write(f"# edit {counter[0]}\n")

        first = median_seconds(question("--color", "always", data=big, ids=big_ids), runs, before=change)
        add(f"{conditions} conditions: first explain after a change", first, "PyYAML C loader alone", parse, 1.5)
        loader_memory = peak_memory_kib(load, env)
        change()
        ours_memory = peak_memory_kib([footspine, "--data", str(big), "explain", "sciatica"], env)
        memory_rows.append((f"first explain after a change, {conditions} conditions", ours_memory, loader_memory))
        memory_rows.append(
            (
                f"validate, {conditions} conditions",
                peak_memory_kib([footspine, "validate", str(big)], env),
                loader_memory,
            )
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
        print()
        print("| peak memory | footspine | PyYAML C loader | ratio | target |")
        print("|---|---|---|---|---|")
        for what, ours, theirs in memory_rows:
            print(f"| {what} | {ours / 1024:.0f} MiB | {theirs / 1024:.0f} MiB | {ours / theirs:.2f} | <= 3 |")
        if args.quick:
            print("\nquick mode: the benchmark ran end to end; timings are not judged here.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
