"""The guided check's questions on a terminal: asked on stderr, so stdout carries only the answer.

Rich's prompt re-asks until a reply makes sense. Every question can be skipped (Enter or "?"
means "don't know"); end of input answers "don't know" to the rest; Ctrl-C is the CLI's to
handle (it leaves cleanly, saving nothing).
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.prompt import Prompt

from footspine.knowledge.model import Finding
from footspine.render import plain, views
from footspine.render.document import Document, Section
from footspine.triage import Interview, Question

Reply = bool | list[Finding] | int | None

YES = {"y", "yes"}
NO = {"n", "no"}
SKIP = {"", "?", "s", "skip", "dk", "dont know", "don't know"}


def run(interview: Interview, *, unicode: bool, width: int) -> None:
    """Ask until the interview has no more questions (or input ends)."""
    console = Console(stderr=True, highlight=False, width=width, soft_wrap=False)
    console.print(
        "A few questions. Answer y (yes), n (no), or press Enter if you don't know. "
        "Warning signs come first. Ctrl-C stops.",
        markup=False,
    )
    number = 0
    while (question := interview.next()) is not None:
        number += 1
        try:
            reply = _ask(console, question, number, unicode=unicode, width=width)
        except EOFError:
            return
        interview.answer(question, reply)


def _ask(console: Console, question: Question, number: int, *, unicode: bool, width: int) -> Reply:
    console.print()
    for line in views.check_question_lines(question, number):
        console.print(line, markup=False)
    if question.kind == "yes-no":
        while True:
            text = (
                Prompt.ask("  y, n, or Enter to skip", console=console, default="", show_default=False)
                .strip()
                .casefold()
            )
            if text in YES:
                return True
            if text in NO:
                return False
            if text in SKIP:
                return None
            console.print("  Please answer y, n, or press Enter to skip.", markup=False)
    if question.kind == "age":
        while True:
            text = Prompt.ask(
                "  age in years, or Enter to skip", console=console, default="", show_default=False
            ).strip()
            if text in SKIP:
                return None
            if text.isdigit() and 1 <= int(text) <= 120:
                return int(text)
            console.print("  Please type your age in years, or press Enter to skip.", markup=False)
    while True:
        text = Prompt.ask("  numbers, such as 1 3, or Enter to skip", console=console, default="", show_default=False)
        picks = re.findall(r"\d+", text)
        if not text.strip() or text.strip() in SKIP:
            return []
        if picks and all(1 <= int(p) <= len(question.options) for p in picks):
            chosen = [question.options[int(p) - 1] for p in dict.fromkeys(picks)]
            art = views.where_map(chosen)
            drawn = plain.render(Document("", sections=[Section("", [art])]), width=width, unicode=unicode)
            console.print(drawn.strip("\n"), markup=False)
            return chosen
        console.print(f"  Please type numbers from 1 to {len(question.options)}, or press Enter.", markup=False)
