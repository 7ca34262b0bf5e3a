"""Shared pieces of the parser fuzz tests: example budgets and generic JSON strategies.

Every parser is fuzzed twice: a fast run (about 100 examples per test, part of the quick
local run) and a thorough run of a thousand examples per test, two or three tests per parser,
marked ``slow`` (CI runs it). The only exceptions a parser may raise are the documented
``DoodleFormatError`` and ``ModelError``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doodle.core.errors import DoodleFormatError, ModelError

DOCUMENTED_ERRORS = (DoodleFormatError, ModelError)

BUDGETS = [
    pytest.param(100, id="fast"),
    pytest.param(1000, id="thorough", marks=pytest.mark.slow),
]


def fuzz(strategy: st.SearchStrategy, check: Callable[[Any], None], examples: int) -> None:
    """Run ``check`` on ``examples`` values drawn from ``strategy`` (no example database:
    the runs stay independent of the machine they ran on before)."""

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        check(value)

    run()


def json_scalars() -> st.SearchStrategy:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
    )


def json_values(max_leaves: int = 12) -> st.SearchStrategy:
    return st.recursive(
        json_scalars(),
        lambda children: st.one_of(
            st.lists(children, max_size=6),
            st.dictionaries(st.text(max_size=12), children, max_size=6),
        ),
        max_leaves=max_leaves,
    )


def dump_json(value: Any) -> bytes:
    """JSON text as Python writes it (NaN and Infinity included, as a careless tool would)."""
    return json.dumps(value, allow_nan=True).encode("utf-8")


def mutate_dict(base: dict[str, Any]) -> st.SearchStrategy:
    """``base`` with some keys replaced by arbitrary JSON values, deleted, or added."""
    keys = sorted(base)
    return st.builds(
        _apply_mutation,
        st.just(base),
        st.dictionaries(st.sampled_from(keys), json_values(6), max_size=len(keys)),
        st.lists(st.sampled_from(keys), max_size=3),
        st.dictionaries(st.text(max_size=10), json_values(4), max_size=2),
    )


def mutated_json(base: dict[str, Any], *more: st.SearchStrategy) -> st.SearchStrategy:
    """JSON text of arbitrary values, of ``base`` mutated (``mutate_dict``) or of ``more``."""
    return st.one_of(json_values(), mutate_dict(base), *more).map(dump_json)


def _apply_mutation(
    base: dict[str, Any], replaced: dict[str, Any], removed: list[str], added: dict[str, Any]
) -> dict[str, Any]:
    result = dict(base)
    result.update(replaced)
    for key in removed:
        result.pop(key, None)
    for key, value in added.items():
        result.setdefault(key, value)
    return result


def corrupt_bytes(data: bytes) -> st.SearchStrategy:
    """``data`` cut short, with bytes flipped, or with a stretch of random bytes inserted."""
    length = len(data)
    truncated = st.integers(0, max(0, length - 1)).map(lambda n: data[:n])
    flipped = st.lists(
        st.tuples(st.integers(0, max(0, length - 1)), st.integers(0, 255)), min_size=1, max_size=8
    ).map(lambda edits: _flip(data, edits))
    inserted = st.tuples(st.integers(0, length), st.binary(max_size=40)).map(
        lambda edit: data[: edit[0]] + edit[1] + data[edit[0] :]
    )
    return st.one_of(truncated, flipped, inserted)


def corrupt_or_random_bytes(data: bytes, max_random: int = 200) -> st.SearchStrategy:
    """``data`` corrupted (``corrupt_bytes``) or up to ``max_random`` random bytes."""
    return corrupt_bytes(data) | st.binary(max_size=max_random)


def _flip(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    buffer = bytearray(data)
    for index, value in edits:
        if index < len(buffer):
            buffer[index] = value
    return bytes(buffer)


def deeply_nested_json(depth: int = 100_000) -> bytes:
    """A list nested ``depth`` levels: Python's json raises RecursionError on it."""
    return b"[" * depth + b"]" * depth
