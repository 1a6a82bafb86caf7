"""Express ``test/res.clearCookie.js``: werkzeug's ``delete_cookie`` writes the
expired cookie (with ``Max-Age=0`` too, in its attribute order)."""

from __future__ import annotations

import time

import pytest

from spec_support import serve

DELETE_FORM = pytest.mark.express_difference("werkzeug's delete_cookie form: Expires, Max-Age=0, then Path")
EXPIRED = "sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path={}"


@DELETE_FORM
def test_clearcookie_name_should_set_a_cookie_passed_expiry(app) -> None:
    """.clearCookie(name) > should set a cookie passed expiry"""
    rv = serve(app, lambda req, res: res.clearCookie("sid").end())
    assert rv.headers.getlist("Set-Cookie") == [EXPIRED.format("/")]


@DELETE_FORM
def test_clearcookie_name_options_should_set_the_given_params(app) -> None:
    """.clearCookie(name, options) > should set the given params"""
    rv = serve(app, lambda req, res: res.clearCookie("sid", path="/admin").end())
    assert rv.headers.getlist("Set-Cookie") == [EXPIRED.format("/admin")]


@DELETE_FORM
def test_clearcookie_name_options_should_ignore_max_age(app) -> None:
    """.clearCookie(name, options) > should ignore maxAge"""
    rv = serve(app, lambda req, res: res.clearCookie("sid", path="/admin", max_age=1000).end())
    assert rv.headers.getlist("Set-Cookie") == [EXPIRED.format("/admin")]


@DELETE_FORM
def test_clearcookie_name_options_should_ignore_user_supplied_expires_param(app) -> None:
    """.clearCookie(name, options) > should ignore user supplied expires param"""
    rv = serve(app, lambda req, res: res.clearCookie("sid", path="/admin", expires=time.time()).end())
    assert rv.headers.getlist("Set-Cookie") == [EXPIRED.format("/admin")]
