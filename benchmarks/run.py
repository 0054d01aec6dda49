"""Side-by-side speed benchmark: footspine against the interpreter and a peer, as ratios.

    python benchmarks/run.py            # full run: 5,000-condition file, 15 timed runs each
    python benchmarks/run.py --quick    # CI: 300 conditions, 3 runs; proves it works, judges nothing

Every command runs as a whole process, several times after a warm-up, in one session on one
machine, in rounds with the command it is compared with (`side_by_side`); the table shows
medians and the ratio each target is judged by. Timings are never asserted by the test suite:
machines are shared and noisy, ratios measured side by side are not.
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


@dataclass
class Timed:
    """One command of a row: `make(n)` gives run n its own command line and environment, so
    every run asks a question no earlier run asked (another condition, another terminal width,
    another prefix): what a person feels, not a replay."""

    make: Callable[[int], Command]
    before: Callable[[], None] | None = None  # run untimed before each run (an edit to the file)
    codes: tuple[int, ...] = (0,)  # exit statuses that are the documented answer


def side_by_side(*commands: Timed, runs: int) -> list[float]:
    """Median wall time of each command over `runs` whole processes, taken in rounds: every
    round runs each command once, starting from a different one each round. A busy or a quiet
    moment of a shared machine then falls on a command and the one it is compared with alike,
    so their ratio measures the program, not when in a long session it happened to run."""

    def once(command: Timed, number: int) -> float:
        if command.before is not None:
            command.before()
        argv, env = command.make(number)
        start = time.perf_counter()
        result = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode not in command.codes:
            raise SystemExit(
                f"benchmark command failed ({result.returncode}): {' '.join(argv)}\n{result.stderr.decode()}"
            )
        return elapsed

    for command in commands:
        once(command, -1)  # warm-up: file caches, .pyc files, and footspine's compiled index
    times: list[list[float]] = [[] for _ in commands]
    for number in range(runs):
        for turn in range(len(commands)):
            which = (number + turn) % len(commands)
            times[which].append(once(commands[which], number))
    return [statistics.median(spent) for spent in times]


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
    base: float  # the median of what it is compared with, timed in the same rounds
    target: float | None

    @property
    def ratio(self) -> float:
        return self.seconds / self.base

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
        interpreter = Timed(fixed([sys.executable, "-c", "pass"]))
        rows: list[Row] = []

        def add(what: str, seconds: float, against: str, base: float, target: float | None) -> None:
            rows.append(Row(what, seconds, against, base, target))

        explain = Timed(question("--color", "always"))
        peers = [Timed(fixed([tldr, "--color", "--render", str(page)]))] if tldr else []
        python, explain_s, *peer_s = side_by_side(interpreter, explain, *peers, runs=runs)
        add("new explain --color always (terminal styling)", explain_s, "python -c pass", python, 3.0)
        for peer in peer_s:
            add("  same, against the tldr client rendering a page", explain_s, "tldr --color --render", peer, 0.5)
            add("tldr --color --render PAGE.md (the peer)", peer, "python -c pass", python, None)
        if not peers:
            print("tldr is not installed (pip install '.[bench]'): the peer row is skipped")
        python, piped_s = side_by_side(interpreter, Timed(question()), runs=runs)
        add("new explain, piped (plain text)", piped_s, "python -c pass", python, 2.5)

        prefixes = sorted({name[:length] for name in conditions_shipped for length in (1, 2, 3, 5)})

        def completion(number: int) -> Command:
            prefix = prefixes[number % len(prefixes)]
            words = f"footspine explain {prefix}"
            return [footspine], {**env, "_FOOTSPINE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "2"}

        python, complete_s = side_by_side(interpreter, Timed(completion), runs=runs)
        add("TAB completion of a new prefix", complete_s, "python -c pass", python, 2.5)

        count = len(conditions_shipped)
        step = max((conditions - count) // (runs + 1), 1)
        big_ids = [
            f"{conditions_shipped[n % count]}-v{n}" for n in range(count, conditions, step)
        ] or conditions_shipped
        with big.open("a") as handle:
            handle.write("# an edit, so the rows below start inside the settling window\n")
        subprocess.run([footspine, "--data", str(big), "list"], env=env, capture_output=True, check=True)  # builds
        big_explain = Timed(question("--color", "always", data=big, ids=big_ids))
        shipped_before_s, fresh_s = side_by_side(explain, big_explain, runs=runs)
        settle(big)
        shipped_s, big_explain_s = side_by_side(explain, big_explain, runs=runs)
        add(f"{conditions} conditions: new explain", big_explain_s, "new explain, shipped file", shipped_s, 1.2)
        recent = f"{conditions} conditions: new explain, file edited < {SETTLING_NS // 10**9} s ago"
        add(recent, fresh_s, "new explain, shipped file", shipped_before_s, None)
        styled_list = Timed(fixed([footspine, "list", "--color", "always"]))
        big_list = Timed(fixed([footspine, "--data", str(big), "list", "--color", "always"]))
        styled_list_s, big_list_s = side_by_side(styled_list, big_list, runs=runs)
        add(f"{conditions} conditions: styled list", big_list_s, "styled list, shipped file", styled_list_s, 3.0)
        words = ["numb toes", "burning sole", "cant lift foot", "calf pain walking", "heel pain morning"]

        def search(number: int) -> Command:
            said = words[number % len(words)].split()
            return [footspine, "--data", str(big), "search", *said], env

        python, big_search_s = side_by_side(interpreter, Timed(search), runs=runs)
        add(f"{conditions} conditions: new search", big_search_s, "python -c pass", python, None)

        def miss(number: int) -> Command:
            name = conditions_shipped[number % len(conditions_shipped)]
            return [footspine, "--data", str(big), "explain", name[::-1]], env

        big_explain_s, big_miss_s = side_by_side(big_explain, Timed(miss, codes=(1,)), runs=runs)
        add(
            f"{conditions} conditions: a misspelt name (suggestions)",
            big_miss_s,
            "new explain, this file",
            big_explain_s,
            None,
        )

        load = [
            sys.executable,
            "-c",
            f"import yaml; yaml.load(open({str(big)!r}, encoding='utf-8'), Loader=yaml.CSafeLoader)",
        ]
        counter = [0]

        def change() -> None:
            counter[0] += 1
            with big.open("a") as handle:
                handle.write(f"# edit {counter[0]}\n")

        parse_s, validate_s, first_s = side_by_side(
            Timed(fixed(load)),
            Timed(fixed([footspine, "validate", str(big)])),
            Timed(question("--color", "always", data=big, ids=big_ids), before=change),
            runs=runs,
        )
        rows.append(Row(f"PyYAML C loader parsing the {conditions}-condition file", parse_s, "", parse_s, None))
        add(f"{conditions} conditions: validate", validate_s, "PyYAML C loader alone", parse_s, 1.5)
        add(f"{conditions} conditions: first explain after a change", first_s, "PyYAML C loader alone", parse_s, 1.5)
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
        print("Each ratio divides two medians timed in the same rounds (see side_by_side).")
        print()
        head = f"| {'what':<55} | {'median':>10} | {'compared with, its median':<40} | {'ratio':>6} | {'target':>7}"
        print(f"{head} | {'':6} |")
        print(f"|{'-' * 57}|{'-' * 12}|{'-' * 42}|{'-' * 8}|{'-' * 9}|{'-' * 8}|")
        for row in rows:
            target = f"<= {row.target:g}" if row.target is not None else ""
            ratio = f"{row.ratio:.2f}" if row.against else ""
            against = f"{row.against}, {row.base * 1000:.1f} ms" if row.against else ""
            verdict = "" if args.quick else row.verdict
            print(
                f"| {row.what:<55} | {row.seconds * 1000:7.1f} ms | {against:<40} | {ratio:>6} | {target:>7} "
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
