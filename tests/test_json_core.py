"""The core's ``json_standard`` pass against :func:`json.dumps`, on both cores."""

from __future__ import annotations

import json
import math
import typing as t

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

PLAIN = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=6), children, max_size=5),
    max_leaves=30,
)
SEPARATORS = st.tuples(st.sampled_from([",", ", ", " ; "]), st.sampled_from([":", ": ", " = "]))


@settings(deadline=None)
@given(obj=PLAIN, seps=SEPARATORS, indent=st.none() | st.sampled_from(["", "  ", "\t", "----"]), ascii=st.booleans())
def test_json_standard_is_json_dumps(backend, obj, seps, indent, ascii) -> None:
    data = orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)
    ind = None if indent is None else indent.encode()
    out = backend.core.json_standard(data, obj, seps[0].encode(), seps[1].encode(), ind, ascii)
    expected = json.dumps(obj, sort_keys=True, separators=seps, indent=indent, ensure_ascii=ascii)
    assert out == expected.encode()


@pytest.mark.parametrize("obj", [{"a": [1, "x", True]}, [], "caf\u00e9", 1.5, [None, {"b": 1e15}]])
def test_json_standard_returns_its_input_when_nothing_changes(backend, obj) -> None:
    data = orjson.dumps(obj)
    assert backend.core.json_standard(data, obj, b",", b":", None, False) is data


@pytest.mark.parametrize("obj", [[math.nan], {"a": [1, math.inf]}, [None, object()], (None, -math.inf)])
def test_json_standard_declines_a_null_it_cannot_vouch_for(backend, obj) -> None:
    data = orjson.dumps(obj, default=lambda o: None)
    assert b"null" in data
    assert backend.core.json_standard(data, obj, b",", b":", None, False) is None


def test_json_standard_keeps_a_null_that_is_none(backend) -> None:
    obj = {"a": None, "b": [1.5, "null"]}
    assert (
        backend.core.json_standard(orjson.dumps(obj), obj, b", ", b": ", None, False)
        == b'{"a": null, "b": [1.5, "null"]}'
    )


@pytest.mark.parametrize(
    "data",
    [
        b'"abc',
        b"[1,2",
        b"]",
        b"{}}",
        b"nul",
        b"tru",
        b"-",
        b"-x",
        b"x",
        b" [1]",
        b"[1, 2]",
        b'"\xff"',
        b'"\xc3',
        b"[\n  1\n]",
    ],
)
def test_json_standard_refuses_what_is_not_orjson_output(backend, data) -> None:
    with pytest.raises(ValueError, match="orjson's compact output"):
        backend.core.json_standard(data, None, b",", b":", b"  ", True)


def test_json_standard_checks_argument_types(backend) -> None:
    with pytest.raises(TypeError, match="indent"):
        backend.core.json_standard(b"[]", [], b",", b":", "  ", False)
    with pytest.raises(TypeError):
        backend.core.json_standard("[]", [], b",", b":", None, False)
    with pytest.raises(TypeError):
        backend.core.json_standard(b"[]", [], ",", b":", None, False)


def test_json_standard_deep_indent(backend) -> None:
    obj: t.Any = 1
    for _ in range(200):
        obj = [obj]
    data = orjson.dumps(obj)
    assert backend.core.json_standard(data, obj, b",", b": ", b"    ", False) == json.dumps(obj, indent=4).encode()
