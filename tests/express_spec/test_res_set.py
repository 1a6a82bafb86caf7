"""Express ``test/res.set.js``."""

from __future__ import annotations

import pytest

from spec_support import serve


def test_set_field_value_should_set_the_response_header_field(app) -> None:
    """.set(field, value) > should set the response header field"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/x-foo; charset=utf-8").end())
    assert rv.headers["Content-Type"] == "text/x-foo; charset=utf-8"


def test_set_field_value_should_coerce_to_a_string(app) -> None:
    """.set(field, value) > should coerce to a string"""
    rv = serve(app, lambda req, res: res.set("X-Number", 123).send(type(res.get("X-Number")).__name__))
    assert rv.headers["X-Number"] == "123"
    assert (rv.status_code, rv.data) == (200, b"str")


def test_set_field_values_should_set_multiple_response_header_fields(app) -> None:
    """.set(field, values) > should set multiple response header fields"""
    rv = serve(
        app, lambda req, res: res.set("Set-Cookie", ["type=ninja", "language=javascript"]).send(res.get("Set-Cookie"))
    )
    assert rv.data == b'["type=ninja","language=javascript"]'
    assert rv.headers.getlist("Set-Cookie") == ["type=ninja", "language=javascript"]


def test_set_field_values_should_coerce_to_an_array_of_strings(app) -> None:
    """.set(field, values) > should coerce to an array of strings (one header line each,
    which a client reads joined with ", ")"""
    rv = serve(app, lambda req, res: res.set("X-Numbers", [123, 456]).send(res.get("X-Numbers")))
    assert ", ".join(rv.headers.getlist("X-Numbers")) == "123, 456"
    assert (rv.status_code, rv.data) == (200, b'["123","456"]')


def test_set_field_values_should_not_set_a_charset_of_one_is_already_set(app) -> None:
    """.set(field, values) > should not set a charset of one is already set"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/html; charset=lol").end())
    assert rv.headers["Content-Type"] == "text/html; charset=lol"
    assert rv.status_code == 200


def test_set_field_values_should_throw_when_content_type_is_an_array(app) -> None:
    """.set(field, values) > should throw when Content-Type is an array"""
    with pytest.raises(TypeError, match="Content-Type cannot be set to a list"):
        serve(app, lambda req, res: res.set("Content-Type", ["text/html"]).end())


def test_set_object_should_set_multiple_fields(app) -> None:
    """.set(object) > should set multiple fields"""
    rv = serve(app, lambda req, res: res.set({"X-Foo": "bar", "X-Bar": "baz"}).end())
    assert (rv.headers["X-Foo"], rv.headers["X-Bar"]) == ("bar", "baz")


def test_set_object_should_coerce_to_a_string(app) -> None:
    """.set(object) > should coerce to a string"""
    rv = serve(app, lambda req, res: res.set({"X-Number": 123}).send(type(res.get("X-Number")).__name__))
    assert rv.headers["X-Number"] == "123"
    assert (rv.status_code, rv.data) == (200, b"str")
