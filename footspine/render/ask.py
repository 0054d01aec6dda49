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
from footspine.triage import Interview, Question, plausible_age

Reply = bool | list[Finding] | int | None

YES = {"y", "yes", "yeah", "yep", "yup", "ya", "aye", "true"}
NO = {"n", "no", "nope", "nah", "false"}
LEANING_YES = {
    "i think so", "think so", "probably", "a bit", "a little", "a little bit", "slightly", "sort of",
    "kind of", "kinda", "sorta", "sometimes", "i guess", "i guess so", "some", "a little yes",
}  # fmt: skip
"""Half a yes is a yes: a little numbness where a warning sign is asked about is that sign."""
LEANING_NO = {
    "not really", "probably not", "i dont think so", "dont think so", "not that i know",
    "not that i know of", "not that ive noticed", "i dont believe so", "hardly",
}  # fmt: skip
"""Half a no: a no to an ordinary question, but "not sure" to a warning sign, where the check
errs towards the more urgent advice."""
SKIP = {
    "", "?", "s", "skip", "dk", "dont know", "i dont know", "do not know", "i do not know", "idk",
    "dunno", "not sure", "unsure", "im not sure", "i am not sure", "maybe", "no idea", "no clue",
    "not certain", "cant say", "cannot say", "cant tell", "cannot tell", "cant remember",
    "i cant remember", "dont remember", "i dont remember",
}  # fmt: skip
"""Replies as people type them; each is compared after `_words` folds case, apostrophes and
trailing punctuation ("Not sure.", "I don't know", "Yeah!")."""
NONE_OF_THESE = {"n", "no", "none", "none of these", "none of them", "nowhere", "neither", "nothing"}
AGE_WORDS = {"i", "im", "am", "aged", "age", "year", "years", "yr", "yrs", "y", "old", "yo", "o", "just", "turned"}
"""Words around an age that say nothing more: "I'm 67", "67 years", "aged 67", "67 y/o"."""
_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
AGE_NUMBERS = {**{w: n for n, w in enumerate(_ONES)}, **{w: 10 * n for n, w in enumerate(_TENS, 2)}}
"""Ages written in words: "sixty", "sixty-seven"."""


def _words(text: str) -> str:
    """A reply folded for comparison: lower case, no apostrophes, no punctuation at either end,
    single spaces. A reply of punctuation alone ("...") stays as typed, so it is asked again."""
    folded = text.casefold().replace("'", "").replace("\u2019", "")
    words = " ".join(folded.strip(" \t.,!?;:").split())
    if words or not text.strip():
        return words
    return "?" if text.strip() == "?" else text.strip()


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
        if word in YES or word in LEANING_YES:
            return True, True
        if word in NO:
            return True, False
        if word in LEANING_NO:
            warning = question.finding is not None and question.finding.section == "warning"
            return True, None if warning else False
        return word in SKIP, None
    if question.kind == "age":
        if word in SKIP:
            return True, None
        age = _age(word)
        return (age is not None), age
    if word in SKIP or word in NONE_OF_THESE:
        return True, []
    parts = re.findall(r"[0-9]+|[a-z]+|\S", word)
    picks = [p for p in parts if p.isdecimal()]
    if not picks or any(not p.isdecimal() and p not in {"and", "&", "+", ",", "/", ";", "."} for p in parts):
        return False, None  # "2 but not 3" is asked again, not read as 2 and 3
    if not all(1 <= int(p) <= len(question.options) for p in picks):
        return False, None
    return True, [question.options[int(p) - 1] for p in dict.fromkeys(picks)]


def _age(word: str) -> int | None:
    """An age from a folded reply ("67", "I'm 67", "67 years old", "sixty-seven"), or None when
    anything else is there ("5 foot 7", "6.7", "1,234"), so it is asked again, not guessed."""
    spaced = re.sub(r"(?<=[a-z0-9])-(?=[a-z])|(?<=[0-9])(?=[a-z])|/", " ", word)  # 67-year-old, 67yo, y/o
    parts = [p for p in spaced.split() if p not in AGE_WORDS]
    if len(parts) == 1 and parts[0].isascii() and parts[0].isdecimal():
        value = int(parts[0])
    elif parts and all(p in AGE_NUMBERS for p in parts) and len(parts) <= 2:
        values = [AGE_NUMBERS[p] for p in parts]
        if len(values) == 2 and not (values[0] >= 20 and values[0] % 10 == 0 and 0 < values[1] < 10):
            return None  # "sixty seven" is 67; "seven sixty" is nothing
        value = sum(values)
    else:
        return None
    return plausible_age(value)
