"""Behaviour of the werkzeug-flavoured Response on both cores."""

from __future__ import annotations

import copy
import pickle
from datetime import datetime, timedelta, timezone
from http import HTTPStatus

import pytest
import werkzeug
from werkzeug.datastructures import Headers

from support import WSGI_ENVIRON, run_wsgi
from fastres import wrappers


def test_defaults_match_werkzeug(backend):
    response = backend.Response("hello")
    assert response.status == "200 OK"
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.content_type == "text/plain; charset=utf-8"
    assert response.content_length == 5
    assert response.get_data() == b"hello"
    assert response.get_data(as_text=True) == "hello"
    assert response.data == b"hello"
    assert response.response == [b"hello"]
    assert response.is_sequence and not response.is_streamed
    assert repr(response) == "<Response 5 bytes [200 OK]>"


def test_headers_are_lazy_and_then_one_object(backend):
    response = backend.Response("x", headers=[("X-A", "1")])
    hlist = response._hlist  # no Headers object yet: the plain list
    headers = response.headers
    assert isinstance(headers, Headers)
    assert response.headers is headers
    assert headers._list is hlist and "_hlist" not in vars(response)  # the same list, now in Headers
    headers["X-B"] = "2"
    response.set_cookie("k", "v")
    response.set_data("abcd")
    _, sent, _ = run_wsgi(response)
    assert sent == [
        ("X-A", "1"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", "4"),
        ("X-B", "2"),
        ("Set-Cookie", "k=v; Path=/"),
    ]


def test_headers_object_passed_in_is_kept(backend):
    headers = Headers({"X-A": "1"})
    response = backend.Response("x", headers=headers)
    assert response.headers is headers
    assert headers["Content-Length"] == "1"
    response.set_cookie("a", "b")
    assert headers.getlist("Set-Cookie") == ["a=b; Path=/"]


def test_headers_can_be_replaced(backend):
    response = backend.Response("x")
    response.headers = Headers([("X-New", "1")])
    assert run_wsgi(response)[1] == [("X-New", "1"), ("Content-Length", "1")]


def test_force_type_converts_werkzeug_built_response(backend):
    original = werkzeug.Response("body", status=404, headers={"X-A": "1"})
    original.set_cookie("c", "d")
    original.extra = "kept"
    closed = []
    original.call_on_close(lambda: closed.append(True))
    converted = backend.Response.force_type(original)
    assert converted is original and type(converted) is backend.Response  # in place, as werkzeug does
    assert converted.extra == "kept" and converted.headers is original.headers
    converted.set_cookie("e", "f")
    converted.set_data("new body")
    status, headers, body = run_wsgi(converted)
    assert status == "404 NOT FOUND"
    assert body == b"new body"
    assert headers == [
        ("X-A", "1"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", "8"),
        ("Set-Cookie", "c=d; Path=/"),
        ("Set-Cookie", "e=f; Path=/"),
    ]
    assert closed == [True]


def test_force_type_changes_a_fastres_response_in_place(backend):
    class Special(backend.Response):
        pass

    original = backend.Response("body")
    assert Special.force_type(original) is original and type(original) is Special


def test_force_type_runs_a_wsgi_app_as_werkzeug_does(backend):
    def app(environ, start_response):
        start_response("201 CREATED", [("X-A", "1")])
        return [b"made"]

    converted = backend.FlaskResponse.force_type(app, dict(WSGI_ENVIRON))
    assert type(converted) is backend.FlaskResponse
    # werkzeug builds the response with its own class (text/plain), then converts it
    expected = ("201 CREATED", [("X-A", "1"), ("Content-Type", "text/plain; charset=utf-8")], b"made")
    assert run_wsgi(converted) == run_wsgi(werkzeug.Response.force_type(app, dict(WSGI_ENVIRON))) == expected
    with pytest.raises(TypeError, match="without an environ"):
        backend.Response.force_type(app)


def test_status_forms(backend):
    assert backend.Response(status=HTTPStatus.CREATED).status == "201 CREATED"
    assert backend.Response(status="299").status == "299 UNKNOWN"
    assert backend.Response(status="418 Teapot").status_code == 418
    response = backend.Response()
    response.status_code = 404
    assert response.status == "404 NOT FOUND"
    with pytest.raises(ValueError, match="Empty status"):
        backend.Response(status=" ")


@pytest.mark.parametrize("status", [0, 99, 1000, -1, "wtf"])
def test_invalid_status_code_refused_at_wsgi_call(backend, status):
    response = backend.Response("x", status=status)  # werkzeug accepts it here, so do we
    with pytest.raises(ValueError, match="Invalid status code"):
        run_wsgi(response)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("X-A", "a\r\nSet-Cookie: evil=1"),
        ("X-A", "a\nb"),
        ("X-A", "a\rb"),
        ("X-A", "a\x00b"),
        ("X-A", "€"),
        ("X-A\r\nEvil", "1"),
        ("X A", "1"),
        ("X:A", "1"),
        ("", "1"),
        ("X\x00", "1"),
        ("Ā", "1"),
    ],
)
def test_header_injection_refused_when_built(backend, name, value):
    with pytest.raises(ValueError):
        backend.Response("x", headers=[(name, value)])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("X-A", "a\r\nSet-Cookie: evil=1"),
        ("X-A", "a\x00b"),
        ("X-A", "€"),
        ("X-A\r\nEvil", "1"),
        ("X A", "1"),
        ("", "1"),
        ("Ā", "1"),
    ],
)
def test_header_injection_refused_at_wsgi_call(backend, name, value):
    response = backend.Response("x")
    response.headers._list.append((name, value))  # past werkzeug's own checks
    with pytest.raises(ValueError):
        run_wsgi(response)


def test_non_str_header_values_are_stringified(backend):
    response = backend.Response("x", headers={"X-Int": 5, "X-Float": 1.5})
    assert response.headers["X-Int"] == "5"
    assert response.headers["X-Float"] == "1.5"


def test_set_cookie_and_delete_cookie(backend):
    response = backend.Response()
    response.set_cookie("session", "a b", max_age=timedelta(seconds=60), httponly=True, samesite="lax")
    response.delete_cookie("old", domain="example.com")
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies[0].startswith('session="a b"; Expires=')
    assert cookies[0].endswith("; Max-Age=60; HttpOnly; Path=/; SameSite=Lax")
    assert cookies[1] == "old=; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"


@pytest.mark.parametrize("name", ["", "a b", "a;b", "a=b", "a\nb", "a\x00", "a,b", "(x)"])
def test_invalid_cookie_name_refused(backend, name):
    with pytest.raises(ValueError, match="cookie name"):
        backend.Response().set_cookie(name, "v")


def test_invalid_samesite_refused(backend):
    with pytest.raises(ValueError, match="SameSite"):
        backend.Response().set_cookie("a", "b", samesite="sometimes")


def test_cookie_injection_through_attributes_refused(backend):
    with pytest.raises(ValueError):
        backend.Response().set_cookie("a", "b", expires="x\r\nSet-Cookie: evil=1")
    with pytest.raises(ValueError):
        backend.Response().set_cookie("a", "b", domain="ex\nample.com")


def test_cookie_size_warning(backend):
    response = backend.Response()
    with pytest.warns(UserWarning, match="'big' cookie is too large"):
        response.set_cookie("big", "x" * 5000)
    assert len(response.headers.getlist("Set-Cookie")) == 1


def test_cookie_expires_forms(backend):
    response = backend.Response()
    response.set_cookie("a", expires=datetime(2030, 1, 2, 3, 4, 5))
    response.set_cookie("b", expires=datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2))))
    response.set_cookie("c", expires=1_900_000_000.75)
    response.set_cookie("d", expires="Wed, 21 Oct 2015 07:28:00 GMT")
    assert response.headers.getlist("Set-Cookie") == [
        "a=; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Path=/",
        "b=; Expires=Wed, 02 Jan 2030 01:04:05 GMT; Path=/",
        "c=; Expires=Sun, 17 Mar 2030 17:46:40 GMT; Path=/",
        "d=; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/",
    ]


def test_streaming_body_close_called_once(backend):
    closed = []

    class Body:
        def __iter__(self):
            yield "é"
            yield b"b"

        def close(self):
            closed.append(True)

    response = backend.Response(Body())
    on_close = []
    response.call_on_close(lambda: on_close.append(True))
    captured = []
    app_iter = response(dict(WSGI_ENVIRON), lambda s, h: captured.append(h))
    assert list(app_iter) == ["é".encode(), b"b"]
    app_iter.close()
    app_iter.close()
    assert closed == [True] and on_close == [True]
    assert ("Content-Length", "3") not in captured[0]  # streamed: no length


def test_stream_that_raises_mid_way_still_closes_once(backend):
    closed = []

    def body():
        yield b"ok"
        raise RuntimeError("boom")

    response = backend.Response(body())
    response.call_on_close(lambda: closed.append(True))
    app_iter = response(dict(WSGI_ENVIRON), lambda s, h: None)
    with pytest.raises(RuntimeError, match="boom"):
        list(app_iter)
    app_iter.close()
    app_iter.close()
    assert closed == [True]


def test_head_and_bodiless_statuses(backend):
    environ = dict(WSGI_ENVIRON, REQUEST_METHOD="HEAD")
    status, headers, body = run_wsgi(backend.Response("hello"), environ)
    assert body == b"" and ("Content-Length", "5") in headers
    assert run_wsgi(backend.Response("x", status=204))[1] == [("Content-Type", "text/plain; charset=utf-8")]


def test_redirect_location_is_iri_encoded(backend):
    response = werkzeug.utils.redirect("/pätch?x=ü", Response=backend.Response)
    assert type(response) is backend.Response
    status, headers, body = run_wsgi(response)
    assert status == "302 FOUND"
    assert ("Location", "/p%C3%A4tch?x=%C3%BC") in headers


def test_autocorrect_location_header(backend):
    class Absolute(backend.Response):
        autocorrect_location_header = True

    response = Absolute("x", status=301, headers={"Location": "/next"})
    assert ("Location", "http://localhost/next") in run_wsgi(response)[1]


def test_direct_passthrough_returns_body_as_is(backend):
    body = [b"a", b"b"]
    response = backend.Response(body, direct_passthrough=True)
    captured = []
    assert response(dict(WSGI_ENVIRON), lambda s, h: captured.append(h)) is body


def test_subclass_overriding_wsgi_hooks_is_honoured(backend):
    class Custom(backend.Response):
        def get_wsgi_headers(self, environ):
            headers = super().get_wsgi_headers(environ)
            headers["X-Hooked"] = "yes"
            return headers

    assert Custom._fastres_direct_call is False
    assert ("X-Hooked", "yes") in run_wsgi(Custom("x"))[1]


def test_werkzeug_api_on_fastres(backend):
    response = backend.Response("body", mimetype="text/html")
    response.add_etag()
    assert response.get_etag()[0]
    response.freeze()
    response.make_conditional(dict(WSGI_ENVIRON, HTTP_IF_NONE_MATCH=response.get_etag()[0]))
    assert response.status_code == 304
    assert response.calculate_content_length() == 4
    response.mimetype_params["q"] = "1"
    assert response.content_type == "text/html; charset=utf-8; q=1"
    with response as entered:
        assert entered is response
    response.make_sequence()
    response.stream.write(b"!")
    assert response.get_data() == b"body!"


def test_json_property_is_parsed_body(backend):
    response = backend.Response('{"a": 1}', mimetype="application/json")
    assert response.is_json
    assert response.json == {"a": 1}
    assert response.get_json() == {"a": 1}


def test_get_data_on_iterator_buffers_it(backend):
    response = backend.Response(iter(["a", b"b"]))
    assert response.get_data() == b"ab"
    assert response.response == [b"a", b"b"]


def test_direct_passthrough_get_data_raises_like_werkzeug(backend):
    response = backend.Response(iter([b"a"]), direct_passthrough=True)
    with pytest.raises(RuntimeError, match="direct passthrough"):
        response.get_data()


def test_copy_and_pickle(backend):
    response = backend.Response("x", headers={"X-A": "1"})
    clone = copy.copy(response)
    assert clone.get_data() == b"x"
    if backend.Response is wrappers.Response:  # the per-core test variants are not importable
        response.note = "kept"
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):  # 0 and 1 too, as for werkzeug's
            frozen = pickle.loads(pickle.dumps(response, protocol))
            assert frozen.headers["X-A"] == "1" and frozen.note == "kept"
            assert frozen.status == "200 OK" and frozen.get_data() == b"x"


def test_str_subclass_body_is_encoded_like_werkzeug(backend):
    from markupsafe import Markup

    response = backend.Response(Markup("<b>é</b>"))
    assert response.response == werkzeug.Response(Markup("<b>é</b>")).response == ["<b>é</b>".encode()]
    assert type(response.response[0]) is bytes
