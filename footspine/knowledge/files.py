"""Load one or more knowledge files and merge them: later files add and replace whole entries.

A clinic keeps a small file of its own beside the shipped one; entries with a new id are added,
entries with an id that already exists replace the earlier entry whole (tealdeer's "page"
model, not a field-by-field patch, so nobody has to guess which half of an entry is whose).
"""

from __future__ import annotations

from typing import Any

from footspine import record as dataclasses
from footspine.knowledge import validate
from footspine.knowledge.loader import Locations, load_text  # the only path that imports yaml
from footspine.knowledge.model import Knowledge
from footspine.knowledge.names import normalize
from footspine.knowledge.problems import KnowledgeError, Problem
from footspine.knowledge.reading import decode


def load(inputs: list[tuple[str, bytes]]) -> tuple[Knowledge, Locations]:
    """Parse every file, merge them in order and validate the result, or raise with every problem."""
    problems: list[Problem] = []
    loaded: list[tuple[Knowledge, Locations]] = []
    broken: set[str] = set()
    unreadable = False
    suspicious = False
    for label, data in inputs:
        try:
            result = load_text(decode(data, label), label)
        except KnowledgeError as error:
            problems.extend(error.problems)
            unreadable = True
            continue
        problems.extend(result.problems)
        broken |= result.broken_ids
        suspicious |= result.suspicious_text
        if result.knowledge is not None:
            problems.extend(validate.duplicate_ids(result.knowledge, result.locations))
            loaded.append((result.knowledge, result.locations))
    if not loaded:
        raise KnowledgeError(problems)
    knowledge, locations = merge(loaded)
    unresolved = None if unreadable else frozenset(broken)
    problems += validate.relations(knowledge, locations, check_text=suspicious, unresolved=unresolved)
    if problems:
        raise KnowledgeError(problems)
    return knowledge, locations


def merge(loaded: list[tuple[Knowledge, Locations]]) -> tuple[Knowledge, Locations]:
    if len(loaded) == 1:
        return loaded[0]
    locations = Locations()
    merged: dict[str, dict[str, Any]] = {}
    for knowledge, where in loaded:
        locations.merge(where)
        for f in dataclasses.fields(Knowledge):
            value = getattr(knowledge, f.name)
            if not isinstance(value, list):
                continue
            bucket = merged.setdefault(f.name, {})
            for item in value:
                bucket[_key(item)] = item  # a replaced entry keeps its place in the order
    fields = {name: list(bucket.values()) for name, bucket in merged.items()}
    return Knowledge(schema_version=loaded[-1][0].schema_version, **fields), locations


def _key(item: Any) -> str:
    for attribute in ("id", "term", "region", "means"):
        if hasattr(item, attribute):
            value: str = getattr(item, attribute)
            return normalize(value) if attribute != "id" else value
    raise TypeError(f"no identity for {item!r}")
