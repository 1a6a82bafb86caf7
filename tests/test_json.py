"""fastres.json.OrjsonProvider against Flask's DefaultJSONProvider (the oracle).

``dumps`` and ``response`` must write Flask's bytes for every value, argument
and provider setting: hypothesis generates the values and the arguments and
compares byte for byte, errors included.  The few remaining differences are
pinned at the end, so the README cannot drift from the code.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import decimal
import enum
import gc
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

from fastres import core


@dataclasses.dataclass
class Point:
    x: t.Any
    when: dt.date
    tags: tuple[str, ...] = ()


class Html:
    def __html__(self) -> str:
        return "<b>hi</b>"


class Money(float):
    pass


Pair = collections.namedtuple("Pair", "left right")

TEXT = st.text() | st.sampled_from(["\ud800", "\x7f", "\u2028", "\U0001f600", "caf\u00e9", '\x00\t\n"\\/'])
FLOATS = (
    st.floats()
    | st.sampled_from([1e-5, 1e-7, 1.5e-9, 1e16, 1e22, -0.0, 5e-324, 1e-4, 9.99e-5])
    | st.builds(Money, st.floats())
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | FLOATS
    | TEXT
    | TEXT.map(Markup)
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(dt.timezone.utc))
    | st.uuids()
    | st.decimals()
    | st.builds(Html)
)
KEYS = TEXT | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()


def json_values(keys: st.SearchStrategy[t.Any] = TEXT) -> st.SearchStrategy[t.Any]:
    return st.recursive(
        SCALARS,
        lambda children: (
            st.lists(children, max_size=5)
            | st.lists(children, max_size=3).map(tuple)
            | st.builds(Pair, children, children)
            | st.builds(Point, children, st.dates(), st.lists(TEXT, max_size=2).map(tuple))
            | st.dictionaries(keys, children, max_size=5)
        ),
        max_leaves=20,
    )


PLAIN_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(TEXT, children, max_size=5),
    max_leaves=25,
)


def custom_default(o: t.Any) -> t.Any:
    """A user's default (UUIDs as str: orjson writes them itself, pinned below)."""
    if isinstance(o, uuid.UUID):
        return str(o)
    if isinstance(o, dt.date):
        return o.isoformat()
    if isinstance(o, (set, frozenset)):
        return sorted(o, key=repr)
    return repr(o)


DUMPS_KWARGS = st.fixed_dictionaries(
    {},
    optional={
        "indent": st.none() | st.integers(-1, 4) | st.sampled_from(["", "\t", "  ", "--", "\u2192"]),
        "separators": st.none()
        | st.tuples(st.sampled_from([",", ", ", ";", " , ", "\u2192"]), st.sampled_from([":", ": ", "=", " : "])),
        "sort_keys": st.booleans(),
        "ensure_ascii": st.booleans(),
        "allow_nan": st.booleans(),
        "skipkeys": st.booleans(),
        "check_circular": st.booleans(),
        "default": st.just(custom_default),
    },
)
PROVIDER_SETTINGS = st.fixed_dictionaries(
    {}, optional={"ensure_ascii": st.booleans(), "sort_keys": st.booleans(), "default": st.just(custom_default)}
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
    with app.app_context():
        return app.json.response(*args, **kwargs).get_data()  # type: ignore[attr-defined, no-any-return]


def outcome(call: t.Callable[[], t.Any]) -> t.Any:
    """The result, or the exception's type and message."""
    try:
        return call()
    except (TypeError, ValueError, RecursionError) as exc:
        return type(exc), str(exc)


# ------------------------------------------------------- dumps: Flask's bytes


@settings(deadline=None, max_examples=300)
@given(obj=json_values(), kwargs=DUMPS_KWARGS, provider=PROVIDER_SETTINGS)
def test_dumps_identical_to_flask(backend, provider_class, obj, kwargs, provider) -> None:
    ours = make_app(backend, provider_class, **provider)
    ref = flask_app(**provider)
    assert outcome(lambda: ours.json.dumps(obj, **kwargs)) == outcome(lambda: ref.json.dumps(obj, **kwargs))


@settings(deadline=None)
@given(obj=json_values(KEYS), kwargs=DUMPS_KWARGS)
def test_dumps_non_str_keys_identical_to_flask(backend, provider_class, obj, kwargs) -> None:
    ours = make_app(backend, provider_class)
    ref = flask_app()
    assert outcome(lambda: ours.json.dumps(obj, **kwargs)) == outcome(lambda: ref.json.dumps(obj, **kwargs))


@settings(deadline=None)
@given(x=st.floats() | st.builds(Money, st.floats()), indent=st.none() | st.just(2))
def test_every_float_spelled_as_json(backend, provider_class, x, indent) -> None:
    app = make_app(backend, provider_class)
    assert app.json.dumps([x], indent=indent) == json.dumps([x], indent=indent)


@pytest.mark.parametrize(
    "value, spelled",
    [
        (1e-05, "1e-05"),
        (1.5e-05, "1.5e-05"),
        (1e-06, "1e-06"),
        (9.99e-08, "9.99e-08"),
        (1e-10, "1e-10"),
        (1e16, "1e+16"),
        (0.0001, "0.0001"),
        (math.nan, "NaN"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
        (2**64, "18446744073709551616"),
        (-(2**63) - 1, "-9223372036854775809"),
        (Money(2.5e-5), "2.5e-05"),
    ],
)
def test_floats_and_big_ints_as_json_writes_them(backend, provider_class, value, spelled) -> None:
    assert make_app(backend, provider_class).json.dumps(value) == flask_app().json.dumps(value) == spelled


def test_dumps_standard_separators(backend, provider_class) -> None:
    obj = {"b": [1, 2], "a": None, "c": "\u00e9"}
    expected = '{"a": null, "b": [1, 2], "c": "\\u00e9"}'
    assert make_app(backend, provider_class).json.dumps(obj) == flask_app().json.dumps(obj) == expected


@pytest.mark.parametrize(
    "kwargs",
    [
        {"indent": 0},
        {"indent": 4},
        {"indent": "\t"},
        {"indent": -2},
        {"indent": True},
        {"indent": 2.0},
        {"separators": (", ", ": ")},
        {"indent": 2, "separators": (",", ":")},
        {"separators": ["|", "->"]},
        {"allow_nan": False},
        {"cls": json.JSONEncoder},
        {"skipkeys": True},
        {"indent": 2, "sort_keys": False},
        {"separators": ("\u2192", ":")},
        {"separators": (",",)},
        {"bogus": 1},
    ],
)
def test_dumps_arguments_as_flask(backend, provider_class, kwargs) -> None:
    obj = {"b": [1, dt.date(2020, 1, 1), {}, [], math.nan], "a": "\u00e9", 3: {"x": [None]}}
    obj_str_keys = {k: v for k, v in obj.items() if isinstance(k, str)}
    ours = make_app(backend, provider_class).json
    ref = flask_app().json
    for value in (obj, obj_str_keys, [obj_str_keys]):
        assert outcome(lambda v=value: ours.dumps(v, **kwargs)) == outcome(lambda v=value: ref.dumps(v, **kwargs))


@settings(deadline=None)
@given(obj=PLAIN_JSON)
def test_dumps_default_none_as_flask(backend, provider_class, obj) -> None:
    ours = make_app(backend, provider_class).json
    assert outcome(lambda: ours.dumps(obj, default=None)) == outcome(lambda: flask_app().json.dumps(obj, default=None))
    for value in (dt.date(2020, 1, 1), decimal.Decimal(1), Point(1, dt.date(2020, 1, 1))):
        assert outcome(lambda v=value: ours.dumps(v, default=None)) == outcome(
            lambda v=value: flask_app().json.dumps(v, default=None)
        )


def test_cls_encoder_subclass(backend, provider_class) -> None:
    class SetEncoder(json.JSONEncoder):
        def default(self, o: t.Any) -> t.Any:
            return sorted(o) if isinstance(o, set) else super().default(o)

    obj = {"s": {2, 1}}
    ours = make_app(backend, provider_class).json
    assert ours.dumps(obj, cls=SetEncoder, default=None) == flask_app().json.dumps(obj, cls=SetEncoder, default=None)


@pytest.mark.parametrize("name", ["circular", "deep", "lone surrogate", "mixed keys"])
def test_what_orjson_refuses_goes_to_json(backend, provider_class, name) -> None:
    loop: list[t.Any] = []
    loop.append(loop)
    deep: list[t.Any] = []
    for _ in range(300):
        deep = [deep]
    obj = {"circular": loop, "deep": deep, "lone surrogate": "\ud800", "mixed keys": {1: "a", "b": 2}}[name]
    ours = make_app(backend, provider_class).json
    ref = flask_app().json
    assert outcome(lambda: ours.dumps(obj)) == outcome(lambda: ref.dumps(obj))
    assert outcome(lambda: ours.dumps(obj, sort_keys=False)) == outcome(lambda: ref.dumps(obj, sort_keys=False))


def test_tojson_filter_identical(backend, provider_class) -> None:
    template = "<script>var v = {{ v|tojson }};</script>"
    value = {"x": "<b>'&'</b>", "y": [1e-7, "\u00e9"]}
    ours = make_app(backend, provider_class)
    ref = flask_app()
    with ours.app_context():
        a = flask.render_template_string(template, v=value)
    with ref.app_context():
        b = flask.render_template_string(template, v=value)
    assert a == b


# ---------------------------------------------------- response: Flask's bytes


@settings(deadline=None, max_examples=200)
@given(
    obj=json_values(),
    provider=PROVIDER_SETTINGS,
    compact=st.sampled_from([None, True, False]),
    debug=st.booleans(),
)
def test_response_bytes_identical_to_flask(backend, provider_class, obj, provider, compact, debug) -> None:
    ours = make_app(backend, provider_class, compact=compact, **provider)
    ref = flask_app(compact=compact, **provider)
    ours.debug = ref.debug = debug
    assert outcome(lambda: body(ours, obj)) == outcome(lambda: body(ref, obj))


def test_ensure_ascii_escapes_astral_and_del(backend, provider_class) -> None:
    obj = {"k\u00e9": "\x7f\u2028\U0001f600"}
    ours = make_app(backend, provider_class)
    assert body(ours, obj) == body(flask_app(), obj) == b'{"k\\u00e9":"\\u007f\\u2028\\ud83d\\ude00"}\n'


def test_ensure_ascii_false_writes_utf8_as_flask(backend, provider_class) -> None:
    obj = {"name": "caf\u00e9 \U0001f600"}
    ours = body(make_app(backend, provider_class, ensure_ascii=False), obj)
    assert ours == body(flask_app(ensure_ascii=False), obj) == '{"name":"caf\u00e9 \U0001f600"}\n'.encode()


@pytest.mark.parametrize(
    "compact, debug, indented",
    [
        (None, False, False),
        (None, True, True),
        (True, True, False),
        (False, False, True),
    ],
)
def test_compact_and_debug_as_flask(backend, provider_class, compact, debug, indented) -> None:
    obj = {"b": [1, {}, []], "a": {"c": None}}
    ours = make_app(backend, provider_class, compact=compact)
    ref = flask_app(compact=compact)
    ours.debug = ref.debug = debug
    assert body(ours, obj) == body(ref, obj)
    assert (b"\n  " in body(ours, obj)) is indented


def test_debug_of_an_app_subclass_is_honoured(backend, provider_class) -> None:
    class Debugging(flask.Flask):
        @property  # type: ignore[override]
        def debug(self) -> bool:
            return True

    ours = Debugging("fastres_json_test")
    ours.response_class = backend.FlaskResponse
    ours.json = provider_class(ours)
    ref = Debugging("flask_json_oracle")
    obj = {"a": [1, 2]}
    assert body(ours, obj) == body(ref, obj) == b'{\n  "a": [\n    1,\n    2\n  ]\n}\n'


def test_settings_changed_between_responses_apply_at_once(backend, provider_class) -> None:
    sub = type("Sub", (provider_class,), {})
    ours = make_app(backend, sub)
    ours.json = sub(ours)
    ref = flask_app()
    obj = {"b": "\u00e9", "a": 1.5}
    assert body(ours, obj) == body(ref, obj)
    sub.sort_keys = False  # on the class, as on Flask's
    ref.json.sort_keys = False  # type: ignore[attr-defined]
    assert body(ours, obj) == body(ref, obj) == b'{"b":"\\u00e9","a":1.5}\n'
    ours.json.ensure_ascii = ref.json.ensure_ascii = False  # type: ignore[attr-defined]
    ours.config["DEBUG"] = ref.config["DEBUG"] = True
    assert body(ours, obj) == body(ref, obj)
    assert b"\n  " in body(ours, obj)


def test_response_of_a_provider_whose_app_is_gone(backend, provider_class) -> None:
    provider = make_app(backend, provider_class).json
    gc.collect()
    with pytest.raises(ReferenceError):
        provider.response({"a": 1})  # type: ignore[attr-defined]


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


def test_provider_defaults_are_flasks(provider_class) -> None:
    for name in ("ensure_ascii", "sort_keys", "compact", "mimetype"):
        assert getattr(provider_class, name) == getattr(DefaultJSONProvider, name), name


# -------------------------------------- response: the core's provider method


def test_response_is_the_cores_function(backend, provider_class) -> None:
    assert provider_class.response is backend.core.json_provider_response
    other = core.pure if backend.core is not core.pure else backend.core
    rebound = type("OrjsonProvider", (provider_class,), {"_core": other})
    assert rebound.response is other.json_provider_response
    own = type("Own", (provider_class,), {"_core": other, "response": lambda self, *a, **k: "own"})
    assert own(flask_app()).response(1) == "own"


def test_response_subclass_method_default_and_prepare(backend, provider_class) -> None:
    class Mixin:
        def default(self, o: t.Any) -> t.Any:  # a method, not a static function
            return {"custom": repr(o)} if isinstance(o, complex) else DefaultJSONProvider.default(o)

        def _prepare_response_obj(self, args: tuple[t.Any, ...], kwargs: dict[str, t.Any]) -> t.Any:
            return {"args": list(args), "kwargs": kwargs}

    ours = make_app(backend, type("Ours", (Mixin, provider_class), {}))
    ref = flask_app()
    ref.json = type("Ref", (Mixin, DefaultJSONProvider), {})(ref)
    for args, kwargs in [((), {}), ((1, 2j), {}), ((1,), {"a": 2})]:
        assert body(ours, *args, **kwargs) == body(ref, *args, **kwargs)
    expected = ref.json.dumps([1j], separators=(",", ":")).encode() + b"\n"  # type: ignore[attr-defined]
    assert body(ours, [1j]) == expected == b'[{"custom":"1j"}]\n'
    # One argument, or keywords alone, are the value itself without asking it
    # (Flask asks): the private hook is for the other forms.
    assert body(ours, a=1) == b'{"a":1}\n'


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("compact", [None, True, False])
@pytest.mark.parametrize(
    "obj", [{1: "a", "b": [2**70]}, [math.nan, {"x": -math.inf}], {"s": "\ud800"}], ids=["keys", "nan", "surrogate"]
)
def test_response_json_fallback_as_flask(backend, provider_class, obj, compact, debug) -> None:
    ours = make_app(backend, provider_class, compact=compact, sort_keys=False, mimetype="text/x-json")
    ref = flask_app(compact=compact, sort_keys=False, mimetype="text/x-json")
    ours.debug = ref.debug = debug
    with ours.app_context():
        rv = ours.json.response(obj)  # type: ignore[attr-defined]
    assert type(rv) is backend.FlaskResponse
    assert rv.mimetype == "text/x-json"
    assert rv.get_data() == body(ref, obj)


def test_response_instance_settings_and_any_response_class(backend, provider_class) -> None:
    ours = make_app(backend, provider_class)
    ref = flask_app()
    for app in (ours, ref):
        app.json.compact = False  # type: ignore[attr-defined]
        app.json.mimetype = "application/problem+json"  # type: ignore[attr-defined]
        app.json.default = str  # type: ignore[attr-defined]
        app.response_class = flask.Response
    obj = {"when": 1j, "n": [1.5]}
    with ours.app_context():
        rv = ours.json.response(obj)  # type: ignore[attr-defined]
    assert type(rv) is flask.Response
    assert rv.mimetype == "application/problem+json"
    assert rv.get_data() == body(ref, obj) == b'{\n  "n": [\n    1.5\n  ],\n  "when": "1j"\n}\n'
    ours.response_class = lambda data, mimetype: (data, mimetype)  # type: ignore[assignment]
    assert ours.json.response(1) == (b"1\n", "application/problem+json")  # type: ignore[attr-defined]


# ----------------------------------------------------- default: Flask's types


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
    ref = flask_app()
    assert body(ours, obj) == body(ref, obj)
    assert ours.json.dumps(obj) == ref.json.dumps(obj)


@pytest.mark.parametrize("obj", [object(), {1, 2}, b"bytes", dt.time(12, 0)])
def test_unknown_types_raise_type_error_like_flask(backend, provider_class, obj) -> None:
    with pytest.raises(TypeError):
        flask_app().json.dumps(obj)
    with pytest.raises(TypeError):
        make_app(backend, provider_class).json.dumps(obj)


def test_custom_default_on_instance(backend, provider_class) -> None:
    app = make_app(backend, provider_class, default=lambda o: sorted(o) if isinstance(o, set) else repr(o))
    assert app.json.dumps({"s": {3, 1, 2}}) == '{"s": [1, 2, 3]}'


def test_non_str_keys_unsorted_identical_to_flask(backend, provider_class) -> None:
    obj = {1: "a", False: "b", None: "c", 1.5: "d", "e": {2: [3]}}
    ours = make_app(backend, provider_class, sort_keys=False)
    assert body(ours, obj) == body(flask_app(sort_keys=False), obj)
    assert body(ours, obj) == b'{"1":"a","false":"b","null":"c","1.5":"d","e":{"2":[3]}}\n'


def test_str_subclass_keys(backend, provider_class) -> None:
    obj = {Markup("k"): 1}
    assert body(make_app(backend, provider_class), obj) == body(flask_app(), obj) == b'{"k":1}\n'


# ------------------------------------------------------------------------ loads


@settings(deadline=None)
@given(obj=PLAIN_JSON, as_bytes=st.booleans())
def test_loads_equals_json_loads(backend, provider_class, obj, as_bytes) -> None:
    text = json.dumps(obj, ensure_ascii=False)
    data: str | bytes = text.encode("utf-8", "surrogatepass") if as_bytes else text
    ours = outcome(lambda: make_app(backend, provider_class).json.loads(data))
    ref = outcome(lambda: json.loads(data))
    assert json.dumps(ours) == json.dumps(ref)  # same values, same int/float types, same errors


@pytest.mark.parametrize(
    "data",
    [
        "[NaN, Infinity, -Infinity]",
        "1e400",
        str(2**70),
        str(-(2**63) - 1),
        str(2**64 - 1),
        '{"id": 123456789012345678901234567890}',
        '"\\ud800"',
        b"\xef\xbb\xbf{}",
        '{"a": 1}'.encode("utf-16"),
        '{"a": 1, "a": 2}',
        b'"caf\xc3\xa9"',
    ],
)
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
        def response(self, *args: t.Any, **kwargs: t.Any) -> t.Any:
            calls.append("response")
            return super().response(*args, **kwargs)

        def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
            calls.append("dumps")
            return super().dumps(obj, **kwargs)  # type: ignore[no-any-return]

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
    assert rv.data == b'{"a":"\\u00e9","b":1}\n'
    assert rv.content_type == "application/json"
    assert client.get("/dict").data == b'{"when":"Wed, 01 Jan 2020 00:00:00 GMT"}\n'
    assert client.get("/list").data == b"[1,2]\n"
    assert client.get("/tojson").data == b'{"x": "\\u003cb\\u003e"}'  # Flask's spacing
    assert calls == ["response", "dumps", "response", "dumps", "response", "dumps", "dumps"]  # as Flask's


def _shouting(base: type) -> type:
    class Shouting(base):  # type: ignore[misc, valid-type]
        def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
            return super().dumps({"wrapped": obj}, **kwargs).upper()  # type: ignore[no-any-return]

    return Shouting


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("args", [((1,), {}), (({"a": "é"},), {}), ((), {"b": [1, 2]}), ((1, 2), {}), ((), {})])
def test_a_subclass_dumps_writes_the_response_body_as_in_flask(backend, provider_class, debug, args) -> None:
    ours = make_app(backend, provider_class)
    ours.json = _shouting(provider_class)(ours)
    theirs = flask_app()
    theirs.json = _shouting(DefaultJSONProvider)(theirs)
    for app in (ours, theirs):
        app.debug = debug
        app.json.ensure_ascii = True
    positional, keywords = args
    assert body(ours, *positional, **keywords) == body(theirs, *positional, **keywords)


# ----------------------------------------------- remaining differences (pinned)


def test_plain_enum_written_by_value_where_flask_raises(backend, provider_class) -> None:
    color = enum.Enum("Color", "RED")
    with pytest.raises(TypeError):
        flask_app().json.dumps(color.RED)
    assert make_app(backend, provider_class).json.dumps(color.RED) == "1"
    # A custom default is not asked either: orjson writes members itself.
    assert flask_app(default=lambda o: o.name).json.dumps(color.RED) == '"RED"'
    assert make_app(backend, provider_class, default=lambda o: o.name).json.dumps(color.RED) == "1"


def test_uuid_written_as_str_without_asking_a_custom_default(backend, provider_class) -> None:
    value = uuid.UUID(int=1)
    assert flask_app(default=lambda o: o.hex).json.dumps(value) == '"00000000000000000000000000000001"'
    assert make_app(backend, provider_class, default=lambda o: o.hex).json.dumps(value) == (
        '"00000000-0000-0000-0000-000000000001"'
    )
    assert make_app(backend, provider_class).json.dumps(value, default=None) == '"00000000-0000-0000-0000-000000000001"'
    with pytest.raises(TypeError):
        flask_app().json.dumps(value, default=None)
    # With the default provider's own default, both write str(uuid).
    assert make_app(backend, provider_class).json.dumps(value) == flask_app().json.dumps(value)


def test_default_may_be_called_again_when_json_takes_over(backend, provider_class) -> None:
    calls: list[t.Any] = []

    def counting(o: t.Any) -> t.Any:
        calls.append(o)
        return o.isoformat()

    obj = [dt.date(2020, 1, 1), 2**70]  # orjson calls default, then refuses the big int
    assert (
        make_app(backend, provider_class, default=counting).json.dumps(obj) == '["2020-01-01", 1180591620717411303424]'
    )
    assert len(calls) == 2
    calls.clear()
    flask_app(default=counting).json.dumps(obj)
    assert len(calls) == 1
