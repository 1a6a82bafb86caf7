"""Express ``test/res.append.js``.  Express's two middlewares (``next()``)
are one view here: the calls run in the same order on the same response."""

from __future__ import annotations

from spec_support import serve


def set_cookies(rv):
    assert rv.status_code == 200
    return rv.headers.getlist("Set-Cookie")


def test_append_should_append_multiple_headers(app) -> None:
    """.append(field, val) > should append multiple headers"""
    rv = serve(app, lambda req, res: res.append("Set-Cookie", "foo=bar").append("Set-Cookie", "fizz=buzz").end())
    assert set_cookies(rv) == ["foo=bar", "fizz=buzz"]


def test_append_should_accept_array_of_values(app) -> None:
    """.append(field, val) > should accept array of values"""
    rv = serve(app, lambda req, res: res.append("Set-Cookie", ["foo=bar", "fizz=buzz"]).end())
    assert set_cookies(rv) == ["foo=bar", "fizz=buzz"]


def test_append_should_get_reset_by_res_set_field_val(app) -> None:
    """.append(field, val) > should get reset by res.set(field, val)"""

    def view(req, res):
        res.append("Set-Cookie", "foo=bar")
        res.append("Set-Cookie", "fizz=buzz")
        res.set("Set-Cookie", "pet=tobi")
        res.end()

    assert set_cookies(serve(app, view)) == ["pet=tobi"]


def test_append_should_work_with_res_set_field_val_first(app) -> None:
    """.append(field, val) > should work with res.set(field, val) first"""
    rv = serve(app, lambda req, res: res.set("Set-Cookie", "foo=bar").append("Set-Cookie", "fizz=buzz").end())
    assert set_cookies(rv) == ["foo=bar", "fizz=buzz"]


def test_append_should_work_together_with_res_cookie(app) -> None:
    """.append(field, val) > should work together with res.cookie"""
    rv = serve(app, lambda req, res: res.cookie("foo", "bar").append("Set-Cookie", "fizz=buzz").end())
    assert set_cookies(rv) == ["foo=bar; Path=/", "fizz=buzz"]
