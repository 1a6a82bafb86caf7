"""Express ``test/res.cookie.js``.

Cookies are written by werkzeug's ``dump_cookie``: its quoting (a value
with ``"``, ``,``, ``;``, ``\\`` or a space is quoted, nothing is
percent-encoded), its attribute order and ``max_age`` in seconds are kept.
"""

from __future__ import annotations

import pytest
from werkzeug.http import dump_cookie

from spec_support import serve

WERKZEUG_COOKIES = pytest.mark.express_difference(
    "werkzeug's cookie format: its quoting instead of percent-encoding, its attribute order, max_age in seconds"
)
SIGNATURES = pytest.mark.express_difference("signed with itsdangerous and the app's SECRET_KEY, not cookie-signature")


def cookies(rv):
    return rv.headers.getlist("Set-Cookie")


@WERKZEUG_COOKIES
def test_cookie_name_object_should_generate_a_json_cookie(app) -> None:
    """.cookie(name, object) > should generate a JSON cookie"""
    rv = serve(app, lambda req, res: res.cookie("user", {"name": "tobi"}).end())
    assert cookies(rv) == [dump_cookie("user", 'j:{"name":"tobi"}')]
    client = app.test_client()
    client.get("/")
    assert client.get_cookie("user").decoded_value == 'j:{"name":"tobi"}'


def test_cookie_name_string_should_set_a_cookie(app) -> None:
    """.cookie(name, string) > should set a cookie"""
    rv = serve(app, lambda req, res: res.cookie("name", "tobi").end())
    assert cookies(rv) == ["name=tobi; Path=/"]


@WERKZEUG_COOKIES
def test_cookie_name_string_should_allow_multiple_calls(app) -> None:
    """.cookie(name, string) > should allow multiple calls"""

    def view(req, res):
        res.cookie("name", "tobi")
        res.cookie("age", 1)
        res.cookie("gender", "?")
        res.end()

    assert cookies(serve(app, view)) == ["name=tobi; Path=/", "age=1; Path=/", "gender=?; Path=/"]


@WERKZEUG_COOKIES
def test_cookie_name_string_options_should_set_params(app) -> None:
    """.cookie(name, string, options) > should set params"""
    rv = serve(app, lambda req, res: res.cookie("name", "tobi", httponly=True, secure=True).end())
    assert cookies(rv) == ["name=tobi; Secure; HttpOnly; Path=/"]


def test_cookie_expires_should_throw_on_invalid_date(app) -> None:
    """.cookie(name, string, options) > expires > should throw on invalid date"""
    with pytest.raises((ValueError, OverflowError)):
        serve(app, lambda req, res: res.cookie("name", "tobi", expires=float("nan")).end())


@WERKZEUG_COOKIES
def test_cookie_partitioned_should_set_partitioned(app) -> None:
    """.cookie(name, string, options) > partitioned > should set partitioned (werkzeug adds Secure, which
    browsers require for partitioned cookies)"""
    rv = serve(app, lambda req, res: res.cookie("name", "tobi", partitioned=True).end())
    assert cookies(rv) == ["name=tobi; Secure; Path=/; Partitioned"]


@WERKZEUG_COOKIES
def test_cookie_max_age_should_set_relative_expires(app) -> None:
    """.cookie(name, string, options) > maxAge > should set relative expires"""
    [cookie] = cookies(serve(app, lambda req, res: res.cookie("name", "tobi", max_age=1).end()))
    assert cookie.startswith("name=tobi; Expires=")
    assert cookie.endswith("; Max-Age=1; Path=/")


@WERKZEUG_COOKIES
def test_cookie_max_age_should_set_max_age(app) -> None:
    """.cookie(name, string, options) > maxAge > should set max-age"""
    [cookie] = cookies(serve(app, lambda req, res: res.cookie("name", "tobi", max_age=1).end()))
    assert "; Max-Age=1;" in cookie


def test_cookie_max_age_should_not_mutate_the_options_object(app) -> None:
    """.cookie(name, string, options) > maxAge > should not mutate the options object"""
    options = {"max_age": 1}
    copy = dict(options)
    rv = serve(app, lambda req, res: res.cookie("name", "tobi", **options).json(options))
    assert rv.get_json() == copy
    assert options == copy


def test_cookie_max_age_should_not_throw_on_null(app) -> None:
    """.cookie(name, string, options) > maxAge > should not throw on null"""
    rv = serve(app, lambda req, res: res.cookie("name", "tobi", max_age=None).end())
    assert rv.status_code == 200
    assert cookies(rv) == ["name=tobi; Path=/"]


def test_cookie_max_age_should_not_throw_on_undefined(app) -> None:
    """.cookie(name, string, options) > maxAge > should not throw on undefined (Python: not given)"""
    rv = serve(app, lambda req, res: res.cookie("name", "tobi", **{}).end())
    assert rv.status_code == 200
    assert cookies(rv) == ["name=tobi; Path=/"]


def test_cookie_max_age_should_throw_an_error_with_invalid_max_age(app) -> None:
    """.cookie(name, string, options) > maxAge > should throw an error with invalid maxAge"""
    with pytest.raises((ValueError, TypeError)):
        serve(app, lambda req, res: res.cookie("name", "tobi", max_age="foobar").end())


@pytest.mark.parametrize("priority", ["low", "medium", "high"])
def test_cookie_priority_should_set_priority(app, priority) -> None:
    """.cookie(name, string, options) > priority > should set low / medium / high priority"""
    [cookie] = cookies(serve(app, lambda req, res: res.cookie("name", "tobi", priority=priority).end()))
    assert f"Priority={priority.capitalize()}" in cookie


def test_cookie_priority_should_throw_with_invalid_priority(app) -> None:
    """.cookie(name, string, options) > priority > should throw with invalid priority"""
    with pytest.raises(ValueError, match="priority"):
        serve(app, lambda req, res: res.cookie("name", "tobi", priority="foobar").end())


@SIGNATURES
def test_cookie_signed_should_generate_a_signed_json_cookie(app) -> None:
    """.cookie(name, string, options) > signed > should generate a signed JSON cookie"""

    @app.get("/read")
    def read(req, res):
        return res.send(req.signed_cookie("user"))

    client = app.test_client()
    serve(app, lambda req, res: res.cookie("user", {"name": "tobi"}, signed=True).end())
    client.get("/")
    assert client.get_cookie("user").decoded_value.startswith('s:j:{"name":"tobi"}.')
    assert client.get("/read").data == b'j:{"name":"tobi"}'


def test_cookie_signed_without_secret_should_throw_an_error(app) -> None:
    """.cookie(name, string, options) > signed without secret > should throw an error"""
    app.config["SECRET_KEY"] = None
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        serve(app, lambda req, res: res.cookie("name", "tobi", signed=True).end())


@SIGNATURES
def test_cookie_signedcookie_should_set_a_signed_cookie(app) -> None:
    """.cookie(name, string, options) > .signedCookie(name, string) > should set a signed cookie"""

    @app.get("/read")
    def read(req, res):
        return res.send(req.signed_cookie("name"))

    client = app.test_client()
    serve(app, lambda req, res: res.cookie("name", "tobi", signed=True).end())
    client.get("/")
    assert client.get_cookie("name").decoded_value.startswith("s:tobi.")
    assert client.get("/read").data == b"tobi"
