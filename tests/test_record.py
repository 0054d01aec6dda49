"""`footspine.record` stands in for `dataclasses` at run time (it is cheaper to import and to
apply); each behaviour the model relies on must match the standard library's exactly."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from footspine import record


def _pair(decorator: Any, fields: Any) -> Any:
    @decorator(frozen=True, slots=True)
    class Entry:
        id: str
        name: str = "unnamed"
        tags: list[str] = fields(default_factory=list)

    return Entry


OURS: Any = _pair(record.dataclass, record.field)
STANDARD: Any = _pair(dataclasses.dataclass, dataclasses.field)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("a",), {}),
        (("a", "b"), {}),
        (("a", "b", ["t"]), {}),
        ((), {"id": "a", "tags": ["x"]}),
        (("a",), {"name": "n"}),
    ],
)
def test_construction_defaults_equality_hash_and_repr_match(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    ours, standard = OURS(*args, **kwargs), STANDARD(*args, **kwargs)
    for name in ("id", "name", "tags"):
        assert getattr(ours, name) == getattr(standard, name)
    assert repr(ours).replace("OURS", "") == repr(standard)
    assert ours == OURS(*args, **kwargs) and ours != OURS("other")


def test_hash_follows_the_fields() -> None:
    @record.dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: int = 0

    assert hash(Point(1, 2)) == hash(Point(1, 2)) == hash((1, 2))
    assert len({Point(1), Point(1, 0), Point(2)}) == 2


def test_each_default_factory_call_is_fresh() -> None:
    assert OURS("a").tags is not OURS("b").tags


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), (("a", "b", [], "extra"), {}), (("a",), {"colour": "blue"}), (("a",), {"id": "twice"})],
)
def test_wrong_arguments_raise_type_error_like_the_standard(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        STANDARD(*args, **kwargs)
    with pytest.raises(TypeError):
        OURS(*args, **kwargs)


def test_frozen_and_slots() -> None:
    entry = OURS("a")
    with pytest.raises(AttributeError):
        entry.name = "changed"
    with pytest.raises(AttributeError):
        del entry.name
    assert not hasattr(entry, "__dict__")
    assert OURS.__slots__ == STANDARD.__slots__


def test_fields_and_is_dataclass() -> None:
    assert [f.name for f in record.fields(OURS)] == [f.name for f in dataclasses.fields(STANDARD)]
    instance: object = OURS("a")
    assert record.is_dataclass(OURS) and record.is_dataclass(instance)
    assert not record.is_dataclass(int)
    assert record.fields(OURS)[1].default == "unnamed"
