"""The guided check: from what a person says to how soon to get help, and what to read.

Pure reasoning, no terminal: the CLI asks the questions and a renderer shows the answer.

How it weighs. Each condition starts from prior odds set by how common it is among people who
look up foot and leg pain (its `prior`). Each finding the person confirmed multiplies the odds
by its likelihood ratio when present (`if_yes`), each finding they denied by its ratio when
absent (`if_no`); findings they skipped change nothing. This is the naive Bayes rule clinicians
use with the JAMA Rational Clinical Examination figures; it treats findings as independent, which
they are not, so the result is a ranking of what to read about, never a probability to act on.

How it decides urgency. Warning signs first: a sign is raised when every finding of one of its
`raised_by` sets was said, and its urgency is the floor. Then each finding's own floor ("it has
lasted more than six weeks": routine). Then the conditions: the urgency of the best fit, and of
any other condition that fits nearly as well, because when unsure the check errs towards the
more urgent advice. With nothing recognised it says to see a GP, not to wait.
"""

from __future__ import annotations

import math
import re

from footspine.knowledge.model import (
    CHECK_URGENCIES,
    FLAG_TO_CHECK,
    URGENCIES,
    Condition,
    EmergencyNumber,
    Finding,
    RedFlag,
)
from footspine.knowledge.negation import DENY_AFTER, Word, plain_words
from footspine.knowledge.negation import words as read_words
from footspine.record import dataclass, field

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs ~3 ms on every run
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Literal

    from footspine.knowledge.model import CheckUrgency

    How = Literal["said", "answered", "worked out"]
    QuestionKind = Literal["yes-no", "where", "age"]

PRIOR_ODDS = {"common": 0.2, "uncommon": 0.05, "rare": 0.01}
"""Pre-test odds from a condition's `prior`: roughly 1 in 6, 1 in 20 and 1 in 100 of the people
who look up foot or leg pain. Orders of magnitude, as the sources give them, not estimates."""

NAMED_RATIO = 4.0
"""How much naming a condition ("the MRI said bulging disc") raises it: strongly typical."""

LISTED_AT = 3.0
"""A condition is listed only when what was said raises its odds more than this many times:
one weak hint ("on one side") is not enough to send someone to a page, nor are two ("numb" and
"the big toe", 1.5 x 2), which fit a pressed root and a nerve pressed at the knee alike."""

ROUNDING = 1e-9
"""Slack for summing logarithms: log 2 + log 1.5 comes out a hair under or over log 3 depending
on the prior it is added to, so the same words listed a condition or not by how common it is."""

DEFINING = 4.0
"""A red-flag page's defining findings weigh this much or more (fever for infection, a swollen
calf for a clot); one of them must be said for the page to be listed."""

CLOSE_CALL = 3.0
"""A condition within this factor of the best fit also sets the urgency: when two explanations
are close, the more urgent one's advice is given."""

NOT_A_DIAGNOSIS = (
    "This is not a diagnosis. It points you to the right kind of help and to pages to read. "
    "If you are worried, or it gets worse, get help sooner."
)


@dataclass(frozen=True, slots=True)
class Understood:
    """One finding as understood: present or not, and the words it came from."""

    id: str
    present: bool
    said: str
    how: How
    text: str
    """The finding in plain words ("it eases when you sit")."""


@dataclass(frozen=True, slots=True)
class Reason:
    finding: str
    said: str
    effect: Literal["raises", "lowers"]
    ratio: float
    basis: str
    source: str


@dataclass(frozen=True, slots=True)
class RankedCondition:
    id: str
    name: str
    kind: str
    why: list[str]
    reasons: list[Reason]
    odds: float
    urgency: CheckUrgency
    advice: str
    command: str


@dataclass(frozen=True, slots=True)
class RaisedSign:
    id: str
    urgency: CheckUrgency
    sign: str
    action: str
    because: list[str]


@dataclass(frozen=True, slots=True)
class UnsureSign:
    """A warning sign the person was not sure about: what to do if they have it, and how urgent
    the doubt alone makes the answer (one level less than the sign itself)."""

    id: str
    sign: str
    urgency_if_present: CheckUrgency
    urgency_when_unsure: CheckUrgency
    action_if_present: str
    finding: str
    """The id of the finding asked about."""
    asked: str
    """The finding asked about, in plain words."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    urgency: CheckUrgency
    action: str
    because: list[str]
    warning_signs: list[RaisedSign]
    conditions: list[RankedCondition]
    findings: list[Understood]
    covered: bool
    outside: list[str]
    emergency_numbers: list[EmergencyNumber]
    stopped_early: bool = False
    not_sure: list[UnsureSign] = field(default_factory=list)
    """Warning signs asked about and answered "not sure": each on its own raises an urgent or
    emergency sign, so the answer names them and is at least one level short of their own."""
    not_a_diagnosis: str = NOT_A_DIAGNOSIS
    emergency_signs: list[RedFlag] = field(default_factory=list)
    """The cauda equina signs, for the one-line banner every result carries."""


ACTIONS: dict[CheckUrgency, str] = {
    "emergency": "Go to A&E (the emergency department) now, or call 999 in the UK, 911 in the US "
    "or Canada, or 112 in the EU.",
    "urgent": "Get medical help today: ask your GP for an urgent appointment, or call NHS 111 "
    "(in the UK) or an urgent care service. If it gets worse or you cannot get help, go to A&E.",
    "routine": "Book an appointment with a GP or a physiotherapist in the next few weeks. "
    "Get help sooner if it gets worse or a warning sign appears.",
    "self-care": "You can usually look after this at home first: keep moving, and use simple "
    "pain relief if you need it (ask a pharmacist). See a GP if it is not getting better after "
    "a few weeks, stops you doing everyday things, or gets worse.",
}
"""What to do now, for each level. Condition pages say more; these say enough to act on."""


# --- reading a description ----------------------------------------------------------------


NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "couple": 2,
    "three": 3,
    "few": 3,
    "four": 4,
    "several": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
}
_AGE = re.compile(
    r"\b(?:i\s*am|im|i'm|aged?|age:?)\s+(\d{1,3})\b|\b(\d{1,3})\s*(?:-\s*)?(?:years?|yrs?|y)\s*(?:-\s*)?(?:old|o)\b"
    r"|\b(\d{1,3})\s*(?:yo|y/o|m|f|male|female|man|woman)\b|^\s*(\d{1,3})\s*[,.;:]"
)
_SPAN = re.compile(
    r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")\s*-?\s*(?:of\s+)?(day|week|wk|month|year|yr)s?\b(?!\s*-?\s*old)"
    r"|\b(?:for|over|about|nearly|almost)\s+(?:a\s+)?(day|week|month|year)s?\b"
)
_WEEKS_PER = {"day": 1 / 7, "week": 1.0, "wk": 1.0, "month": 4.35, "year": 52.0, "yr": 52.0}


def age_in(text: str) -> int | None:
    """An age written in a description ("62, calves...", "I'm 45", "a 70 year old"), if any."""
    match = _AGE.search(text.casefold())
    if not match:
        return None
    return plausible_age(int(next(g for g in match.groups() if g)))


def plausible_age(value: int) -> int | None:
    """An age in years a person could have, or None ("0", "150" are typing slips)."""
    return value if 1 <= value <= 120 else None


def weeks_in(text: str) -> float | None:
    """The longest time span written ("for 3 months", "two weeks", "for years"), in weeks."""
    spans = []
    for match in _SPAN.finditer(text.casefold()):
        count_text, unit, bare_unit = match.groups()
        if bare_unit:  # "for months", "over a year"
            spans.append(_WEEKS_PER[bare_unit] * (2 if match.group(0).rstrip().endswith("s") else 1))
            continue
        count = int(count_text) if count_text.isdigit() else NUMBER_WORDS[count_text]
        spans.append(count * _WEEKS_PER[unit])
    return max(spans) if spans else None


MAX_GAP = 2
"""Words a phrase may skip: "tight work shoes" says "tight shoes", "between two of my toes"
says "between my toes". More would join words from different thoughts. Warning-sign phrases
match exactly: "numb from the bum down" (stenosis) must not read as "numb bum" (an
emergency); their lists carry the variants instead."""


def read(text: str, findings: list[Finding]) -> list[Understood]:
    """The findings a free-text description says are there or not there.

    A phrase counts when its words occur in order within one clause, with at most `MAX_GAP`
    other words between them; it is denied when a cue denies every one of its words ("no back
    pain", "bladder is fine"). Words are compared as typed (folded), not reduced to a singular:
    "legs" and "leg" say different things here. When a phrase is both said and denied, said wins:
    a missed symptom is worse than a doubled one.
    """
    tokens = read_words(text)
    found: dict[str, Understood] = {}
    for finding in findings:
        if finding.measure is not None:
            continue
        best: Understood | None = None
        for phrase in finding.phrases:
            wanted = phrase_words(phrase)
            for span in _matches(tokens, wanted, 0 if finding.section == "warning" else MAX_GAP):
                words_said = " ".join(tokens[i].text for i in range(span[0], span[-1] + 1))
                denied = all(tokens[i].denied for i in span)
                candidate = Understood(finding.id, not denied, words_said, "said", finding.said)
                if best is None or (candidate.present and not best.present):
                    best = candidate
                if candidate.present:
                    break
            if best is not None and best.present:
                break
        if (best is None or not best.present) and finding.together:
            best = _together(tokens, finding) or best
        if best is not None:
            found[finding.id] = best
    for finding in findings:
        if finding.measure is None:
            continue
        value = age_in(text) if finding.measure == "age" else weeks_in(text)
        if value is not None:
            found[finding.id] = _measured(finding, value)
    return list(found.values())


def _together(tokens: list[Word], finding: Finding) -> Understood | None:
    """The finding said by two kinds of words in one clause ("numbness in my saddle area", "my
    privates feel numb"), in either order; denied when either part is ("no numbness down below"
    is denied, "no feeling down below" is not: a loss is never a denial).

    Each word of the first kind is paired with the nearest words of the second kind in its
    clause, so a long description costs little more than a short one."""
    best: Understood | None = None
    for pair in finding.together:
        seconds: dict[int, list[list[int]]] = {}
        for span in _spans(tokens, pair.with_any_of):
            seconds.setdefault(tokens[span[0]].clause, []).append(span)
        for span in _spans(tokens, pair.unless):  # a clause that says something else is left out
            seconds.pop(tokens[span[0]].clause, None)
        for spans in seconds.values():
            spans.sort()
        for first in _spans(tokens, pair.any_of) if seconds else []:
            for second in _nearest(first, seconds.get(tokens[first[0]].clause, []), pair.within):
                start, end = min(first[0], second[0]), max(first[-1], second[-1])
                denied = all(tokens[i].denied for i in first) or all(tokens[i].denied for i in second)
                words_said = " ".join(tokens[i].text for i in range(start, end + 1))
                candidate = Understood(finding.id, not denied, words_said, "said", finding.said)
                if candidate.present:
                    return candidate
                best = best or candidate
    return best


NEAREST = 4
"""Words of the second kind tried for each word of the first: the closest ones on either side."""


def _spans(tokens: list[Word], phrases: list[str]) -> list[list[int]]:
    return [span for phrase in phrases for span in _matches(tokens, phrase_words(phrase), 0)]


def _nearest(first: list[int], spans: list[list[int]], within: int | None) -> list[list[int]]:
    """The spans (sorted by start) nearest to `first` that do not overlap it, closest first, at
    most `within` words away."""
    from bisect import bisect_left

    def gap(span: list[int]) -> int:
        return span[0] - first[-1] - 1 if span[0] > first[-1] else first[0] - span[-1] - 1

    middle = bisect_left(spans, first)
    found = spans[max(0, middle - NEAREST) : middle + NEAREST + 1]
    found = [s for s in found if not set(s) & set(first) and (within is None or gap(s) <= within)]
    return sorted(found, key=gap)[:NEAREST]


def phrase_words(phrase: str) -> list[str]:
    return plain_words(phrase)


def _matches(tokens: list[Word], wanted: list[str], max_gap: int) -> Iterable[list[int]]:
    """Each place the words of a phrase occur in order, in one clause, with small gaps (never
    across a denial: "legs not weak" does not say "legs weak")."""
    if not wanted:
        return
    for start, token in enumerate(tokens):
        if token.text != wanted[0]:
            continue
        span, gaps, i = [start], 0, start + 1
        for word in wanted[1:]:
            while i < len(tokens) and tokens[i].text != word and gaps <= max_gap:
                if tokens[i].clause != token.clause or tokens[i].text in DENY_AFTER:
                    break
                gaps += 1
                i += 1
            if i >= len(tokens) or tokens[i].text != word or gaps > max_gap or tokens[i].clause != token.clause:
                break
            span.append(i)
            i += 1
        if len(span) == len(wanted):
            yield span


def named(text: str, names: dict[str, list[str]]) -> dict[str, str]:
    """Conditions the person names ("my physio says slipped disc"): condition id -> the words.

    A diagnosis someone was given is strong evidence, but not proof: it raises the condition
    by `NAMED_RATIO`, like a strongly typical feature, and the other findings still count.
    """
    tokens = read_words(text)
    found: dict[str, str] = {}
    for condition_id, condition_names in names.items():
        for name in condition_names:
            wanted = phrase_words(name)
            if len(wanted) == 1 and len(wanted[0]) < 4:
                continue
            for span in _matches(tokens, wanted, max_gap=0):
                if not all(tokens[i].denied for i in span):
                    found[condition_id] = " ".join(tokens[i].text for i in span)
                    break
            if condition_id in found:
                break
    return found


def _measured(finding: Finding, value: float) -> Understood:
    low = finding.at_least if finding.at_least is not None else -math.inf
    high = finding.under if finding.under is not None else math.inf
    unit = "years old" if finding.measure == "age" else "weeks"
    shown = f"{value:g} {unit}" if finding.measure == "age" else f"about {value:.0f} {unit}"
    return Understood(finding.id, low <= value < high, shown, "worked out", finding.said)


def measured(findings: list[Finding], measure: str, value: float) -> list[Understood]:
    """Every finding read from one number (an age, a duration in weeks), present or not."""
    return [_measured(f, value) for f in findings if f.measure == measure]


def answered(finding: Finding, present: bool) -> Understood:
    return Understood(finding.id, present, "yes" if present else "no", "answered", finding.said)


# --- weighing -------------------------------------------------------------------------------


def raised_signs(flags: list[RedFlag], said: dict[str, Understood]) -> list[RaisedSign]:
    present = {k for k, u in said.items() if u.present}
    raised = []
    for flag in flags:
        for needed in flag.raised_by:
            if needed.all and set(needed.all) <= present:
                because = [said[f].text for f in needed.all]
                urgency = FLAG_TO_CHECK[flag.urgency]
                raised.append(RaisedSign(flag.id, urgency, flag.short or flag.sign, flag.action, because))
                break
    raised.sort(key=lambda s: CHECK_URGENCIES.index(s.urgency))
    return raised


def unsure_signs(flags: list[RedFlag], findings: list[Finding], not_sure: list[str]) -> list[UnsureSign]:
    """The warning signs that a finding answered "not sure" would raise on its own (numbness
    around the bottom, trouble peeing), each one level less urgent than the sign itself: not
    knowing whether you have an emergency sign is worth getting help today."""
    said = {f.id: f.said for f in findings}
    signs = []
    for flag in flags:
        alone = [needed.all[0] for needed in flag.raised_by if len(needed.all) == 1 and needed.all[0] in not_sure]
        if alone and flag.urgency in ("emergency", "urgent"):
            when_unsure: CheckUrgency = "urgent" if flag.urgency == "emergency" else "routine"
            if_present = FLAG_TO_CHECK[flag.urgency]
            sign = flag.short or flag.sign
            signs.append(UnsureSign(flag.id, sign, if_present, when_unsure, flag.action, alone[0], said[alone[0]]))
    return signs


def rank(
    conditions: list[Condition],
    said: dict[str, Understood],
    named_in_text: dict[str, str] | None = None,
    raised: set[str] | None = None,
    about_you: frozenset[str] = frozenset(),
) -> list[RankedCondition]:
    """Conditions that what was said speaks for, best fit first.

    Listed only when the evidence more than triples the odds (`LISTED_AT`) and at least one
    symptom (not only age, sex or a habit, the `about_you` findings) speaks for it. Pages for
    emergencies and red flags (an infection, a clot, a fracture) are listed only when one of
    their own warning signs was raised and their defining finding (a ratio of `DEFINING` or
    more) was said: a fever alone does not send anyone to the spinal infection page, a fever
    with back pain does; weakness alone does not open it either.
    """
    named_in_text = named_in_text or {}
    ranked = []
    for condition in conditions:
        profile = condition.check
        if profile is None:
            continue
        if raised is not None and condition.kind in ("red-flag", "emergency") and not set(condition.red_flags) & raised:
            continue
        prior = math.log(PRIOR_ODDS.get(condition.prior or "", 0.05))
        evidence = 0.0  # the log of how many times what was said multiplies the odds
        reasons: list[Reason] = []
        supported = defining = False
        if condition.id in named_in_text:
            evidence += math.log(NAMED_RATIO)
            supported = True
            words = f"you named it ({named_in_text[condition.id]})"
            reasons.append(Reason("named", words, "raises", NAMED_RATIO, "named", ""))
        for weight in profile.weights:
            understood = said.get(weight.finding)
            if understood is None:
                continue
            ratio = weight.if_yes if understood.present else weight.if_no
            if ratio == 1.0:
                continue
            evidence += math.log(ratio)
            if understood.present and ratio > 1.0 and weight.finding not in about_you:
                supported = True
                defining = defining or ratio >= DEFINING
            effect: Literal["raises", "lowers"] = "raises" if ratio > 1 else "lowers"
            words = understood.text if understood.present else f'no to "{understood.text}"'
            reasons.append(Reason(weight.finding, words, effect, ratio, weight.basis, weight.source))
        if not supported or evidence <= math.log(LISTED_AT) + ROUNDING:
            continue
        if raised is not None and condition.kind in ("red-flag", "emergency") and not defining:
            continue
        reasons.sort(key=lambda r: -abs(math.log(r.ratio)))
        why = [_why(r, condition.name) for r in reasons[:4]]
        ranked.append(
            RankedCondition(
                condition.id,
                condition.name,
                condition.kind,
                why,
                reasons,
                math.exp(prior + evidence),
                profile.urgency,
                profile.advice,
                f"footspine explain {condition.id}",
            )
        )
    # A page for a raised warning sign (an emergency, an infection, a clot) is read first: what
    # must be ruled out comes before what is likelier but can wait.
    ranked.sort(key=lambda r: (raised is None or r.kind not in ("red-flag", "emergency"), -r.odds))
    return ranked


def _why(reason: Reason, name: str) -> str:
    if reason.basis == "named":
        return f"{reason.said}: makes it more likely"
    strength = "much " if abs(math.log(reason.ratio)) >= math.log(4) else ""
    verb = "more" if reason.effect == "raises" else "less"
    return f"{reason.said}: makes {name.lower()} {strength}{verb} likely"


def assess(
    conditions: list[Condition],
    flags: list[RedFlag],
    findings: list[Finding],
    understood: list[Understood],
    numbers: list[EmergencyNumber],
    *,
    named_in_text: dict[str, str] | None = None,
    stopped_early: bool = False,
    emergency_signs: list[RedFlag] | None = None,
    not_sure: list[str] | None = None,
) -> CheckResult:
    said = {u.id: u for u in understood}
    by_id = {f.id: f for f in findings}
    signs = raised_signs(flags, said)
    raised_ids = {s.id for s in signs}
    unsure = [s for s in unsure_signs(flags, findings, not_sure or []) if s.id not in raised_ids]
    about_you = frozenset(f.id for f in findings if f.section == "about-you")
    ranked = rank(conditions, said, named_in_text, {s.id for s in signs}, about_you)
    levels: list[tuple[CheckUrgency, str]] = [(s.urgency, f"warning sign: {s.sign}") for s in signs]
    if unsure:  # one reason, at the most urgent level the doubts set, counting every doubt
        words = f"a warning sign: {unsure[0].sign}" if len(unsure) == 1 else f"{len(unsure)} warning signs"
        top = min((s.urgency_when_unsure for s in unsure), key=CHECK_URGENCIES.index)
        levels.append((top, f"not sure about {words}"))
    outside: list[str] = []
    for u in understood:
        finding = by_id.get(u.id)
        if finding is None or not u.present:
            continue
        if finding.urgency is not None:
            levels.append((finding.urgency, u.text))
        if finding.outside:
            outside.append(finding.outside)
    if ranked:
        best = ranked[0]
        for candidate in ranked[:3]:
            if candidate is best or candidate.odds * CLOSE_CALL >= best.odds:
                levels.append((candidate.urgency, f"{candidate.name} fits what you said"))
    covered = bool(ranked) and not (outside and ranked[0].odds < 1.0)
    if not levels:
        levels.append(("routine", "footspine could not tell what this is"))
    urgency = min((level for level, _ in levels), key=CHECK_URGENCIES.index)
    because = list(dict.fromkeys(reason for level, reason in levels if level == urgency))
    action = next((s.action for s in signs if s.urgency == urgency), "") or _advice(ranked, urgency) or ACTIONS[urgency]
    return CheckResult(
        urgency=urgency,
        action=action,
        because=because,
        warning_signs=signs,
        conditions=ranked[:3],
        findings=sorted(understood, key=lambda u: list(by_id).index(u.id) if u.id in by_id else len(by_id)),
        covered=covered,
        outside=list(dict.fromkeys(outside)),
        emergency_numbers=numbers,
        stopped_early=stopped_early,
        not_sure=unsure,
        emergency_signs=emergency_signs or [],
    )


def _advice(ranked: list[RankedCondition], urgency: CheckUrgency) -> str:
    """The best fit's own advice, when its level is the one given (it says more than the level)."""
    return ranked[0].advice if ranked and ranked[0].urgency == urgency else ""


def next_question(
    conditions: list[Condition], findings: list[Finding], said: dict[str, Understood], asked: set[str]
) -> Finding | None:
    """The unanswered question that best tells apart the conditions that fit so far.

    For each question, how far apart the likeliest conditions' ratios are for a yes and for a
    no; the widest spread wins. Before anything fits, the common conditions stand in.
    """
    ranked = rank(conditions, said, None, raised=set())  # no sign is raised while questions remain
    top_ids = [r.id for r in ranked[:5]]
    if not top_ids:
        top_ids = [c.id for c in conditions if c.check is not None and c.prior == "common"]
    top = [c for c in conditions if c.id in top_ids and c.check is not None]
    best: tuple[float, Finding] | None = None
    for finding in findings:
        if finding.ask != "yes" or finding.section in ("warning", "where") or finding.measure is not None:
            continue
        if finding.id in said or finding.id in asked:
            continue
        yes = [0.0] * len(top)
        no = [0.0] * len(top)
        for i, condition in enumerate(top):
            for weight in condition.check.weights if condition.check else []:
                if weight.finding == finding.id:
                    yes[i], no[i] = math.log(weight.if_yes), math.log(weight.if_no)
        spread = (max(yes) - min(yes) + max(no) - min(no)) if top else 0.0
        if spread > 0 and (best is None or spread > best[0]):
            best = (spread, finding)
    return best[1] if best else None


# --- the interview ----------------------------------------------------------------------------

MAX_PATTERN_QUESTIONS = 8
"""After the warning signs, where and age: at most this many questions on what it is like."""

CLEAR_LEAD = 10.0
"""Stop asking when the best fit's odds are this many times the next one's."""


@dataclass(frozen=True, slots=True)
class Question:
    kind: QuestionKind
    text: str
    finding: Finding | None = None
    options: list[Finding] = field(default_factory=list)


class Interview:
    """The guided check's questions, one at a time: warning signs first, then where it is felt,
    age, and the questions that best tell apart what fits so far.

    A yes to a warning sign ends the interview at once, after asking only the questions that
    could complete it or make it more urgent (cancer in the past, then: back pain? weak legs?).
    """

    def __init__(self, conditions: list[Condition], flags: list[RedFlag], findings: list[Finding]) -> None:
        self.conditions = conditions
        self.flags = flags
        self.findings = findings
        self.said: dict[str, Understood] = {}
        self.asked: set[str] = set()
        self._warnings = [f for f in findings if f.section == "warning" and f.ask == "yes" and f.measure is None]
        self._where = [f for f in findings if f.section == "where" and f.ask == "yes"]
        self._pattern_asked = 0
        self._age_asked = False
        self._where_asked = False
        self.stopped_early = False
        self.not_sure: list[str] = []
        """Warning-sign findings asked about and answered "not sure" (or skipped)."""
        self._queue: list[Finding] = []

    def next(self) -> Question | None:
        if self.stopped_early:
            return None
        while self._queue:
            finding = self._queue.pop(0)
            if finding.id not in self.said and finding.id not in self.asked:
                return Question("yes-no", finding.question, finding)
        for finding in self._warnings:
            if finding.id not in self.asked:
                return Question("yes-no", finding.question, finding)
        if not self._where_asked and self._where:
            return Question("where", "Where do you feel it? Choose all that apply.", options=self._where)
        if not self._age_asked and any(f.measure == "age" for f in self.findings):
            return Question("age", "How old are you?")
        if self._pattern_asked >= MAX_PATTERN_QUESTIONS or self._clear_lead():
            return None
        pick = next_question(self.conditions, self.findings, self.said, self.asked)
        return Question("yes-no", pick.question, pick) if pick else None

    def answer(self, question: Question, reply: bool | list[Finding] | int | None) -> None:
        """Record a reply: True/False for yes-no, chosen options for where, a number for age; None skips."""
        if question.kind == "where":
            self._where_asked = True
            chosen = reply if isinstance(reply, list) else []
            for option in chosen:
                self.said[option.id] = answered(option, True)
            self._after_yes([o.id for o in chosen])
            return
        if question.kind == "age":
            self._age_asked = True
            if isinstance(reply, int) and not isinstance(reply, bool):
                for u in measured(self.findings, "age", reply):
                    self.said[u.id] = u
            return
        finding = question.finding
        if finding is None:
            return
        self.asked.add(finding.id)
        if finding.section != "warning":
            self._pattern_asked += 1
        if isinstance(reply, bool):
            self.said[finding.id] = answered(finding, reply)
        elif finding.section == "warning":
            self.not_sure.append(finding.id)
        self._after_yes([finding.id] if reply is True else [])

    def _after_yes(self, ids: list[str]) -> None:
        """After a yes: ask at once what would complete a warning sign with it (cancer in the
        past, then back pain, then weak legs), and stop as soon as an urgent sign is complete and
        nothing left could make it an emergency."""
        by_id = {f.id: f for f in self.findings}
        order = sorted(self.flags, key=lambda f: URGENCIES.index(f.urgency))
        for flag in order:
            for needed in flag.raised_by:
                if set(needed.all) & set(ids):
                    for other in needed.all:
                        finding = by_id.get(other)
                        if finding and other not in self.said and finding not in self._queue:
                            self._queue.append(finding)
        raised = raised_signs(self.flags, self.said)
        if any(s.urgency == "emergency" for s in raised):
            self.stopped_early = True
        elif any(s.urgency == "urgent" for s in raised):
            warning = {f.id for f in self.findings if f.section == "warning"}
            present = {k for k, u in self.said.items() if u.present and k in warning}
            escalating = {
                other
                for flag in self.flags
                if flag.urgency == "emergency"
                for needed in flag.raised_by
                if set(needed.all) & present
                for other in needed.all
                if other not in self.said
            }
            self._queue = [f for f in self._queue if f.id in escalating]
            if not self._queue:
                self.stopped_early = True

    def _clear_lead(self) -> bool:
        raised = {s.id for s in raised_signs(self.flags, self.said)}
        ranked = rank(self.conditions, self.said, None, raised)
        return len(ranked) >= 2 and ranked[0].odds >= CLEAR_LEAD * ranked[1].odds and self._pattern_asked >= 3

    def understood(self) -> list[Understood]:
        return list(self.said.values())
