"""The Express facade's Response: every flask-express method and Express extra, on both cores.

File-serving methods are in ``test_express_files.py``; the App and ``req`` in
``test_express_app.py``.
"""

from __future__ import annotations

import inspect
from http import HTTPStatus

import flask
import orjson
import pytest
from werkzeug.datastructures import Headers
from werkzeug.exceptions import BadRequest, HTTPException, ImATeapot, NotAcceptable, NotFound, Unauthorized
from werkzeug.http import dump_cookie as werkzeug_dump_cookie
from werkzeug.test import TestResponse

import fastres
from support import WSGI_ENVIRON, run_wsgi
from fastres import express

BAD_CODES = [99, 1000, -1, 0, "404", 404.0, True, None, "abc"]


def header_lines(resp) -> list[tuple[str, str]]:
    return list(resp.headers.items())


# ----------------------------------------------------------- class layout


def test_facade_runs_on_the_backend_core(backend, facade) -> None:
    assert facade._core is backend.core
    assert issubclass(facade, fastres.Response)
    assert issubclass(facade, flask.Response)
    # bind_core left the chainable set_cookie in place on the per-core class
    assert facade.set_cookie is express.Response.set_cookie


def test_json_is_a_method_on_the_facade_only() -> None:
    assert callable(express.Response.json)
    assert isinstance(inspect.getattr_static(fastres.Response, "json"), property)
    resp = fastres.Response(b'{"a": 1}', mimetype="application/json")
    assert resp.json == {"a": 1}


def test_facade_keeps_werkzeug_names(facade) -> None:
    resp = facade().set_status(404)
    assert resp.status == "404 NOT FOUND"
    assert resp.status_code == 404
    resp.send({"a": 1})
    assert resp.get_json() == {"a": 1}
    resp.set_location("/x")
    assert resp.location == "/x"


# ------------------------------------------------------------------ send


def test_send_str_is_html(facade) -> None:
    resp = facade().send("<h1>hello</h1>")
    assert resp.get_data() == b"<h1>hello</h1>"
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert resp.headers["Content-Length"] == "14"


def test_send_bytes_is_octet_stream(facade) -> None:
    resp = facade().send(b"\x00\x01")
    assert resp.headers["Content-Type"] == "application/octet-stream"
    assert resp.get_data() == b"\x00\x01"


@pytest.mark.parametrize("value", [bytearray(b"ab"), memoryview(b"ab")])
def test_send_bytes_like(facade, value) -> None:
    resp = facade().send(value)
    assert resp.get_data() == b"ab"
    assert resp.headers["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize("value", [{"a": [1, 2]}, [1, "x", None], (1, 2)])
def test_send_dict_list_is_json(facade, value) -> None:
    resp = facade().send(value)
    assert resp.headers["Content-Type"] == "application/json"
    assert orjson.loads(resp.get_data()) == orjson.loads(orjson.dumps(value))


def test_send_json_looking_string_is_sent_once(facade) -> None:
    """flask-express encoded a str that parsed as JSON a second time."""
    resp = facade().send('{"a": 1}')
    assert resp.get_data() == b'{"a": 1}'
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    resp = facade().send('"quoted"')
    assert resp.get_data() == b'"quoted"'


@pytest.mark.parametrize(("value", "body"), [(1, b"1"), (1.5, b"1.5"), (True, b"true"), ((1, 2), b"[1,2]")])
def test_send_other_values_as_json(facade, value, body) -> None:
    """Express 5: numbers and booleans (and anything else but str/bytes) are JSON."""
    resp = facade().send(value)
    assert resp.get_data() == body
    assert resp.headers["Content-Type"] == "application/json"


def test_send_refuses_what_json_cannot_encode(facade) -> None:
    with pytest.raises(TypeError):
        facade().send(object())


def test_send_keeps_content_type_set_earlier(facade) -> None:
    resp = facade().type("txt").send("plain")
    assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
    resp = facade().set("Content-Type", "image/png").send(b"png")
    assert resp.headers["Content-Type"] == "image/png"


def test_send_str_subclass_and_unicode(facade) -> None:
    class S(str):
        pass

    resp = facade().send(S("héllo ☃"))
    assert resp.get_data() == "héllo ☃".encode()
    assert resp.headers["Content-Length"] == str(len("héllo ☃".encode()))


def test_send_twice_replaces_the_body(facade) -> None:
    resp = facade().send("one").send("second")
    assert resp.get_data() == b"second"
    assert resp.headers.getlist("Content-Length") == ["6"]
    assert len(resp.headers.getlist("ETag")) == 1


def test_send_through_wsgi(facade) -> None:
    status, headers, body = run_wsgi(facade().set_status(201).send("made"))
    assert status == "201 CREATED"
    assert body == b"made"
    assert ("Content-Length", "4") in headers


# ------------------------------------------------------------------ json


def test_json_positional_dict_and_list(facade) -> None:
    assert facade().json({"a": 1}).get_data() == b'{"a":1}'
    assert facade().json([1, 2]).get_data() == b"[1,2]"
    assert facade().json({"a": 1}).headers["Content-Type"] == "application/json"


def test_json_keywords_and_several_values(facade) -> None:
    assert orjson.loads(facade().json(name="x", n=2).get_data()) == {"name": "x", "n": 2}
    assert facade().json(1, 2, 3).get_data() == b"[1,2,3]"
    assert facade().json().get_data() == b"{}"
    assert facade().json("text").get_data() == b'"text"'
    assert facade().json(None).get_data() == b"null"


def test_json_refuses_args_and_kwargs(facade) -> None:
    with pytest.raises(TypeError, match="not both"):
        facade().json({"a": 1}, b=2)


def test_json_keeps_a_json_content_type(facade) -> None:
    resp = facade().set("Content-Type", "application/problem+json").json({"title": "x"})
    assert resp.headers["Content-Type"] == "application/problem+json"
    resp = facade().set("Content-Type", "application/vnd.api+json; charset=utf-8").json([])
    assert resp.headers["Content-Type"] == "application/vnd.api+json; charset=utf-8"


def test_json_replaces_a_non_json_content_type(facade) -> None:
    resp = facade().type("html").json({"a": 1})
    assert resp.headers.getlist("Content-Type") == ["application/json"]


def test_json_refuses_unserialisable_naming_the_type(facade) -> None:
    class Widget:
        pass

    with pytest.raises(TypeError, match="Widget"):
        facade().json({"w": Widget()})
    with pytest.raises(TypeError, match="set"):
        facade().json({1, 2})


# ------------------------------------------------------------ set_status


def test_set_status_and_send_status_return_the_response(facade) -> None:
    resp = facade()
    assert resp.set_status(404) is resp
    assert resp.status_code == 404
    assert resp.send_status(201) is resp
    assert resp.status == "201 CREATED"
    assert resp.set_status(HTTPStatus.ACCEPTED).status_code == 202
    assert resp.set_status(599).status == "599 UNKNOWN"


@pytest.mark.parametrize("code", BAD_CODES)
@pytest.mark.parametrize("method", ["set_status", "send_status", "sendStatus", "end"])
def test_status_setters_refuse_bad_codes(facade, method, code) -> None:
    if method == "end" and code is None:
        return  # end() without a code is valid
    with pytest.raises(ValueError):
        getattr(facade(), method)(code)


def test_flask_express_example_send_status_then_send(facade) -> None:
    resp = facade().send_status(404).send("your requested page is not found.")
    assert resp.status_code == 404
    assert resp.get_data() == b"your requested page is not found."


def test_sendStatus_sends_the_reason_phrase(facade) -> None:
    resp = facade().sendStatus(404)
    assert resp.status_code == 404
    assert resp.get_data() == b"Not Found"
    assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert facade().sendStatus(599).get_data() == b"599"
    assert facade().sendStatus(200).get_data() == b"OK"


# ------------------------------------------------------------------- end


def test_end_empty_body(facade) -> None:
    resp = facade().send("something")
    assert resp.end() is resp
    assert resp.get_data() == b""
    assert resp.headers["Content-Length"] == "0"
    assert resp.status_code == 200


@pytest.mark.parametrize(("code", "exc"), [(400, BadRequest), (401, Unauthorized), (404, NotFound), (418, ImATeapot)])
def test_end_with_error_code_raises_that_error(facade, code, exc) -> None:
    """flask-express turned 400 into 401."""
    with pytest.raises(exc) as info:
        facade().end(code)
    assert info.value.code == code


@pytest.mark.parametrize("code", [204, 202, 499, 599, 799])
def test_end_with_other_codes_sets_them(facade, code) -> None:
    """flask-express ignored codes it did not know."""
    resp = facade().end(code)
    assert resp.status_code == code
    assert resp.get_data() == b""


def test_end_uses_the_app_aborter(app, facade) -> None:
    class Custom(HTTPException):
        code = 499
        description = "custom"

    app.aborter.mapping[499] = Custom
    with app.test_request_context(), pytest.raises(Custom):
        facade().end(499)


# ---------------------------------------------------------- set/get/type


def test_set_and_get(facade) -> None:
    resp = facade()
    assert resp.set("X-One", "1") is resp
    assert resp.get("x-one") == "1"
    resp.set("X-One", 2)
    assert resp.headers.getlist("X-One") == ["2"]
    assert resp.get("Missing") is None


def test_set_mapping_and_headers(facade) -> None:
    resp = facade().set({"X-A": "a", "X-B": "b"})
    assert resp.get("X-A") == "a" and resp.get("X-B") == "b"
    resp.set(Headers([("X-C", "1"), ("X-C", "2")]))
    assert resp.headers.getlist("X-C") == ["1", "2"]


def test_headers_assigned_before_first_read_are_the_ones_edited(facade) -> None:
    resp = facade("body")
    resp.headers = Headers([("X-New", "1")])  # replaces the never-read lazy list
    resp.set("X-Set", "2").append("X-App", "3")
    assert list(resp.headers.items()) == [("X-New", "1"), ("X-Set", "2"), ("X-App", "3")]
    assert ("X-Set", "2") in run_wsgi(resp)[1]


class SubHeaders(Headers):
    pass


def test_a_headers_subclass_assigned_is_the_one_edited(facade) -> None:
    resp = facade("body")
    resp.headers = SubHeaders([("X-New", "1")])
    resp.set("X-Set", "2").append("X-App", "3").cookie("c", "v")
    assert type(resp.headers) is SubHeaders
    assert list(resp.headers.items())[:3] == [("X-New", "1"), ("X-Set", "2"), ("X-App", "3")]
    assert ("X-Set", "2") in run_wsgi(resp)[1]


def test_set_list_sends_several_lines(facade) -> None:
    resp = facade().set("X-L", "old").set("X-L", ["a", "b"])
    assert resp.headers.getlist("X-L") == ["a", "b"]


def test_set_flask_express_example(facade) -> None:
    resp = facade().set("Content-Type", "application/json").end()
    assert resp.headers["Content-Type"] == "application/json"


def test_header_alias(facade) -> None:
    assert facade.header is facade.set
    assert facade().header("X-H", "v").get("X-H") == "v"


@pytest.mark.parametrize(
    ("name", "value"),
    [("X-Bad", "a\r\nSet-Cookie: evil=1"), ("X-Bad", "a\nb"), ("X-Bad", "nul\x00"), ("Bad Name", "v"), ("", "v")],
)
def test_set_and_append_refuse_header_injection(facade, name, value) -> None:
    with pytest.raises(ValueError):
        facade().set(name, value)
    with pytest.raises(ValueError):
        facade().append(name, value)
    with pytest.raises(ValueError):
        facade().set(name, [value])


def test_set_without_value_refused(facade) -> None:
    with pytest.raises(TypeError):
        facade().set("X-Only-Name")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("json", "application/json"),
        (".json", "application/json"),
        ("html", "text/html; charset=utf-8"),
        ("HTML", "text/html; charset=utf-8"),
        ("png", "image/png"),
        ("text/plain", "text/plain; charset=utf-8"),
        ("application/xml", "application/xml; charset=utf-8"),
        ("application/vnd.x+json; v=1", "application/vnd.x+json; v=1"),
        ("nosuchext", "application/octet-stream"),
        ("", "application/octet-stream"),
    ],
)
def test_type(facade, value, expected) -> None:
    resp = facade()
    assert resp.type(value) is resp
    assert resp.headers.getlist("Content-Type") == [expected]


def test_type_never_sends_none(facade) -> None:
    resp = facade().type("definitely-unknown")
    assert "None" not in resp.headers["Content-Type"]
    with pytest.raises(TypeError):
        facade().type(None)
    with pytest.raises(ValueError):
        facade().type("text/html\r\nX: y")


def test_contentType_alias(facade) -> None:
    assert facade.contentType is facade.type
    assert facade().contentType("css").get("Content-Type") == "text/css; charset=utf-8"


# ---------------------------------------------------------------- append


def test_append(facade) -> None:
    resp = facade().set("Link", "<a>").append("Link", "<b>").append("Warning", ["199 x", "199 y"])
    assert resp.headers.getlist("Link") == ["<a>", "<b>"]
    assert resp.headers.getlist("Warning") == ["199 x", "199 y"]
    resp.append("Set-Cookie", "a=1").append("Set-Cookie", "b=2")
    assert resp.headers.getlist("Set-Cookie") == ["a=1", "b=2"]


# --------------------------------------------------------------- cookies


def test_set_cookie_chains_and_matches_werkzeug(facade) -> None:
    """flask-express's set_cookie returned None."""
    resp = facade()
    assert resp.set_cookie("a", "1", max_age=10, httponly=True, samesite="Lax") is resp
    resp.set_cookie("b", "two words").send("ok")
    got = resp.headers.getlist("Set-Cookie")
    assert got[1] == werkzeug_dump_cookie("b", "two words")
    assert got[0].startswith("a=1; Expires=") and got[0].endswith("Max-Age=10; HttpOnly; Path=/; SameSite=Lax")


def test_clear_cookie_chains(facade) -> None:
    resp = facade()
    assert resp.clear_cookie("sid", path="/app", domain="example.com") is resp
    (line,) = resp.headers.getlist("Set-Cookie")
    assert line == werkzeug_dump_cookie("sid", expires=0, max_age=0, path="/app", domain="example.com")
    assert facade.clearCookie is facade.clear_cookie


@pytest.mark.parametrize("name", ["", "a b", "a;b", "a=b", "a\r\n"])
def test_cookie_names_refused(facade, name) -> None:
    with pytest.raises(ValueError):
        facade().set_cookie(name, "v")
    with pytest.raises(ValueError):
        facade().cookie(name, "v")


def test_cookie_plain(facade) -> None:
    resp = facade()
    assert resp.cookie("theme", "dark", max_age=60, secure=True) is resp
    assert resp.get("Set-Cookie").startswith("theme=dark; Expires=")
    assert "Secure" in resp.get("Set-Cookie")


def test_cookie_signed_round_trip(app, facade) -> None:
    with app.test_request_context():
        resp = facade().cookie("user", "ada", signed=True)
        value = resp.get("Set-Cookie").split(";")[0].split("=", 1)[1]
    assert value.startswith("s:ada.")
    assert express.unsign_cookie(value, app) == "ada"
    assert express.unsign_cookie(value.replace("ada", "eve"), app) is None
    assert express.unsign_cookie("ada", app) is None
    assert express.unsign_cookie(None, app) is None
    with app.test_request_context(headers={"Cookie": f"user={value}; plain=x; forged=s:x.bad"}):
        req = express.Request(flask.request._get_current_object())
        assert req.signed_cookie("user") == "ada"
        assert req.signed_cookie("plain") is None
        assert req.signed_cookie("forged", "dflt") == "dflt"
        assert req.signed_cookies == {"user": "ada"}


def test_cookie_signed_with_spaces_is_quoted_and_verifies(app, facade, backend) -> None:
    client = app.test_client()

    @app.get("/set")
    def set_(req, res):
        return res.cookie("note", "hello world; x", signed=True).send("ok")

    @app.get("/read")
    def read(req, res):
        return res.json(note=req.signed_cookie("note"))

    client.get("/set")
    assert client.get("/read").json == {"note": "hello world; x"}


def test_cookie_signed_key_rotation(app, facade) -> None:
    with app.test_request_context():
        old = express.sign_cookie("v")
    app.config["SECRET_KEY_FALLBACKS"] = ["test secret"]
    app.secret_key = "new secret"
    assert express.unsign_cookie(old, app) == "v"
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert express.unsign_cookie(old, app) is None


def test_cookie_signed_needs_a_secret_key(app, facade) -> None:
    app.secret_key = None
    with app.test_request_context(), pytest.raises(RuntimeError, match="SECRET_KEY"):
        facade().cookie("a", "b", signed=True)
    with app.test_request_context(), pytest.raises(TypeError):
        app.secret_key = "k"
        facade().cookie("a", object(), signed=True)


# -------------------------------------------------------------- redirect


def test_redirect_defaults_to_302(facade) -> None:
    resp = facade().redirect("/dashboard")
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/dashboard"
    assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert resp.get_data() == b"Found. Redirecting to /dashboard"


def test_redirect_keeps_headers_and_cookies(facade) -> None:
    """flask-express built a new response and dropped them."""
    resp = facade().set_cookie("sid", "abc").set("X-Trace", "t1").redirect("/next")
    assert resp.headers.getlist("Set-Cookie") == [werkzeug_dump_cookie("sid", "abc")]
    assert resp.get("X-Trace") == "t1"
    status, headers, _ = run_wsgi(resp)
    assert status == "302 FOUND"
    assert ("Set-Cookie", werkzeug_dump_cookie("sid", "abc")) in headers


@pytest.mark.parametrize("earlier", [301, 303, 307, 308])
def test_redirect_honours_a_status_set_earlier(facade, earlier) -> None:
    """flask-express always sent 302."""
    assert facade().set_status(earlier).redirect("/x").status_code == earlier


def test_redirect_explicit_code_and_non_redirect_earlier_status(facade) -> None:
    assert facade().redirect("/x", 301).status_code == 301
    assert facade().set_status(404).redirect("/x").status_code == 302
    with pytest.raises(ValueError):
        facade().redirect("/x", 200)
    with pytest.raises(ValueError):
        facade().redirect("/x", "301")


def test_redirect_refuses_injection_and_escapes_the_body(facade) -> None:
    with pytest.raises(ValueError):
        facade().redirect("/x\r\nSet-Cookie: evil=1")
    with pytest.raises(TypeError):
        facade().redirect(None)
    resp = facade().redirect('/x?a="><script>')
    assert b"<script>" not in resp.get_data()


def test_redirect_back_and_set_location(app, facade) -> None:
    with app.test_request_context(headers={"Referer": "/from"}):
        assert facade().redirect("back").get("Location") == "/from"
        assert facade().set_location("back").get("Location") == "/from"
    with app.test_request_context():
        assert facade().redirect("back").get("Location") == "/"
    resp = facade()
    assert resp.set_location("/elsewhere") is resp
    assert resp.get("Location") == "/elsewhere"
    with pytest.raises(ValueError):
        facade().set_location("/a\nb")


def test_redirect_location_is_iri_encoded_on_the_wire(facade) -> None:
    _, headers, _ = run_wsgi(facade().redirect("/ünï"))
    assert ("Location", "/%C3%BCn%C3%AF") in headers


# ---------------------------------------------------------------- render


def test_render_template_file_with_merged_context(app, facade, tmp_path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text("{{ name }} on {{ planet }}")
    with app.test_request_context():
        resp = facade().render("index.html", {"name": "A", "planet": "Mars"}, {"planet": "Pluto"}, name="B")
    assert resp.get_data() == b"B on Pluto"
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"


def test_render_raw_string(app, facade) -> None:
    with app.test_request_context():
        resp = facade().render("<p>{{ n }} & {{ s }}</p>", n=1, s="<i>")
    assert resp.get_data() == b"<p>1 & &lt;i&gt;</p>"


def test_render_missing_template_and_bad_context(app, facade) -> None:
    import jinja2

    with app.test_request_context():
        with pytest.raises(jinja2.TemplateNotFound):
            facade().render("missing.html")
        with pytest.raises(TypeError):
            facade().render("x {{ a }}", ["not", "a", "mapping"])
        with pytest.raises(TypeError):
            facade().render(None)


# ----------------------------------------------------------------- flash


def test_flash_chains(app, facade) -> None:
    with app.test_request_context():
        resp = facade().flash("saved").flash("careful", "warning").end()
        assert flask.get_flashed_messages(with_categories=True) == [("info", "saved"), ("warning", "careful")]
    assert resp.get_data() == b""


# --------------------------------------------------------- make_response


def test_make_response_keeps_cookies_and_status(facade) -> None:
    resp = facade().set_cookie("a", "1").set_status(201).set("X-Keep", "k").send("old body")
    assert resp.make_response("new", headers={"X-New": "n"}) is resp
    assert resp.get_data() == b"new"
    assert resp.status_code == 201
    assert resp.get("X-Keep") == "k" and resp.get("X-New") == "n"
    assert resp.headers.getlist("Set-Cookie") == [werkzeug_dump_cookie("a", "1")]
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert resp.headers.getlist("Content-Length") == ["3"]
    assert resp.get("ETag") is None  # the old body's ETag went with it


def test_make_response_arguments(facade) -> None:
    resp = facade().make_response(["a", "b"], 404, [("X-A", "1")], mimetype="text/plain")
    assert resp.status_code == 404
    assert resp.get_data() == b"ab"
    assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
    resp = facade().make_response(b"x", "299 Custom", content_type="image/gif")
    assert resp.status == "299 Custom"
    assert resp.headers["Content-Type"] == "image/gif"
    resp = facade().make_response(b"{}", headers={"Content-Type": "application/json"})
    assert resp.headers.getlist("Content-Type") == ["application/json"]


# ------------------------------------------------------------ ETag / 304


def test_send_adds_a_weak_etag(facade, backend) -> None:
    resp = facade().send("hello")
    assert resp.get("ETag") == backend.core.weak_etag(b"hello") == 'W/"5-qvTGHdzF6KLavt4PO0gs2a6pQ00"'
    assert facade().json({"a": 1}).get("ETag") == backend.core.weak_etag(b'{"a":1}')


def test_send_keeps_an_etag_set_earlier(facade) -> None:
    resp = facade().set("ETag", '"v1"').send("hello")
    assert resp.headers.getlist("ETag") == ['"v1"']


def test_auto_etag_off(facade) -> None:
    resp = facade()
    resp.auto_etag = False
    assert resp.send("x").get("ETag") is None


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_fresh_conditional_request_gets_304(app, facade, method) -> None:
    etag = facade().send("hello").get("ETag")
    with app.test_request_context(method=method, headers={"If-None-Match": etag}):
        resp = facade().set_cookie("a", "1").send("hello")
    assert resp.status_code == 304
    status, headers, body = run_wsgi(resp, {**WSGI_ENVIRON, "REQUEST_METHOD": method})
    assert status == "304 NOT MODIFIED" and body == b""
    names = {name.lower() for name, _ in headers}
    assert "content-length" not in names and "content-type" not in names
    assert "set-cookie" in names and "etag" in names


@pytest.mark.parametrize(
    ("headers", "method", "status"),
    [
        ({"If-None-Match": '"nope"'}, "GET", 200),
        ({"If-None-Match": "*"}, "GET", 304),
        ({"If-None-Match": 'W/"x", {etag}'}, "GET", 304),
        ({"If-None-Match": "{strong}"}, "GET", 304),  # weak comparison
        ({"If-None-Match": "{etag}", "Cache-Control": "no-cache"}, "GET", 200),
        ({"If-None-Match": "{etag}"}, "POST", 200),
        ({}, "GET", 200),
    ],
)
def test_freshness_rules(app, facade, headers, method, status) -> None:
    etag = facade().send("hello").get("ETag")
    strong = etag[2:]
    headers = {k: v.format(etag=etag, strong=strong) for k, v in headers.items()}
    with app.test_request_context(method=method, headers=headers):
        assert facade().send("hello").status_code == status


def test_fresh_only_for_2xx(app, facade) -> None:
    etag = facade().send("gone").get("ETag")
    with app.test_request_context(headers={"If-None-Match": etag}):
        assert facade().set_status(404).send("gone").status_code == 404


def test_if_modified_since(app, facade) -> None:
    lm = "Wed, 01 Jan 2020 00:00:00 GMT"
    with app.test_request_context(headers={"If-Modified-Since": "Thu, 02 Jan 2020 00:00:00 GMT"}):
        assert facade().set("Last-Modified", lm).send("x").status_code == 304
    with app.test_request_context(headers={"If-Modified-Since": "Tue, 31 Dec 2019 00:00:00 GMT"}):
        assert facade().set("Last-Modified", lm).send("x").status_code == 200
    with app.test_request_context(headers={"If-Modified-Since": "garbage"}):
        assert facade().set("Last-Modified", lm).send("x").status_code == 200
    with app.test_request_context(headers={"If-Modified-Since": "Thu, 02 Jan 2020 00:00:00 GMT"}):
        assert facade().send("no last-modified").status_code == 200


# ----------------------------------------------------------------- jsonp


def test_jsonp_with_callback(app, facade) -> None:
    with app.test_request_context("/?callback=handle.it[0]"):
        resp = facade().jsonp({"a": "\u2028"})
    assert resp.get_data() == (b'/**/ typeof handle.it[0] === \'function\' && handle.it[0]({"a":"\\u2028"});')
    assert resp.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_jsonp_sanitises_the_callback(app, facade) -> None:
    with app.test_request_context("/", query_string={"callback": "alert(1);//<script>"}):
        body = facade().jsonp([1]).get_data()
    assert body.startswith(b"/**/ typeof alert1script === 'function'")
    with app.test_request_context("/", query_string={"callback": "();<>"}):
        resp = facade().jsonp([1])
    assert resp.get_data() == b"[1]" and resp.headers["Content-Type"] == "application/json"


def test_jsonp_without_callback_is_json(app, facade) -> None:
    with app.test_request_context("/"):
        resp = facade().jsonp({"a": 1})
    assert resp.get_data() == b'{"a":1}'
    assert resp.headers["Content-Type"] == "application/json"
    assert facade().jsonp([2]).get_data() == b"[2]"  # no request at all


def test_jsonp_callback_name_config(app, facade) -> None:
    app.config["JSONP_CALLBACK_NAME"] = "cb"
    with app.test_request_context("/?cb=f&callback=g"):
        assert facade().jsonp(1).get_data() == b"/**/ typeof f === 'function' && f(1);"


# ---------------------------------------------------------------- format


def _handlers(resp):
    return {
        "text/plain": lambda: resp.send("text"),
        "html": lambda: resp.send("<p>html</p>"),
        "application/json": lambda: resp.json(kind="json"),
    }


@pytest.mark.parametrize(
    ("accept", "body", "ctype"),
    [
        ("application/json", b'{"kind":"json"}', "application/json"),
        ("text/html,application/xhtml+xml;q=0.9", b"<p>html</p>", "text/html; charset=utf-8"),
        ("text/*;q=0.5, application/json;q=0.1", b"text", "text/plain; charset=utf-8"),
        (None, b"text", "text/plain; charset=utf-8"),
        ("*/*", b"text", "text/plain; charset=utf-8"),
    ],
)
def test_format_negotiates(app, facade, accept, body, ctype) -> None:
    headers = {"Accept": accept} if accept else {}
    with app.test_request_context(headers=headers):
        resp = facade()
        assert resp.format(_handlers(resp)) is resp
    assert resp.get_data() == body
    assert resp.headers["Content-Type"] == ctype
    assert resp.get("Vary") == "Accept"


def test_format_default_and_plain_values(app, facade) -> None:
    with app.test_request_context(headers={"Accept": "image/png"}):
        resp = facade()
        resp.format({"json": {"a": 1}, "default": lambda: resp.send("fallback")})
        assert resp.get_data() == b"fallback"
    with app.test_request_context(headers={"Accept": "application/json"}):
        resp = facade().format({"json": {"a": 1}})
        assert resp.get_data() == b'{"a":1}'
    with app.test_request_context(headers={"Accept": "text/plain"}):
        assert facade().format({"txt": lambda: "returned"}) == "returned"


def test_format_406(app, facade) -> None:
    with app.test_request_context(headers={"Accept": "image/png"}):
        with pytest.raises(NotAcceptable) as info:
            facade().format({"json": {"a": 1}, "text/html": "x"})
    resp = info.value.response
    assert resp.status_code == 406
    assert resp.get("Vary") == "Accept"
    assert b"application/json, text/html" in resp.get_data()


def test_format_406_through_the_app(app) -> None:
    @app.get("/neg")
    def neg(req, res):
        return res.format({"json": {"a": 1}})

    rv = app.test_client().get("/neg", headers={"Accept": "text/csv"})
    assert rv.status_code == 406
    assert rv.headers["Vary"] == "Accept"


def test_format_needs_a_request(facade) -> None:
    with pytest.raises(RuntimeError, match="request"):
        facade().format({"json": 1})


# ----------------------------------------------------------- links / vary


def test_links(facade) -> None:
    resp = facade()
    assert resp.links({"next": "/p/2", "last": "/p/5"}) is resp
    assert resp.get("Link") == '</p/2>; rel="next", </p/5>; rel="last"'
    resp.links({"prev": "/p/1"})
    assert resp.get("Link") == '</p/2>; rel="next", </p/5>; rel="last", </p/1>; rel="prev"'


@pytest.mark.parametrize(
    "links", [{"next": "/a>b"}, {"next": "<x"}, {'ne"xt': "/a"}, {"": "/a"}, {"n": 1}, {"n": "/a\r\n"}]
)
def test_links_refused(facade, links) -> None:
    with pytest.raises(ValueError):
        facade().links(links)


def test_add_vary(facade) -> None:
    resp = facade()
    assert resp.add_vary("Accept") is resp
    resp.add_vary("accept").add_vary(["Origin", "Accept-Encoding, Origin"])
    assert resp.get("Vary") == "Accept, Origin, Accept-Encoding"
    assert resp.add_vary("*").get("Vary") == "*"
    assert resp.add_vary("Cookie").get("Vary") == "*"
    assert facade().set("Vary", "Cookie").add_vary("Accept").get("Vary") == "Cookie, Accept"


@pytest.mark.parametrize("field", ["Bad Field", "a:b", "x\r\n", "é"])
def test_add_vary_refuses_bad_names(facade, field) -> None:
    with pytest.raises(ValueError):
        facade().add_vary(field)


# ---------------------------------------------------- test client json


def test_test_client_keeps_werkzeug_json_property(app) -> None:
    """flask-express made ``rv.json`` a method on test responses."""

    @app.get("/data")
    def data(req, res):
        return res.json({"a": [1, 2]})

    rv = app.test_client().get("/data")
    assert isinstance(rv, TestResponse)
    assert rv.json == {"a": [1, 2]}
    assert rv.get_json() == {"a": [1, 2]}


# ------------------------------------------------- Express 5 behaviour


def test_send_str_rewrites_a_preset_charset_to_utf8(facade) -> None:
    resp = facade().set("Content-Type", "text/plain; charset=iso-8859-1").send("café")
    assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert resp.get_data() == "café".encode()


def test_send_empty_and_none(facade) -> None:
    resp = facade().send()
    assert (resp.get_data(), resp.get("ETag"), resp.get("Content-Type")) == (b"", None, None)
    resp = facade().send(None)
    assert (resp.get_data(), resp.get("ETag")) == (b"", 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"')


@pytest.mark.parametrize("code", [204, 304])
def test_no_body_statuses_strip_body_and_headers(facade, code) -> None:
    for build in (lambda r: r.send("x"), lambda r: r.json({"a": 1}), lambda r: r.sendStatus(code)):
        resp = build(facade().set_status(code))
        assert resp.get_data() == b""
        assert resp.get("Content-Type") is None
        status, headers, body = run_wsgi(resp)
        assert "Content-Length" not in dict(headers)


def test_205_sends_content_length_zero(facade) -> None:
    resp = facade().set_status(205).json({"a": 1})
    status, headers, body = run_wsgi(resp)
    assert (status, dict(headers)["Content-Length"], body) == ("205 RESET CONTENT", "0", b"")


def test_etag_setting_per_response_and_bad_setting(facade) -> None:
    resp = facade()
    resp.auto_etag = "strong"
    assert resp.send("hello, world!").get("ETag") == '"d-HwnTDHB9U/PRbFMN1z1wps51lqk"'
    resp = facade()
    resp.auto_etag = "sometimes"
    with pytest.raises(ValueError, match="ETag setting"):
        resp.send("x")


def test_set_mapping_last_of_case_variants_wins(facade) -> None:
    resp = facade().set({"X-Foo": "a", "x-foo": "b"})
    assert resp.headers.getlist("X-Foo") == ["b"]


def test_get_returns_every_value(facade) -> None:
    resp = facade().append("X-A", "1").append("X-A", "2").set("X-B", "3")
    assert (resp.get("x-a"), resp.get("X-B"), resp.get("X-C")) == (["1", "2"], "3", None)


def test_format_406_lists_types(app, facade) -> None:
    with app.test_request_context(headers={"Accept": "image/png"}):
        with pytest.raises(NotAcceptable) as info:
            facade().format({"text": "t", "json; q=1": "j", "text/html; charset=utf-8": "h"})
    assert info.value.types == ["text/plain", "application/json", "text/html"]
    assert info.value.response.get_data() == b"Not Acceptable. Available: text/plain, application/json, text/html\n"


def test_cookie_json_and_priority(facade) -> None:
    resp = facade().cookie("prefs", {"a": [1, 2]}, priority="High")
    assert resp.headers["Set-Cookie"] == werkzeug_dump_cookie("prefs", 'j:{"a":[1,2]}') + "; Priority=High"
