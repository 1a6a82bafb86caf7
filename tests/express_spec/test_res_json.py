"""Express ``test/res.json.js``.

Express's ``"json spaces"`` and ``"json replacer"`` settings are the app's JSON
provider here (``app.json.compact``, ``app.json.default``); ``"json escape"``
is the app's ``EXPRESS_JSON_ESCAPE`` config."""

from __future__ import annotations

import pytest

from spec_support import Record, again, public_fields, serve

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
@pytest.mark.parametrize(
    ("title", "value", "body"), [("null", None, b"null"), ("Number", 300, b"300"), ("String", "str", b'"str"')]
)
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


def test_json_json_escape_setting_should_be_undefined_by_default(app) -> None:
    """.json(object) > "json escape" setting > should be undefined by default"""
    assert app.config["EXPRESS_JSON_ESCAPE"] is False  # Python's unset setting: off
    assert serve(app, lambda req, res: res.json({"&": "<script>"})).data == b'{"&":"<script>"}'


@BARE_JSON
def test_json_json_escape_setting_should_unicode_escape_html_sniffing_characters(app) -> None:
    """.json(object) > "json escape" setting > should unicode escape HTML-sniffing characters"""
    app.config["EXPRESS_JSON_ESCAPE"] = True
    rv = serve(app, lambda req, res: res.json({"&": "<script>"}))
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b'{"\\u0026":"\\u003cscript\\u003e"}')


@BARE_JSON
@pytest.mark.express_difference("Python has no undefined: json(None) is null, escaped or not")
def test_json_json_escape_setting_should_not_break_undefined_escape(app) -> None:
    """.json(object) > "json escape" setting > should not break undefined escape"""
    app.config["EXPRESS_JSON_ESCAPE"] = True
    rv = serve(app, lambda req, res: res.json(None))
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b"null")


@BARE_JSON
@pytest.mark.express_difference("app.json.default converts only what JSON cannot express; it never sees dict keys")
def test_json_json_replacer_setting_should_be_passed_to_json_stringify(app) -> None:
    """.json(object) > "json replacer" setting > should be passed to JSON.stringify()"""
    app.json.default = public_fields
    rv = serve(
        app,
        lambda req, res: res.json(
            {"name": "tobi", "_id": 12345} if req.query.plain else Record(name="tobi", _id=12345)
        ),
    )
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b'{"name":"tobi"}')
    # A dict is JSON already: default is not asked, and "_id" stays.
    assert again(app, "/?plain=1").data == b'{"_id":12345,"name":"tobi"}'


@pytest.mark.express_difference(
    "app.json.compact is None: compact, but indented when the app is in debug mode, as Flask"
)
def test_json_json_spaces_setting_should_be_undefined_by_default(app) -> None:
    """.json(object) > "json spaces" setting > should be undefined by default"""
    assert app.json.compact is None
    assert serve(app, lambda req, res: res.json({"name": "tobi"})).data == b'{"name":"tobi"}'
    app.debug = True
    assert again(app).data == b'{\n  "name": "tobi"\n}'


@BARE_JSON
def test_json_json_spaces_setting_should_be_passed_to_json_stringify(app) -> None:
    """.json(object) > "json spaces" setting > should be passed to JSON.stringify()"""
    app.json.compact = False  # Flask indents by two spaces
    app.json.sort_keys = False  # Express keeps insertion order
    rv = serve(app, lambda req, res: res.json({"name": "tobi", "age": 2}))
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b'{\n  "name": "tobi",\n  "age": 2\n}')
