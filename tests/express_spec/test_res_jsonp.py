"""Express ``test/res.jsonp.js``.  (``jsonp(undefined)``: see NOT_APPLICABLE.md.)

Express's ``"json spaces"`` and ``"json replacer"`` settings are the app's JSON
provider here (``app.json.compact``, ``app.json.default``); ``"json escape"``
is the app's ``EXPRESS_JSON_ESCAPE`` config."""

from __future__ import annotations

import re

import pytest

from spec_support import Record, again, public_fields, serve

JAVASCRIPT = "text/javascript; charset=utf-8"
BARE_JSON = pytest.mark.express_difference("bare application/json, as Flask's jsonify")


def jsonp(value):
    return lambda req, res: res.jsonp(value)


def test_jsonp_should_respond_with_jsonp(app) -> None:
    """.jsonp(object) > should respond with jsonp"""
    rv = serve(app, jsonp({"count": 1}), "/?callback=something")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert rv.status_code == 200
    assert re.search(rb'something\(\{"count":1\}\);', rv.data)


def test_jsonp_should_use_first_callback_parameter_with_jsonp(app) -> None:
    """.jsonp(object) > should use first callback parameter with jsonp"""
    rv = serve(app, jsonp({"count": 1}), "/?callback=something&callback=somethingelse")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert re.search(rb'something\(\{"count":1\}\);', rv.data)


@BARE_JSON
def test_jsonp_should_ignore_object_callback_parameter_with_jsonp(app) -> None:
    """.jsonp(object) > should ignore object callback parameter with jsonp"""
    rv = serve(app, jsonp({"count": 1}), "/?callback[a]=something")
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b'{"count":1}')


def test_jsonp_should_allow_renaming_callback(app) -> None:
    """.jsonp(object) > should allow renaming callback"""
    app.config["JSONP_CALLBACK_NAME"] = "clb"
    rv = serve(app, jsonp({"count": 1}), "/?clb=something")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert re.search(rb'something\(\{"count":1\}\);', rv.data)


def test_jsonp_should_allow_brackets(app) -> None:
    """.jsonp(object) > should allow []"""
    rv = serve(app, jsonp({"count": 1}), "/?callback=callbacks[123]")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert re.search(rb'callbacks\[123\]\(\{"count":1\}\);', rv.data)


def test_jsonp_should_disallow_arbitrary_js(app) -> None:
    """.jsonp(object) > should disallow arbitrary js"""
    rv = serve(app, jsonp({}), "/?callback=foo;bar()")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert re.search(rb"foobar\(\{\}\);", rv.data)


def test_jsonp_should_escape_utf_whitespace(app) -> None:
    """.jsonp(object) > should escape utf whitespace"""
    rv = serve(app, jsonp({"str": "\u2028 \u2029 woot"}), "/?callback=foo")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert re.search(rb'foo\(\{"str":"\\u2028 \\u2029 woot"\}\);', rv.data)


@BARE_JSON
def test_jsonp_should_not_escape_utf_whitespace_for_json_fallback(app) -> None:
    """.jsonp(object) > should not escape utf whitespace for json fallback"""
    rv = serve(app, jsonp({"str": "\u2028 \u2029 woot"}))
    assert rv.headers["Content-Type"] == "application/json"
    assert rv.data == '{"str":"\u2028 \u2029 woot"}'.encode()


def test_jsonp_should_include_security_header_and_prologue(app) -> None:
    """.jsonp(object) > should include security header and prologue"""
    rv = serve(app, jsonp({"count": 1}), "/?callback=something")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert rv.headers["X-Content-Type-Options"] == "nosniff"
    assert rv.data.startswith(b"/**/")


@pytest.mark.express_difference("a JSON Content-Type set earlier is kept as set (no charset added), as Flask's")
def test_jsonp_should_not_override_previous_content_types_with_no_callback(app) -> None:
    """.jsonp(object) > should not override previous Content-Types with no callback"""
    rv = serve(app, lambda req, res: res.type("application/vnd.example+json").jsonp({"hello": "world"}))
    assert rv.headers["Content-Type"] == "application/vnd.example+json"
    assert "X-Content-Type-Options" not in rv.headers
    assert (rv.status_code, rv.data) == (200, b'{"hello":"world"}')


def test_jsonp_should_override_previous_content_types_with_callback(app) -> None:
    """.jsonp(object) > should override previous Content-Types with callback"""
    rv = serve(
        app, lambda req, res: res.type("application/vnd.example+json").jsonp({"hello": "world"}), "/?callback=cb"
    )
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert rv.headers["X-Content-Type-Options"] == "nosniff"
    assert re.search(rb'cb\(\{"hello":"world"\}\);$', rv.data)


@pytest.mark.parametrize(
    ("title", "value", "call"),
    [
        ("null", None, rb"cb\(null\)"),
        ("a string", "tobi", rb'cb\("tobi"\)'),
        ("a number", 42, rb"cb\(42\)"),
        ("an array", ["foo", "bar", "baz"], rb'cb\(\["foo","bar","baz"\]\)'),
        ("an object", {"name": "tobi"}, rb'cb\(\{"name":"tobi"\}\)'),
    ],
)
def test_jsonp_when_given_a_value_should_invoke_callback_with_it(app, title, value, call) -> None:
    """.jsonp(object) > when given null / a string / a number / an array / an object > should invoke callback with it"""
    rv = serve(app, jsonp(value), "/?callback=cb")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert rv.status_code == 200
    assert re.search(call, rv.data)


def test_jsonp_json_escape_setting_should_be_undefined_by_default(app) -> None:
    """.jsonp(object) > "json escape" setting > should be undefined by default"""
    assert app.config["EXPRESS_JSON_ESCAPE"] is False  # Python's unset setting: off
    assert re.search(rb'foo\(\{"&":"<script>"\}\);', serve(app, jsonp({"&": "<script>"}), "/?callback=foo").data)


def test_jsonp_json_escape_setting_should_unicode_escape_html_sniffing_characters(app) -> None:
    """.jsonp(object) > "json escape" setting > should unicode escape HTML-sniffing characters"""
    app.config["EXPRESS_JSON_ESCAPE"] = True
    rv = serve(app, jsonp({"&": "\u2028<script>\u2029"}), "/?callback=foo")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert rv.status_code == 200
    assert re.search(rb'foo\(\{"\\u0026":"\\u2028\\u003cscript\\u003e\\u2029"\}\)', rv.data)


@pytest.mark.express_difference("Python has no undefined: jsonp(None) calls the callback with null, escaped or not")
def test_jsonp_json_escape_setting_should_not_break_undefined_escape(app) -> None:
    """.jsonp(object) > "json escape" setting > should not break undefined escape"""
    app.config["EXPRESS_JSON_ESCAPE"] = True
    rv = serve(app, jsonp(None), "/?callback=cb")
    assert rv.headers["Content-Type"] == JAVASCRIPT
    assert rv.status_code == 200
    assert re.search(rb"cb\(null\)", rv.data)


@BARE_JSON
@pytest.mark.express_difference("app.json.default converts only what JSON cannot express; it never sees dict keys")
def test_jsonp_json_replacer_setting_should_be_passed_to_json_stringify(app) -> None:
    """.jsonp(object) > "json replacer" setting > should be passed to JSON.stringify()"""
    app.json.default = public_fields
    rv = serve(
        app,
        lambda req, res: res.jsonp(
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
def test_jsonp_json_spaces_setting_should_be_undefined_by_default(app) -> None:
    """.jsonp(object) > "json spaces" setting > should be undefined by default"""
    assert app.json.compact is None
    assert serve(app, jsonp({"name": "tobi"})).data == b'{"name":"tobi"}'
    app.debug = True
    assert again(app).data == b'{\n  "name": "tobi"\n}'


@BARE_JSON
def test_jsonp_json_spaces_setting_should_be_passed_to_json_stringify(app) -> None:
    """.jsonp(object) > "json spaces" setting > should be passed to JSON.stringify()"""
    app.json.compact = False  # Flask indents by two spaces
    app.json.sort_keys = False  # Express keeps insertion order
    rv = serve(app, jsonp({"name": "tobi", "age": 2}))
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b'{\n  "name": "tobi",\n  "age": 2\n}')
