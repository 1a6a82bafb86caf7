"""The core's ``json_standard`` pass and ``json_response`` against :func:`json.dumps`, on both cores."""

from __future__ import annotations

import json
import math
import sys
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


# json_response: Flask's response body (json.dumps compact, or indented by
# two spaces, then a newline) in a response built by the class given.

TRICKY = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats()
    | st.sampled_from([1e-7, 0.00001, -1e16, 1e22, 5e-324, "1e5", "0.00001", "null", "\x7f", "\u00e9\U0001f600"])
    | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=6), children, max_size=5),
    max_leaves=30,
)


def _flask_body(obj: t.Any, indent: bytes | None, ascii: bool) -> bytes:
    style: dict[str, t.Any] = {"indent": 2} if indent else {"separators": (",", ":")}
    return (json.dumps(obj, sort_keys=True, ensure_ascii=ascii, **style) + "\n").encode()


@settings(deadline=None)
@given(obj=TRICKY, indent=st.sampled_from([None, b"  "]), ascii=st.booleans())
def test_json_response_body_is_flasks(backend, obj, indent, ascii) -> None:
    R = backend.FlaskResponse
    resp = backend.core.json_response(R, obj, None, orjson.OPT_SORT_KEYS, indent, ascii, "application/json")
    if resp is None:  # only where orjson writes null for what json spells otherwise
        assert not _plain_finite(obj)
        return
    assert type(resp) is R
    assert resp.get_data() == _flask_body(obj, indent, ascii)
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.headers["Content-Length"] == str(len(resp.get_data()))


def _plain_finite(obj: t.Any) -> bool:
    if isinstance(obj, float):
        return math.isfinite(obj)
    if isinstance(obj, dict):
        return all(_plain_finite(v) for v in obj.values())
    if isinstance(obj, list):
        return all(_plain_finite(v) for v in obj)
    return True


@pytest.mark.parametrize("obj", [{1: "non-str key"}, [2**64], object(), [math.nan]])
def test_json_response_declines_what_orjson_cannot_write(backend, obj) -> None:
    assert backend.core.json_response(backend.FlaskResponse, obj, None, 0, None, True, "application/json") is None


def test_json_response_copies_a_small_body_to_size(backend) -> None:
    resp = backend.core.json_response(backend.FlaskResponse, {"a": 1}, None, 0, None, True, "application/json")
    (body,) = resp.response
    assert body == b'{"a":1}\n'
    assert sys.getsizeof(body) < 200  # not orjson's 4 KiB scratch buffer


def test_json_response_passes_mimetype_by_keyword_to_other_callables(backend) -> None:
    calls = []

    class Own(backend.FlaskResponse):
        def __init__(self, body: bytes, mimetype: str) -> None:  # another order than Response's
            calls.append((body, mimetype))
            super().__init__(body, mimetype=mimetype)

    def factory(body: bytes, *, mimetype: str) -> tuple[bytes, str]:
        return body, mimetype

    assert backend.core.json_response(factory, [1], None, 0, None, True, "text/x-json") == (b"[1]\n", "text/x-json")
    resp = backend.core.json_response(Own, [1], None, 0, None, True, "text/x-json")
    assert type(resp) is Own and calls == [(b"[1]\n", "text/x-json")]
    assert resp.mimetype == "text/x-json"


def test_json_response_checks_indent(backend) -> None:
    with pytest.raises(TypeError, match="indent"):
        backend.core.json_response(backend.FlaskResponse, [], None, 0, "  ", True, "application/json")


def test_json_response_invalid_mimetype_is_refused(backend) -> None:
    with pytest.raises(ValueError):
        backend.core.json_response(backend.FlaskResponse, [], None, 0, None, True, "application/json\r\nX: y")
