"""Make the README's pictures from the real program: the terminal view and the printed handout.

    python docs/screenshots.py

Needs headless Chromium and poppler-utils (Debian: apt-get install chromium poppler-utils).
The terminal picture is the first screen of `footspine explain sciatica` at 80 columns, in
colour, drawn by Rich's own SVG export and photographed by Chromium; the handout pictures are
the two pages Chromium prints for `footspine explain sciatica --format html`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

DOCS = Path(__file__).parent
LINES = 48
BROWSER = [
    shutil.which("chromium") or shutil.which("chromium-browser") or "chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
]


def footspine(*args: str, **env: str) -> str:
    command = [sys.executable, "-m", "footspine", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, env={**os.environ, **env}).stdout


def terminal(work: Path) -> None:
    shown = footspine("explain", "sciatica", "--color", "always", "--no-pager", COLUMNS="80", FORCE_COLOR="1")
    console = Console(record=True, width=80, file=open(os.devnull, "w"), force_terminal=True)  # noqa: SIM115
    console.print(Text.from_ansi("\n".join(shown.splitlines()[:LINES])))
    svg = work / "terminal.svg"
    svg.write_text(console.export_svg(title="footspine explain sciatica"))
    png = DOCS / "terminal-explain-sciatica.png"
    subprocess.run([*BROWSER, "--window-size=1000,1250", f"--screenshot={png}", svg.as_uri()], check=True)


def handout(work: Path) -> None:
    page = work / "sciatica.html"
    page.write_text(footspine("explain", "sciatica", "--format", "html"))
    pdf = work / "sciatica.pdf"
    subprocess.run([*BROWSER, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()], check=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(DOCS / "handout-sciatica")], check=True)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        terminal(Path(folder))
        handout(Path(folder))
