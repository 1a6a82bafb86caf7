"""fastres.json.OrjsonProvider against Flask's DefaultJSONProvider (the oracle).

Where the README says the output is byte-identical, the tests compare bytes;
where it documents a difference, they compare parsed values and pin the
difference itself, so the README cannot drift from the code.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import decimal
import enum
import json
import math
import typing as t
import uuid

import flask
import pytest
from flask.json.provider import DefaultJSONProvider
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

INT64 = st.integers(min_value=-(2**63), max_value=2**64 - 1)
ANY_FLOAT = st.floats(allow_nan=False, allow_infinity=False)
# Floats orjson spells like repr(): all but 1e-9 <= |x| < 1e-4 (see README).
EXACT_FLOAT = ANY_FLOAT.filter(lambda x: x == 0 or abs(x) >= 1e-4 or abs(x) < 1e-9)
KEYS = st.text()


def json_values(
    ints: st.SearchStrategy[int] = INT64, floats: st.SearchStrategy[float] = EXACT_FLOAT
) -> st.SearchStrategy[t.Any]:
    scalars = st.none() | st.booleans() | ints | floats | st.text()
    return st.recursive(
        scalars,
        lambda children: st.lists(children, max_size=5) | st.dictionaries(KEYS, children, max_size=5),
        max_leaves=25,
    )


def make_app(backend, provider_class, **settings_: t.Any) -> flask.Flask:
    app = flask.Flask("fastres_json_test")
    app.response_class = backend.FlaskResponse
    app.json = provider_class(app)
    for name, value in settings_.items():
        setattr(app.json, name, value)
    return app


def flask_app(**settings_: t.Any) -> flask.Flask:
    app = flask.Flask("flask_json_oracle")
    assert type(app.json) is DefaultJSONProvider
    for name, value in settings_.items():
        setattr(app.json, name, value)
    return app


def body(app: flask.Flask, *args: t.Any, **kwargs: t.Any) -> bytes:
    return app.json.response(*args, **kwargs).get_data()  # type: ignore[attr-defined, no-any-return]


# ------------------------------------------------------- byte-identical output


@settings(deadline=None)
@given(obj=json_values(), sort_keys=st.booleans(), compact=st.booleans())
def test_response_bytes_identical_to_flask(backend, provider_class, obj, sort_keys, compact) -> None:
    ours = make_app(backend, provider_class, sort_keys=sort_keys, compact=compact)
    ref = flask_app(ensure_ascii=False, sort_keys=sort_keys, compact=compact)
    assert body(ours, obj) == body(ref, obj)


@settings(deadline=None)
@given(obj=json_values(), compact=st.booleans())
def test_ensure_ascii_true_is_flask_default_byte_for_byte(backend, provider_class, obj, compact) -> None:
    ours = make_app(backend, provider_class, ensure_ascii=True, compact=compact)
    ref = flask_app(compact=compact)  # Flask's defaults: ensure_ascii=True, sort_keys=True
    assert body(ours, obj) == body(ref, obj)


def test_ensure_ascii_escapes_astral_and_del(backend, provider_class) -> None:
    obj = {"k\u00e9": "\x7f\u2028\U0001f600"}
    ours = make_app(backend, provider_class, ensure_ascii=True)
    assert body(ours, obj) == body(flask_app(), obj) == b'{"k\\u00e9":"\\u007f\\u2028\\ud83d\\ude00"}\n'


def test_ensure_ascii_escapes_del_in_an_otherwise_ascii_body(backend, provider_class) -> None:
    # Found by hypothesis: DEL is ASCII, so bytes.isascii() alone let it through raw.
    ours = make_app(backend, provider_class, ensure_ascii=True)
    assert body(ours, "\x7f") == body(flask_app(), "\x7f") == b'"\\u007f"\n'


def test_non_ascii_written_as_utf8_by_default(backend, provider_class) -> None:
    obj = {"name": "caf\u00e9 \U0001f600"}
    ours = body(make_app(backend, provider_class), obj)
    assert ours == '{"name":"caf\u00e9 \U0001f600"}\n'.encode()
    flask_bytes = body(flask_app(), obj)
    assert flask_bytes == b'{"name":"caf\\u00e9 \\ud83d\\ude00"}\n'
    assert json.loads(ours) == json.loads(flask_bytes)


@pytest.mark.parametrize("compact, debug, indented", [
    (None, False, False), (None, True, True), (True, True, False), (False, False, True),
])
def test_compact_and_debug_as_flask(backend, provider_class, compact, debug, indented) -> None:
    obj = {"b": [1, {}, []], "a": {"c": None}}
    ours = make_app(backend, provider_class, compact=compact)
    ref = flask_app(ensure_ascii=False, compact=compact)
    ours.debug = ref.debug = debug
    assert body(ours, obj) == body(ref, obj)
    assert (b"\n  " in body(ours, obj)) is indented


@pytest.mark.parametrize("args, kwargs", [((), {}), ((1,), {}), ((1, "a"), {}), ((), {"b": 1, "a": 2})])
def test_response_argument_forms_as_flask(backend, provider_class, args, kwargs) -> None:
    assert body(make_app(backend, provider_class), *args, **kwargs) == body(flask_app(), *args, **kwargs)


def test_response_args_and_kwargs_refused(backend, provider_class) -> None:
    with pytest.raises(TypeError):
        make_app(backend, provider_class).json.response(1, a=2)


def test_response_class_mimetype_and_length(backend, provider_class) -> None:
    app = make_app(backend, provider_class, mimetype="application/vnd.api+json")
    rv = app.json.response({"a": 1})  # type: ignore[attr-defined]
    assert type(rv) is backend.FlaskResponse
    assert rv.mimetype == "application/vnd.api+json"
    assert rv.headers["Content-Type"] == "application/vnd.api+json"
    assert rv.headers["Content-Length"] == str(len(b'{"a":1}\n'))


# ----------------------------------------------------- default: Flask's types


@dataclasses.dataclass
class Point:
    x: int
    when: dt.date
    tags: tuple[str, ...] = ()


class Html:
    def __html__(self) -> str:
        return "<b>hi</b>"


Pair = collections.namedtuple("Pair", "left right")

DEFAULT_CASES = {
    "datetime": dt.datetime(2024, 2, 29, 13, 5, 9, tzinfo=dt.timezone.utc),
    "naive datetime": dt.datetime(1999, 12, 31, 23, 59, 59),
    "other tz": dt.datetime(2024, 1, 1, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))),
    "date": dt.date(2024, 3, 1),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "decimal": decimal.Decimal("1.10"),
    "dataclass": Point(1, dt.date(2020, 1, 1), ("a", "b")),
    "nested dataclass": {"points": [Point(2, dt.datetime(2020, 1, 1, 12))]},
    "__html__": Html(),
    "markup": Markup("<i>x</i>"),
    "namedtuple": Pair(1, [2]),
    "str subclass and int subclass": [Markup("a"), enum.IntEnum("N", "ONE").ONE, True],
}


@pytest.mark.parametrize("name", list(DEFAULT_CASES))
def test_default_types_identical_to_flask(backend, provider_class, name) -> None:
    obj = DEFAULT_CASES[name]
    ours = make_app(backend, provider_class)
    ref = flask_app(ensure_ascii=False)
    assert body(ours, obj) == body(ref, obj)
    assert ours.json.dumps(obj).encode() == body(ours, obj)[:-1]


@pytest.mark.parametrize("obj", [object(), {1, 2}, b"bytes", dt.time(12, 0)])
def test_unknown_types_raise_type_error_like_flask(backend, provider_class, obj) -> None:
    with pytest.raises(TypeError):
        flask_app().json.dumps(obj)
    with pytest.raises(TypeError):
        make_app(backend, provider_class).json.dumps(obj)


def test_custom_default_on_instance(backend, provider_class) -> None:
    app = make_app(backend, provider_class, default=lambda o: sorted(o) if isinstance(o, set) else repr(o))
    assert app.json.dumps({"s": {3, 1, 2}}) == '{"s":[1,2,3]}'


def test_non_str_keys_unsorted_identical_to_flask(backend, provider_class) -> None:
    obj = {1: "a", False: "b", None: "c", 1.5: "d", "e": {2: [3]}}
    ours = make_app(backend, provider_class, sort_keys=False)
    assert body(ours, obj) == body(flask_app(sort_keys=False), obj)
    assert body(ours, obj) == b'{"1":"a","false":"b","null":"c","1.5":"d","e":{"2":[3]}}\n'


def test_str_subclass_keys(backend, provider_class) -> None:
    obj = {Markup("k"): 1}
    assert body(make_app(backend, provider_class), obj) == body(flask_app(), obj) == b'{"k":1}\n'


# ----------------------------------------------- documented differences (pinned)


@settings(deadline=None)
@given(obj=json_values(floats=ANY_FLOAT))
def test_dumps_parses_equal_to_flask(backend, provider_class, obj) -> None:
    """``dumps`` differs in whitespace (and some float spellings), never in value."""
    ours = make_app(backend, provider_class).json.dumps(obj)
    ref = flask_app().json.dumps(obj)
    assert json.loads(ours) == json.loads(ref) == obj


def test_dumps_is_compact_where_flask_spaces(backend, provider_class) -> None:
    obj = {"b": [1, 2], "a": None}
    assert make_app(backend, provider_class).json.dumps(obj) == '{"a":null,"b":[1,2]}'
    assert flask_app().json.dumps(obj) == '{"a": null, "b": [1, 2]}'


@pytest.mark.parametrize("value, ours, flasks", [
    (1e-05, b"0.00001", b"1e-05"),
    (1.5e-05, b"0.000015", b"1.5e-05"),
    (1e-06, b"1e-6", b"1e-06"),
    (9.99e-08, b"9.99e-8", b"9.99e-08"),
    (1e-10, b"1e-10", b"1e-10"),
    (1e16, b"1e+16", b"1e+16"),
    (0.0001, b"0.0001", b"0.0001"),
])
def test_small_float_spelling(backend, provider_class, value, ours, flasks) -> None:
    assert body(make_app(backend, provider_class), value) == ours + b"\n"
    assert body(flask_app(), value) == flasks + b"\n"
    assert json.loads(ours) == json.loads(flasks) == value


@settings(deadline=None)
@given(x=ANY_FLOAT)
def test_every_finite_float_round_trips(backend, provider_class, x) -> None:
    assert json.loads(body(make_app(backend, provider_class), x)) == x


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_become_null(backend, provider_class, value) -> None:
    assert body(make_app(backend, provider_class), [value]) == b"[null]\n"
    assert body(flask_app(), [value]) in (b"[NaN]\n", b"[Infinity]\n", b"[-Infinity]\n")


@pytest.mark.parametrize("value", [2**64, -(2**63) - 1, 10**30])
def test_integers_beyond_64_bits_raise(backend, provider_class, value) -> None:
    assert flask_app().json.dumps(value) == str(value)
    with pytest.raises(TypeError):
        make_app(backend, provider_class).json.dumps(value)


def test_non_str_keys_sorted_as_strings(backend, provider_class) -> None:
    obj = {10: "a", 2: "b"}
    assert body(make_app(backend, provider_class), obj) == b'{"10":"a","2":"b"}\n'
    assert body(flask_app(), obj) == b'{"2":"b","10":"a"}\n'


def test_mixed_keys_sort_where_flask_raises(backend, provider_class) -> None:
    obj = {1: "a", "b": 2}
    with pytest.raises(TypeError):
        body(flask_app(), obj)
    assert body(make_app(backend, provider_class), obj) == b'{"1":"a","b":2}\n'


def test_date_and_uuid_keys_accepted_where_flask_raises(backend, provider_class) -> None:
    obj = {dt.date(2020, 1, 2): 1, uuid.UUID(int=1): 2}
    with pytest.raises(TypeError):
        flask_app().json.dumps(obj)
    assert make_app(backend, provider_class, sort_keys=False).json.dumps(obj) == (
        '{"2020-01-02":1,"00000000-0000-0000-0000-000000000001":2}'
    )


def test_plain_enum_serialised_by_value_where_flask_raises(backend, provider_class) -> None:
    color = enum.Enum("Color", "RED")
    with pytest.raises(TypeError):
        flask_app().json.dumps(color.RED)
    assert make_app(backend, provider_class).json.dumps(color.RED) == "1"


def test_lone_surrogate_raises(backend, provider_class) -> None:
    assert flask_app().json.dumps("\ud800") == '"\\ud800"'
    with pytest.raises(TypeError):
        make_app(backend, provider_class).json.dumps("\ud800")


def _nested(levels: int) -> list[t.Any]:
    obj: list[t.Any] = []
    for _ in range(levels - 1):
        obj = [obj]
    return obj


def test_nesting_deeper_than_254_levels_raises(backend, provider_class) -> None:
    app = make_app(backend, provider_class)
    assert app.json.dumps(_nested(254)) == "[" * 254 + "]" * 254
    assert json.loads(flask_app().json.dumps(_nested(300))) == _nested(300)
    with pytest.raises(TypeError):
        app.json.dumps(_nested(255))


def test_circular_reference_raises_type_error(backend, provider_class) -> None:
    loop: list[t.Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        flask_app().json.dumps(loop)
    with pytest.raises(TypeError):
        make_app(backend, provider_class).json.dumps(loop)


# ------------------------------------------------------- dumps keyword arguments


def test_dumps_kwargs_orjson_can_honour(backend, provider_class) -> None:
    app = make_app(backend, provider_class)
    obj = {"b": 1, "a": "\u00e9"}
    assert app.json.dumps(obj, indent=2) == json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)
    assert app.json.dumps(obj, separators=(",", ":")) == '{"a":"\u00e9","b":1}'
    assert app.json.dumps(obj, sort_keys=False, ensure_ascii=True) == '{"b":1,"a":"\\u00e9"}'
    assert app.json.dumps(obj, default=str) == '{"a":"\u00e9","b":1}'


@pytest.mark.parametrize("kwargs", [
    {"indent": 4}, {"separators": (", ", ": ")}, {"indent": 2, "separators": (",", ":")},
    {"allow_nan": False}, {"cls": json.JSONEncoder},
])
def test_dumps_kwargs_orjson_cannot_honour_go_to_json(backend, provider_class, kwargs) -> None:
    obj = {"b": [1, dt.date(2020, 1, 1)], "a": "\u00e9"}
    ours = make_app(backend, provider_class).json.dumps(obj, **kwargs)
    ref = flask_app(ensure_ascii=False).json.dumps(obj, **kwargs)
    assert ours == ref


# ------------------------------------------------------------------------ loads


@settings(deadline=None)
@given(obj=json_values(ints=st.integers(), floats=ANY_FLOAT), as_bytes=st.booleans())
def test_loads_equals_json_loads(backend, provider_class, obj, as_bytes) -> None:
    text = json.dumps(obj, ensure_ascii=False)
    data: str | bytes = text.encode() if as_bytes else text
    result = make_app(backend, provider_class).json.loads(data)
    assert result == json.loads(data)
    assert json.dumps(result) == json.dumps(json.loads(data))  # same int/float types too


@pytest.mark.parametrize("data", [
    "[NaN, Infinity, -Infinity]", "1e400", str(2**70), str(-(2**63) - 1), str(2**64 - 1),
    '{"id": 123456789012345678901234567890}', '"\\ud800"', b"\xef\xbb\xbf{}",
    '{"a": 1}'.encode("utf-16"), '{"a": 1, "a": 2}', b'"caf\xc3\xa9"',
])
def test_loads_edge_cases_as_json(backend, provider_class, data) -> None:
    result = make_app(backend, provider_class).json.loads(data)
    expected = json.loads(data)
    assert repr(result) == repr(expected)


@pytest.mark.parametrize("data", ["", "{", "[1,]", b"\xff", "{'a': 1}", "01"])
def test_loads_invalid_raises_value_error(backend, provider_class, data) -> None:
    with pytest.raises(ValueError):
        json.loads(data)
    with pytest.raises(ValueError):
        make_app(backend, provider_class).json.loads(data)


def test_loads_kwargs_go_to_json(backend, provider_class) -> None:
    result = make_app(backend, provider_class).json.loads('{"x": 1.10}', parse_float=decimal.Decimal)
    assert result == {"x": decimal.Decimal("1.10")}


# -------------------------------------------------- Flask entry points use it


def test_jsonify_view_dict_and_tojson_go_through_provider(backend, provider_class) -> None:
    app = make_app(backend, provider_class)
    calls: list[str] = []

    class Counting(provider_class):  # type: ignore[misc, valid-type]
        def _encode(self, *args: t.Any) -> bytes:
            calls.append("encode")
            return super()._encode(*args)  # type: ignore[no-any-return]

    app.json = Counting(app)

    @app.route("/jsonify")
    def jsonify_view() -> flask.Response:
        return flask.jsonify(b=1, a="\u00e9")

    @app.route("/dict")
    def dict_view() -> dict[str, t.Any]:
        return {"when": dt.date(2020, 1, 1)}

    @app.route("/list")
    def list_view() -> list[int]:
        return [1, 2]

    @app.route("/tojson")
    def tojson_view() -> str:
        return flask.render_template_string("{{ v|tojson }}", v={"x": "<b>"})

    client = app.test_client()
    rv = client.get("/jsonify")
    assert rv.data == '{"a":"\u00e9","b":1}\n'.encode()
    assert rv.content_type == "application/json"
    assert client.get("/dict").data == b'{"when":"Wed, 01 Jan 2020 00:00:00 GMT"}\n'
    assert client.get("/list").data == b"[1,2]\n"
    assert client.get("/tojson").data == b'{"x":"\\u003cb\\u003e"}'
    assert calls == ["encode"] * 4
