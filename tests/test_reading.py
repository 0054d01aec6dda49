"""Read at a glance, print for a patient: the first screen, the pager, citations, colours, the handout."""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
from html.parser import HTMLParser
from pathlib import Path

import pytest

from footspine.knowledge.model import Knowledge
from footspine.render import settings
from footspine.render.citations import Citations
from footspine.render.footmap import ROOT_COLOURS

from .conftest import MINIMAL, CliRunner, app


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _spinal_ids(knowledge: Knowledge) -> list[str]:
    return [c.id for c in knowledge.conditions if c.kind in ("spinal", "emergency")]


# --- the first screen --------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["terminal", "text"])
def test_every_spinal_page_shows_the_emergency_signs_in_its_first_25_lines(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, knowledge: Knowledge, style: str
) -> None:
    if style == "terminal":
        monkeypatch.setenv("FORCE_COLOR", "1")
    for condition_id in _spinal_ids(knowledge):
        first = "\n".join(run(runner, "explain", condition_id).splitlines()[:25]).upper()
        assert "EMERGENCY" in first and "999" in first, condition_id


def test_every_page_opens_with_what_it_is_whether_it_is_the_back_and_what_to_do(
    runner: CliRunner, knowledge: Knowledge
) -> None:
    for condition in knowledge.conditions:
        text = run(runner, "explain", condition.id)
        order = [text.find(t) for t in ("What it is", "Does it come from your back?", "What to do now")]
        assert -1 not in order and order == sorted(order), condition.id
        assert len(condition.do_now) == 3, condition.id
        assert condition.from_the_spine.split(".")[0] in ("Yes", "No", "Sometimes"), condition.id
        what_to_do = text[order[2] :].split("\n\n")[0]
        assert " ".join(condition.do_now[0].split()[:4]) in " ".join(what_to_do.split()), condition.id


def test_brief_is_the_opening_map_help_and_treatments_without_the_long_sections(runner: CliRunner) -> None:
    brief = run(runner, "explain", "sciatica", "--brief")
    full = run(runner, "explain", "sciatica")
    for heading in ("What it is", "What to do now", "FRONT OF LEG", "When to get help", "Main treatments"):
        assert heading in brief
    for heading in ("What causes it", "Symptoms", "Sources", "Full list below"):
        assert heading not in brief
    assert len(brief.splitlines()) < len(full.splitlines()) / 2
    assert "footspine explain sciatica" in brief  # where the rest is


def test_treatments_are_one_line_each_by_default_and_the_evidence_is_under_details(runner: CliRunner) -> None:
    short = run(runner, "treatments", "herniated-disc")
    long = run(runner, "treatments", "herniated-disc", "--details")
    assert "Evidence:" not in short and "Evidence:" in long
    assert "--details" in short
    assert "- Staying active:" in short
    for tier in ("Self-care", "Therapy and exercise", "Surgery", "Advised against"):
        assert tier in short and tier in long
    assert len(short.splitlines()) * 2 < len(long.splitlines())


def test_red_flags_say_each_action_once_per_group(clean_environment: Path) -> None:
    from footspine import query
    from footspine.knowledge.access import open_store
    from footspine.knowledge.reading import SHIPPED
    from footspine.render import views
    from footspine.render.document import Bullets, Paragraph

    store = open_store([SHIPPED], clean_environment)
    try:
        view = query.red_flags(store)
    finally:
        store.close()
    doc = views.red_flags(view)
    boxes = [s for s in doc.sections if s.title != "Sources"]
    assert [s.title.split(":")[0] for s in boxes] == ["EMERGENCY", "Urgent", "See a doctor soon"]
    signs = 0
    for box in boxes:
        actions = [b.text.split(": ", 1)[1] for b in box.blocks if isinstance(b, Paragraph) and ": " in b.text]
        actions = [a for a in actions if not a.startswith("Call 999 (UK)")]
        assert len(actions) == len(set(actions)), box.title
        signs += sum(len(b.items) for b in box.blocks if isinstance(b, Bullets))
    assert signs == len(view.red_flags)
    assert len([a for b in boxes for a in b.blocks if isinstance(a, Paragraph)]) < len(view.red_flags)


# --- citations --------------------------------------------------------------------------------


CITED_IDS = re.compile(r"\((?:s\d+[a-z]?|nice-[a-z0-9-]+)(?:[,;)]| )")


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "sciatica", "--clinical"],
        ["explain", "herniated-disc", "--clinical"],
        ["treatments", "sciatica", "--details"],
        ["roots", "L5", "--clinical"],
        ["roots"],
        ["mechanisms", "root-compression", "--clinical"],
        ["red-flags"],
    ],
)
def test_citations_are_numbers_that_the_source_list_on_the_page_resolves(runner: CliRunner, args: list[str]) -> None:
    text = run(runner, *args)
    body, _, sources = text.rpartition("\nSources\n")
    assert sources, "no source list"
    assert not CITED_IDS.search(body), CITED_IDS.search(body)
    cited: set[int] = set()
    for marker in re.findall(r"\[(\d+(?:(?:, |\u2013)\d+)*)\]", body):
        for part in marker.split(", "):
            first, _, last = part.partition("\u2013")
            cited |= set(range(int(first), int(last or first) + 1))
    listed = {int(n) for n in re.findall(r"^\[(\d+)\] ", sources, re.M)}
    assert cited and cited == listed == set(range(1, len(listed) + 1))


def test_a_bracket_that_is_not_a_source_stays_as_it_is(knowledge: Knowledge) -> None:
    cite = Citations({s.id: s for s in knowledge.sources})
    assert cite.text("Pain (mostly at night).") == "Pain (mostly at night)."
    assert (
        cite.text("Reflex lost (s39; detail (standard teaching)).") == "Reflex lost [1] (detail (standard teaching))."
    )
    fresh = Citations({s.id: s for s in knowledge.sources})
    assert fresh.text("See (s1, s2f).") == "See [1, 2]."


def test_numbers_run_in_the_order_of_first_citation(knowledge: Knowledge) -> None:
    cite = Citations({s.id: s for s in knowledge.sources})
    assert cite.mark(["s6", "s1"]) == " [1, 2]"
    assert cite.mark(["s1", "s2f", "s7"]) == " [2\u20134]"
    assert cite.mark(["nonexistent"]) == ""


# --- colours ----------------------------------------------------------------------------------


def test_each_root_has_one_colour_in_the_map_the_key_the_paths_and_the_table(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    codes = {"bold blue": "1;34", "bold green": "1;32", "bold magenta": "1;35", "bold red": "1;31"}
    explain = run(runner, "explain", "sciatica", "--color", "always")
    roots = run(runner, "roots", "--color", "always")
    for root_id, name in (("l4", "L4"), ("l5", "L5"), ("s1", "S1")):
        code = codes[ROOT_COLOURS[root_id].terminal]
        assert f"\x1b[{code}m{name} nerve root" in explain, root_id  # the path
        assert re.search(rf"\x1b\[{code}m[░▒▓█]{{2}} {name}", explain), root_id  # the key
        assert f"\x1b[{code}m{name}" in roots, root_id  # the table
    assert len({c.terminal for c in ROOT_COLOURS.values()}) == len(ROOT_COLOURS)
    assert len({c.print for c in ROOT_COLOURS.values()}) == len(ROOT_COLOURS)


# --- the pager --------------------------------------------------------------------------------


def _decide(**overrides: object) -> settings.Output:
    options: dict[str, object] = {
        "format": "text",
        "color": "auto",
        "is_tty": True,
        "terminal_width": 80,
        "terminal_height": 24,
        "encoding": "utf-8",
        "env": {"LANG": "en_GB.UTF-8"},
    }
    options.update(overrides)
    return settings.decide(**options)  # type: ignore[arg-type]


def test_pager_is_less_on_a_terminal_and_nothing_when_piped_or_asked_not_to() -> None:
    assert _decide().pager == ("less", "-R")
    assert _decide(env={"PAGER": "most -s"}).pager == ("most", "-s")
    assert _decide(env={"PAGER": "cat"}).pager == ()
    assert _decide(env={"PAGER": ""}).pager == ()
    assert _decide(is_tty=False).pager == ()
    assert _decide(page=False).pager == ()
    assert _decide(format="json").pager == ()
    assert _decide(format="html").pager == ()
    assert _decide(env={"TERM": "dumb"}).pager == ()


def _on_a_terminal(args: list[str], env: dict[str, str], rows: int = 24) -> tuple[int, str]:
    """Run the real entry point with stdout on a pseudo-terminal of `rows` lines."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "footspine", *args], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=30), b"".join(chunks).decode("utf-8", "replace")


def _pager_env(tmp_path: Path) -> dict[str, str]:
    log = tmp_path / "paged.txt"
    pager = tmp_path / "pager"
    pager.write_text(f"#!/bin/sh\ncat > {log}\n")
    pager.chmod(0o755)
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "LANG": "en_GB.UTF-8",
        "FOOTSPINE_CACHE_DIR": str(tmp_path / "cache"),
        "PAGER": str(pager),
        "TERM": "xterm",
    }


def test_a_long_page_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    code, screen = _on_a_terminal(["explain", "sciatica"], _pager_env(tmp_path))
    assert code == 0
    paged = (tmp_path / "paged.txt").read_text()
    assert "Sciatica" in paged and "Sources" in paged
    assert "Sources" not in screen


def test_no_pager_and_a_short_page_print_straight(tmp_path: Path) -> None:
    env = _pager_env(tmp_path)
    code, screen = _on_a_terminal(["explain", "sciatica", "--no-pager"], env)
    assert code == 0 and "Sources" in screen
    assert not (tmp_path / "paged.txt").exists()
    code, screen = _on_a_terminal(["--version"], env)
    assert code == 0 and "footspine" in screen and not (tmp_path / "paged.txt").exists()


def test_a_pager_that_cannot_start_means_printing_straight(tmp_path: Path) -> None:
    env = {**_pager_env(tmp_path), "PAGER": str(tmp_path / "no-such-pager")}
    code, screen = _on_a_terminal(["explain", "sciatica"], env)
    assert code == 0 and "Sources" in screen


# --- the handout ------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "sciatica"],
        ["explain", "gout"],
        ["treatments", "sciatica"],
        ["roots"],
        ["roots", "S1"],
        ["red-flags"],
    ],
)
def test_handout_is_one_self_contained_page_with_no_commands(runner: CliRunner, args: list[str]) -> None:
    html = run(runner, *args, "-f", "html")
    assert html.isascii() and html.startswith("<!DOCTYPE html>")
    page = _parse(html)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    for name, value in page.attributes:
        if name in ("href", "src", "xlink:href"):
            assert (value or "").startswith("#"), (name, value)
    text = " ".join(" ".join(page.text).split())
    assert "footspine " not in text.replace("footspine is for learning", "")
    assert "999" in text
    first_section = html.index("<section")
    assert 'class="box emergency"' in html[first_section : first_section + 60]


def test_handout_links_each_citation_to_its_source(runner: CliRunner) -> None:
    html = run(runner, "explain", "sciatica", "-f", "html")
    cited: set[int] = set()
    for marker in re.findall(r"<sup>\[(.*?)\]</sup>", html):
        for part in re.sub(r"<[^>]+>", "", marker).replace("&#8211;", "\u2013").split(", "):
            first, _, last = part.partition("\u2013")
            cited |= set(range(int(first), int(last or first) + 1))
    listed = {int(n) for n in re.findall(r'id="source-(\d+)"', html)}
    linked = {int(n) for n in re.findall(r'href="#source-(\d+)"', html)}
    assert cited and cited == listed and linked <= listed


def test_handout_escapes_every_value(runner: CliRunner, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    text = MINIMAL.read_text().replace(
        "summary: Pain that runs from your lower back down your leg to your foot.",
        'summary: "Pain <script>alert(1)</script> & <b onmouseover=x>bold</b> [1] runs down your leg."',
    )
    hostile.write_text(text)
    html = run(runner, "--data", str(hostile), "explain", "sciatica", "-f", "html")
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onmouseover=x&gt;" in html


def test_the_handout_map_shades_each_root_with_its_own_pattern(runner: CliRunner) -> None:
    html = run(runner, "roots", "-f", "html")
    for root_id in ("l4", "l5", "s1", "s2-s4"):
        assert f'<pattern id="fill-{root_id}"' in html
        assert f'fill="url(#fill-{root_id})"' in html
    one = run(runner, "roots", "L4", "-f", "html")
    assert 'path d="M20 30 L60 30 L60 150 L36 150 L28 100 Z" fill="url(#fill-l4)"' in one
    assert "url(#fill-l5)" not in one.split("</defs>")[1].split('<ul class="key">')[0]


def test_html_is_refused_where_there_is_no_handout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "numb", "toe", "-f", "html"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "handout" in result.stderr and result.stdout == ""


# --- printed in a real browser ------------------------------------------------------------------

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or not POPPLER,
    reason="headless Chromium and poppler-utils are not installed (apt-get install chromium poppler-utils)",
)


def _print_to_pdf(html: str, tmp_path: Path, paper: str) -> Path:
    if paper == "A4":  # as a printer set to A4 would: the page size is the printer's choice
        html = html.replace("@page {", "@page { size: A4; ", 1)
    page = tmp_path / "handout.html"
    page.write_text(html)
    pdf = tmp_path / f"handout-{paper}.pdf"
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def _page_text(pdf: Path, page: int) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@needs_browser
@pytest.mark.parametrize("paper", ["Letter", "A4"])
@pytest.mark.parametrize("condition_id", ["sciatica", "herniated-disc", "cauda-equina-syndrome", "plantar-fasciitis"])
def test_a_condition_handout_prints_on_two_pages_with_the_emergency_signs_on_page_1(
    runner: CliRunner, tmp_path: Path, paper: str, condition_id: str
) -> None:
    pdf = _print_to_pdf(run(runner, "explain", condition_id, "-f", "html"), tmp_path, paper)
    assert _pdf_pages(pdf) <= 2
    first = " ".join(_page_text(pdf, 1).split())
    assert "go to A&E or the emergency department now" in first
    assert "999 (UK)" in first and "back passage" in first
    pages = [" ".join(_page_text(pdf, n).split()) for n in range(1, _pdf_pages(pdf) + 1)]
    assert "Sources" in " ".join(pages) and "footspine is for learning only" in pages[-1]
