"""The Express facade's ``res.json``/``res.jsonp`` write what the app's JSON provider writes.

As Express writes it: no trailing newline (``app.json.response`` adds one, as
Flask does) and non-ASCII as UTF-8 (``JSON.stringify``), whatever
``app.json.ensure_ascii`` says.  With ``EXPRESS_JSON_ESCAPE``, ``<``, ``>``
and ``&`` are escaped afterwards, as Express's ``"json escape"``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import typing as t
import uuid

import flask
import pytest
from flask.json.provider import DefaultJSONProvider


VALUE = {
    "b": [1, 1e-7, None, "caf\u00e9 \u2028"],
    "a": {"when": dt.date(2020, 1, 1), "id": uuid.UUID(int=1), "price": decimal.Decimal("1.10")},
}


def provider_body(app: flask.Flask, obj: t.Any) -> bytes:
    """``app.json.response(obj)``'s body with ``ensure_ascii = False``."""
    saved = app.json.ensure_ascii  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    try:
        with app.app_context():
            return app.json.response(obj).get_data()  # type: ignore[attr-defined, no-any-return]
    finally:
        app.json.ensure_ascii = saved  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"sort_keys": False},
        {"ensure_ascii": False},
        {"ensure_ascii": True},
        {"compact": False},
        {"debug": True},
    ],
)
@pytest.mark.parametrize("use_fastres_provider", [False, True])
def test_res_json_is_the_app_json_body(app, facade, provider_class, settings, use_fastres_provider) -> None:
    if use_fastres_provider:
        app.json = provider_class(app)
    settings = dict(settings)
    app.debug = settings.pop("debug", False)
    for name, value in settings.items():
        setattr(app.json, name, value)
    with app.test_request_context("/"):
        ours = facade().json(VALUE).get_data()
        via_jsonp = facade().jsonp(VALUE).get_data()
    expected = provider_body(app, VALUE)
    assert expected.endswith(b"\n")
    assert ours == via_jsonp == expected[:-1]


def test_res_json_dates_as_jsonify_writes_them(app, facade) -> None:
    with app.test_request_context("/"):
        body = facade().json({"d": dt.date(2020, 1, 1)}).get_data()
        assert body + b"\n" == flask.jsonify({"d": dt.date(2020, 1, 1)}).get_data()
    assert body == b'{"d":"Wed, 01 Jan 2020 00:00:00 GMT"}'


def test_res_json_sorts_keys_and_converts_int_keys_as_flask(app, facade) -> None:
    with app.test_request_context("/"):
        assert facade().json({"b": 1, "a": 2}).get_data() == b'{"a":2,"b":1}'
        assert facade().json({10: "a", 2: "b"}).get_data() == b'{"2":"b","10":"a"}'
        with pytest.raises(TypeError):  # mixed key types cannot be sorted, as in Flask
            facade().json({1: "a", "b": 2})


def test_res_json_through_a_custom_provider(app, facade) -> None:
    class Upper(DefaultJSONProvider):
        def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
            return super().dumps(obj, **kwargs).upper()

    app.json = Upper(app)
    with app.test_request_context("/"):
        assert facade().json({"a": "x"}).get_data() == b'{"A":"X"}'


def test_res_json_outside_an_app_uses_flask_defaults(facade) -> None:
    assert facade().json({"b": "\u00e9", "a": [1e-5]}).get_data() == '{"a":[1e-05],"b":"\u00e9"}'.encode()


def test_jsonp_callback_wraps_the_app_body(app, facade) -> None:
    with app.test_request_context("/?callback=cb"):
        body = facade().jsonp({"a": "\u2028\u2029\u00e9"}).get_data()
    assert body == '/**/ typeof cb === \'function\' && cb({"a":"\\u2028\\u2029\u00e9"});'.encode()


ESCAPE_VALUE = {"<&>": ["</script>", "a && b > c", "caf\u00e9 \u2028 <\U0001f600>"], "n": [1, None]}


@pytest.mark.parametrize("provider", ["flask", "fastres", "custom"])
@pytest.mark.parametrize("compact", [None, False])
def test_json_escape_rewrites_exactly_the_html_sniffing_characters(
    app, facade, provider_class, provider, compact
) -> None:
    """``EXPRESS_JSON_ESCAPE``: the same JSON with ``<``, ``>``, ``&`` as escapes, for every provider."""
    if provider == "fastres":
        app.json = provider_class(app)
    elif provider == "custom":

        class Custom(DefaultJSONProvider):
            pass

        app.json = Custom(app)
    app.json.compact = compact  # type: ignore[attr-defined]
    with app.test_request_context("/"):
        plain = facade().json(ESCAPE_VALUE).get_data()
        app.config["EXPRESS_JSON_ESCAPE"] = True
        escaped = facade().json(ESCAPE_VALUE).get_data()
        via_jsonp = facade().jsonp(ESCAPE_VALUE).get_data()
    assert escaped == via_jsonp
    assert not set(escaped) & set(b"<>&")
    assert escaped == plain.replace(b"&", b"\\u0026").replace(b"<", b"\\u003c").replace(b">", b"\\u003e")
    assert flask.json.loads(escaped) == flask.json.loads(plain)
    # As JSON.stringify then Express's escape (a custom provider keeps its ensure_ascii).
    expected = flask.json.dumps(ESCAPE_VALUE, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if compact is None and provider != "custom":
        assert escaped.decode() == expected.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def test_json_escape_is_off_by_default_and_outside_an_app(app, facade) -> None:
    assert app.config["EXPRESS_JSON_ESCAPE"] is False
    with app.test_request_context("/"):
        assert facade().json({"a": "<&>"}).get_data() == b'{"a":"<&>"}'
    assert facade().json({"a": "<&>"}).get_data() == b'{"a":"<&>"}'
