"""Which words of a description are denied ("no back pain", "bladder is fine").

People describe what they do not have as often as what they do, and a symptom search that
counts "no back pain" as back pain sends them to the wrong page. This follows the idea of
NegEx (Chapman et al., J Biomed Inform 2001): a cue word denies the words that follow it up
to the end of the clause, or up to a word that starts something new; a few cue words deny
what came before them ("bladder is fine"). It is grammar, not medicine, so it lives here and
not in the knowledge file; the phrases it applies to do live there.
"""

from __future__ import annotations

import re

from footspine.record import dataclass

DENY_AFTER = frozenset(
    {
        "no",
        "not",
        "without",
        "never",
        "nothing",
        "none",
        "nor",
        "neither",
        "dont",
        "didnt",
        "doesnt",
        "havent",
        "hasnt",
        "isnt",
        "arent",
        "wasnt",
        "denies",
        "deny",
    }
)
"""A word that denies what follows it: "no numbness", "without fever", "not in my back"."""

DENY_BEFORE = frozenset({"fine", "normal", "normally", "ok", "okay", "alright", "unaffected", "unchanged"})
"""A word that denies what came before it in the clause: "peeing is normal", "bowels fine"."""

SCOPE_ENDS = frozenset({"but", "and", "though", "although", "however", "except", "yet", "apart", "which", "since"})
"""Words that start a new statement: "no back pain but my feet are numb". "and" is one too:
"no back pain and my feet go numb" is common, and when "no fever and weight loss" is misread the
error is towards the warning sign, the safe side."""

DENY_BEFORE_REACH = 4
"""How many words before "fine" it still reaches: "my bladder and bowels are fine"."""

_CLAUSE = re.compile(r"[.,;:!?()\n]+|\s-\s")
_WORD = re.compile(r"[a-z0-9]+")

LOSS_WORDS = frozenset(
    {
        "feel", "feeling", "sensation", "sense", "able", "control", "hold", "move", "lift", "walk",
        "stand", "pee", "wee", "poo", "empty", "go", "strength", "power", "grip", "notice",
        "stop", "start", "get", "bend", "push", "know", "realise", "realize", "tell", "urge", "signal",
        "buckling", "buckle", "giving", "emptying", "passed", "peed", "finished", "come", "comes",
        "came", "coming", "happened", "works", "work",
    }
)  # fmt: skip
"""After a cue, these make it a symptom, not a denial: "no feeling down below", "not able to
pee", "didnt feel the toilet paper", "no control of my bladder". Misreading one of those as a
denial would hide an emergency, so the cue is ignored whenever one follows it."""


@dataclass(frozen=True, slots=True)
class Word:
    """One word as typed, folded, with whether the sentence denies it."""

    text: str
    denied: bool
    clause: int


def words(text: str) -> list[Word]:
    """The words of `text`, folded ("Can't" -> "cant"), each marked denied or not."""
    folded = _fold(text)
    result: list[Word] = []
    for number, clause in enumerate(_CLAUSE.split(folded)):
        tokens = _WORD.findall(clause)
        denied = [False] * len(tokens)
        denying = False
        for i, token in enumerate(tokens):
            if token in DENY_AFTER and not _loss(tokens, i):
                denying = True
                denied[i] = True
                continue
            if token in SCOPE_ENDS:
                denying = False
            if token in DENY_BEFORE:
                start = max(0, i - DENY_BEFORE_REACH)
                for j in range(i - 1, start - 1, -1):
                    if tokens[j] in SCOPE_ENDS - {"and"} or tokens[j] in DENY_AFTER:
                        break
                    denied[j] = True
                denied[i] = True
                continue
            denied[i] = denied[i] or denying
        result += [Word(t, d, number) for t, d in zip(tokens, denied, strict=True)]
    return result


FILLERS = frozenset(
    {"seem", "seems", "seemed", "to", "really", "ever", "even", "actually", "properly", "quite", "any", "had", "been"}
)
"""Words between a cue and what it says is lost: "dont seem to get the signal", "not really able"."""

SYMPTOMS = frozenset(
    {
        "numb", "numbness", "tingling", "tingly", "tingle", "pins", "weak", "weakness", "pain",
        "pains", "painful", "sore", "ache", "aches", "aching", "cramp", "cramps", "burning", "odd",
        "strange", "different", "unwell", "ill",
    }
)  # fmt: skip
"""After "feel" or "get", a symptom makes the cue a denial again: "I dont feel numb", "I dont
get tingling", "I dont seem to feel any numbness"; "I dont feel the paper" stays a loss."""

LOST = frozenset({"lost", "lose", "losing", "loss"})
"""A cue before these denies the loss: "I havent lost control", "no loss of feeling"."""


def _fold(text: str) -> str:
    return text.casefold().replace("'", "").replace("\u2019", "")


def plain_words(text: str) -> list[str]:
    """The words of `text` as the check compares them: folded, no apostrophes ("Can't" -> "cant")."""
    return _WORD.findall(_fold(text))


def _loss(tokens: list[str], i: int) -> bool:
    """Whether the cue at `i` describes a loss ("no feeling", "not able to pee", "dont seem to
    get the urge") rather than denying what follows ("dont feel numb", "havent lost control")."""
    after = [t for t in tokens[i + 1 : i + 8] if t not in FILLERS]
    if after[:1] and after[0] in LOST:
        return False
    for k, token in enumerate(after[:2]):
        if token in LOSS_WORDS:
            following = after[k + 1] if k + 1 < len(after) else ""
            return following not in SYMPTOMS
    return False


def affirmed(text: str) -> str:
    """`text` with the denied words and the cue words left out: what was said to be there."""
    return " ".join(w.text for w in words(text) if not w.denied)
