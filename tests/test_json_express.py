"""The Express facade's ``res.json``/``res.jsonp`` write what the app's JSON provider writes.

As Express writes it: no trailing newline (``app.json.response`` adds one, as
Flask does) and non-ASCII as UTF-8 (``JSON.stringify``), whatever
``app.json.ensure_ascii`` says.
"""

from __future__ import annotations

import datetime as dt
import decimal
import typing as t
import uuid

import flask
import pytest
from flask.json.provider import DefaultJSONProvider

from express_support import app, facade  # noqa: F401 - fixtures

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


@pytest.mark.parametrize("settings", [
    {}, {"sort_keys": False}, {"ensure_ascii": False}, {"ensure_ascii": True}, {"compact": False}, {"debug": True},
])
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
    assert body == "/**/ typeof cb === 'function' && cb({\"a\":\"\\u2028\\u2029\u00e9\"});".encode()
