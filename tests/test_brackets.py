"""The bracket scanners must find exactly what the regular expressions they replace found."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from footspine.knowledge import brackets

RUNS = re.compile(r"\(([^()]*)")
GROUPS = re.compile(r"\s?\(((?:[^()]|\([^()]*\))*)\)")

# Few letters, many brackets and spaces: the cases where the scanners could differ.
prose = st.text(alphabet=st.sampled_from(list("()( ) ;,s1a\u2003\n")), max_size=40)


@settings(max_examples=3000)
@given(prose)
def test_runs_match_the_pattern(text: str) -> None:
    assert brackets.runs(text) == RUNS.findall(text)


@settings(max_examples=3000)
@given(prose)
def test_groups_match_the_pattern(text: str) -> None:
    expected = [(m.start(), m.end(), m.group(1)) for m in GROUPS.finditer(text)]
    assert list(brackets.groups(text)) == expected


def test_the_knowledge_files_own_citations() -> None:
    text = "Most settle (s39, s34; far-lateral detail (standard teaching)) within weeks (s30)."
    assert list(brackets.groups(text)) == [
        (11, 62, "s39, s34; far-lateral detail (standard teaching)"),
        (75, 81, "s30"),
    ]
    assert brackets.runs(text) == ["s39, s34; far-lateral detail ", "standard teaching", "s30"]
