"""The guided check's questions on a terminal: asked on stderr, so stdout carries only the answer.

A question is asked again until a reply makes sense, up to three times, and then counts as
"don't know". Every question can be skipped (Enter or "?" means "don't know"); end of input
answers "don't know" to the rest; Ctrl-C is the CLI's to
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

YES = {"y", "yes", "yeah", "yep", "yup", "ya", "aye", "true"}
NO = {"n", "no", "nope", "nah", "not really", "false"}
SKIP = {
    "", "?", "s", "skip", "dk", "dont know", "i dont know", "idk", "dunno", "not sure",
    "unsure", "im not sure", "maybe", "no idea", "not certain", "cant say", "cant tell",
}  # fmt: skip
"""Replies as people type them; each is compared after `_words` folds case, apostrophes and
trailing punctuation ("Not sure.", "I don't know", "Yeah!")."""


def _words(text: str) -> str:
    """A reply folded for comparison: lower case, no apostrophes, no punctuation at either end,
    single spaces."""
    folded = text.casefold().replace("'", "").replace("\u2019", "")
    return " ".join(folded.strip(" \t.,!?;:").split()) or ("?" if "?" in text else "")


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


TRIES = 3
"""Replies that make no sense before a question counts as "don't know": a person gets three
tries, and endless input that never fits (`yes | footspine check`) cannot keep the check asking
forever."""


def _ask(console: Console, question: Question, number: int, *, unicode: bool, width: int) -> Reply:
    console.print()
    for line in views.check_question_lines(question, number):
        console.print(line, markup=False)
    if question.kind == "yes-no":
        prompt, hint = "y, n, or Enter to skip", "Please answer y, n, or press Enter to skip."
    elif question.kind == "age":
        prompt, hint = "age in years, or Enter to skip", "Please type your age in years, or press Enter to skip."
    else:
        prompt = "numbers, such as 1 3, or Enter to skip"
        hint = f"Please type numbers from 1 to {len(question.options)}, or press Enter."
    for _ in range(TRIES):
        text = Prompt.ask(f"  {prompt}", console=console, default="", show_default=False)
        understood, reply = _read(question, text)
        if understood:
            if isinstance(reply, list) and reply:
                art = views.where_map(reply)
                drawn = plain.render(Document("", sections=[Section("", [art])]), width=width, unicode=unicode)
                console.print(drawn.strip("\n"), markup=False)
            return reply
        console.print(f"  {hint}", markup=False)
    console.print(f"  No answer fitted after {TRIES} tries: counted as don't know.", markup=False)
    return _read(question, "")[1]  # what Enter means: don't know


def _read(question: Question, text: str) -> tuple[bool, Reply]:
    """What a reply means for this question, and whether it meant anything at all."""
    word = _words(text)
    if question.kind == "yes-no":
        if word in YES or word in NO:
            return True, word in YES
        return word in SKIP, None
    if question.kind == "age":
        if word in SKIP:
            return True, None
        if word.isdigit():
            return (True, int(word)) if 1 <= int(word) <= 120 else (False, None)
        from footspine.triage import age_in  # "I'm 45", "45 years old"

        age = age_in(text)
        return (age is not None), age
    if word in SKIP:
        return True, []
    picks = re.findall(r"\d+", text)
    if picks and all(1 <= int(p) <= len(question.options) for p in picks):
        return True, [question.options[int(p) - 1] for p in dict.fromkeys(picks)]
    return False, None
