"""Express ``test/res.json.js``.  (The ``"json escape"``, ``"json replacer"``
and ``"json spaces"`` settings are app JSON settings: see NOT_APPLICABLE.md.)"""

from __future__ import annotations

import pytest

from spec_support import app, fixtures, serve  # noqa: F401 - fixtures

BARE_JSON = pytest.mark.express_difference("bare application/json, as Flask's jsonify")


def test_json_object_should_not_support_jsonp_callbacks(app) -> None:
    """.json(object) > should not support jsonp callbacks"""
    assert serve(app, lambda req, res: res.json({"foo": "bar"}), "/?callback=foo").data == b'{"foo":"bar"}'


@pytest.mark.express_difference("a JSON Content-Type set earlier is kept as set (no charset added), as Flask's")
def test_json_object_should_not_override_previous_content_types(app) -> None:
    """.json(object) > should not override previous Content-Types"""
    rv = serve(app, lambda req, res: res.type("application/vnd.example+json").json({"hello": "world"}))
    assert rv.headers["Content-Type"] == "application/vnd.example+json"
    assert (rv.status_code, rv.data) == (200, b'{"hello":"world"}')


@BARE_JSON
@pytest.mark.parametrize(("title", "value", "body"), [("null", None, b"null"), ("Number", 300, b"300"), ("String", "str", b'"str"')])
def test_json_when_given_primitives_should_respond_with_json(app, title, value, body) -> None:
    """.json(object) > when given primitives > should respond with json for null / Number / String"""
    rv = serve(app, lambda req, res: res.json(value))
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, body)


@BARE_JSON
def test_json_when_given_an_array_should_respond_with_json(app) -> None:
    """.json(object) > when given an array > should respond with json"""
    rv = serve(app, lambda req, res: res.json(["foo", "bar", "baz"]))
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b'["foo","bar","baz"]')


@BARE_JSON
def test_json_when_given_an_object_should_respond_with_json(app) -> None:
    """.json(object) > when given an object > should respond with json"""
    rv = serve(app, lambda req, res: res.json({"name": "tobi"}))
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b'{"name":"tobi"}')
