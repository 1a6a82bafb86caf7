"""Hostile but legal Python objects: never a crash, never a bypassed refusal, both cores alike.

One test (or one group) per finding of the hardening review, each run on both
cores.  Where werkzeug is well defined the cores follow it; where werkzeug
would hand something invalid to the server, both refuse with ``ValueError``.
"""

from __future__ import annotations

import enum
import inspect
import typing as t

import pytest
import werkzeug
from markupsafe import Markup
from werkzeug.datastructures import Headers
from werkzeug.http import dump_cookie as werkzeug_dump_cookie

from support import WSGI_ENVIRON, run_wsgi
from fastres import core, wrappers


class Kind(str, enum.Enum):
    A = "a-value"


class Code(enum.IntEnum):
    CREATED = 201


class Shouting(str):
    """A str subclass whose encode() is not str.encode."""

    def encode(self, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        return str.encode(self.upper() + "!!", *args, **kwargs)


class Clearing:
    """A header name whose lower() empties the list it sits in."""

    def __init__(self, target: list, result: str = "x") -> None:  # type: ignore[type-arg]
        self.target = target
        self.result = result

    def lower(self) -> str:
        self.target.clear()
        return self.result


class ClearingStr(str):
    """The same from a str subclass (what Markup's Python-level lower() allows)."""

    target: t.ClassVar[list] = []  # type: ignore[type-arg]

    def lower(self) -> str:  # type: ignore[override]
        type(self).target.clear()
        return str.lower(self)


def wire(headers: list[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    """The bytes a server writes for each header."""
    return [(str.encode(name, "latin-1"), str.encode(value, "latin-1")) for name, value in headers]


def outcome(func, *args):  # type: ignore[no-untyped-def]
    """The result of ``func(*args)``, or the type of the exception it raised."""
    try:
        return func(*args)
    except Exception as exc:  # noqa: BLE001  (the type is what is compared)
        return type(exc)


# ------------------------------------------------- 1. stale list length


@pytest.mark.parametrize("result", ["x", "y"])
def test_stale_length_set_header(backend, result) -> None:
    hl: list = []  # type: ignore[type-arg]
    hl.extend([(Clearing(hl, result), "v")] * 8)
    if result == "x":  # matched, then the list is gone: the replacement has nowhere to go
        with pytest.raises(IndexError):
            backend.core.set_header(hl, "X", "y")
    else:
        backend.core.set_header(hl, "X", "y")
        assert hl == [("X", "y")]


def test_stale_length_set_header_tail(backend) -> None:
    hl: list = [("X", "1")]  # type: ignore[type-arg]
    hl.extend([(Clearing(hl, "z"), "v")] * 8)
    backend.core.set_header(hl, "X", "2")
    assert hl == []  # replaced, then the tail scan ran on an emptied list


@pytest.mark.parametrize("function", ["header_get", "has_header"])
def test_stale_length_lookups(backend, function) -> None:
    hl: list = []  # type: ignore[type-arg]
    hl.extend([(Clearing(hl, "y"), "v")] * 8)
    assert not getattr(backend.core, function)(hl, "x")
    assert hl == []


def test_stale_length_response_send(backend) -> None:
    resp = backend.Response()
    ClearingStr.target = resp.headers._list
    for _ in range(8):
        resp.headers.add(ClearingStr("X-Evil"), "v")
    backend.core.response_send(resp, b"body", "text/plain", True)
    assert resp.get_data() == b"body"
    assert resp.headers.get("Content-Length") == "4"


def test_stale_length_express_send(facade) -> None:
    res = facade()
    ClearingStr.target = res.headers._list
    for _ in range(8):
        res.headers.add(ClearingStr("X-Evil"), "v")
    res.send("hello")
    status, headers, body = run_wsgi(res)
    assert body == b"hello"
    assert ("Content-Length", "5") in headers


def test_stale_length_wsgi_headers_drop(backend) -> None:
    resp = backend.Response("x", status=204)
    ClearingStr.target = resp.headers._list
    for _ in range(8):
        resp.headers.add(ClearingStr("X-Evil"), "v")
    status, headers, body = run_wsgi(resp)
    assert status == "204 NO CONTENT" and body == b""
    assert all(type(name) is str for name, _ in headers)


# ------------------------------------------------- 2. None arguments


def test_none_cookie_value(backend) -> None:
    with pytest.raises(TypeError):
        werkzeug.Response().set_cookie("k", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        backend.Response().set_cookie("k", None)


_NONE_CALLS = {
    "clean_status": ("200",),
    "check_status_code": (200, "200 OK"),
    "content_type_for": ("text/plain",),
    "header_value": ("X", "v"),
    "header_list": ([("X", "v")],),
    "set_header": ([("X", "v")], "X", "w"),
    "has_header": ([("X", "v")], "x"),
    "header_get": ([("X", "v")], "x"),
    "is_json_type": ("application/json",),
    "encoded_length": ([b"ab", "c"],),
    "wsgi_headers": ([("X", "v")], 200, dict(WSGI_ENVIRON), False, [b"x"]),
    "dump_cookie": ("k", "v", 10, None, "/", "example.com", True, True, True, 4093, "Lax", True),
    "join_encoded": ([b"ab", "c"],),
    "weak_etag": (b"x",),
}


def _with_none(args: tuple, i: int) -> tuple:  # type: ignore[type-arg]
    copied = [list(a) if isinstance(a, list) else a for a in args]
    copied[i] = None
    return tuple(copied)


@pytest.mark.parametrize(
    ("function", "position"),
    [(name, i) for name, args in _NONE_CALLS.items() for i in range(len(args))],
)
def test_none_in_every_argument_agrees_with_the_pure_core(backend, function, position) -> None:
    args = _with_none(_NONE_CALLS[function], position)
    got = outcome(getattr(backend.core, function), *args)
    expected = outcome(getattr(core.pure, function), *_with_none(_NONE_CALLS[function], position))
    if function == "dump_cookie" and isinstance(got, str):  # Expires follows the clock
        got, expected = got.split("; Expires")[0], expected.split("; Expires")[0]
    assert got == expected


def test_none_header_list_on_the_methods(backend) -> None:
    resp = backend.Response("x")
    for args in [(None, "X", "y"), (resp.headers._list, None, "y")]:
        assert outcome(backend.core.set_header, *args) is TypeError


# --------------------------------------- 4. facade adoption of another response


@pytest.mark.parametrize("bad", [("X Bad Name", "v"), ("X-Nul", "a\x00b"), ("X-Wide", "\u2603")])
def test_adoption_validates_the_other_header_list(facade, bad) -> None:
    res = facade()
    with pytest.raises(ValueError):
        res.make_response("b", headers=Headers([bad]))
        run_wsgi(res)


def test_adoption_keeps_valid_headers(facade) -> None:
    res = facade()
    res.make_response("b", headers=Headers([("X-Ok", "v"), ("X-Markup", Markup("m"))]))
    status, headers, body = run_wsgi(res)
    assert ("X-Ok", "v") in headers and ("X-Markup", "m") in headers


# --------------------------- 5. str subclass with its own encode(): Content-Length


@pytest.mark.parametrize("how", ["list", "init", "set_data"])
def test_encode_override_content_length_matches_body(backend, how) -> None:
    value = Shouting("abc")
    if how == "list":
        resp, ref = backend.Response([value]), werkzeug.Response([value])
    elif how == "init":
        resp, ref = backend.Response(value), werkzeug.Response(value)
    else:
        resp, ref = backend.Response(), werkzeug.Response()
        resp.set_data(value)
        ref.set_data(value)
    status, headers, body = run_wsgi(resp)
    assert body == b"ABC!!"
    assert dict(headers)["Content-Length"] == str(len(body))
    assert run_wsgi(ref)[2] == body
    assert backend.core.encoded_length([value]) == 5


# ------------------------------------ 6. str subclasses, Enum members, bool


def _wire_of(resp) -> tuple[str, list[tuple[bytes, bytes]], bytes]:  # type: ignore[no-untyped-def]
    status, headers, body = run_wsgi(resp)
    assert all(type(n) is str and type(v) is str for n, v in headers)
    return status, wire(headers), body


def _werkzeug_wire(resp) -> tuple[str, list[tuple[bytes, bytes]], bytes]:  # type: ignore[no-untyped-def]
    status, headers, body = run_wsgi(resp)
    return status, wire(headers), body


@pytest.mark.parametrize("value", [Markup("m&m"), Kind.A, Markup("needs quoting; yes")])
def test_subclass_cookie_values_as_werkzeug(backend, value) -> None:
    resp, ref = backend.Response("x"), werkzeug.Response("x")
    resp.set_cookie("k", value)
    ref.set_cookie("k", value)
    assert _wire_of(resp) == _werkzeug_wire(ref)
    assert backend.core.dump_cookie("k", value) == werkzeug_dump_cookie("k", value)


class CookieKind(str, enum.Enum):
    SID = "sid"


@pytest.mark.parametrize("name", [Markup("sid"), CookieKind.SID, Shouting("sid")])
def test_subclass_cookie_names_as_werkzeug(backend, name) -> None:
    resp, ref = backend.Response("x"), werkzeug.Response("x")
    resp.set_cookie(name, "v")
    ref.set_cookie(name, "v")
    resp.delete_cookie(name)
    ref.delete_cookie(name)
    assert _wire_of(resp) == _werkzeug_wire(ref)
    assert backend.core.dump_cookie(name, "v") == werkzeug_dump_cookie(name, "v")
    assert type(backend.core.dump_cookie(name, "v")) is str


@pytest.mark.parametrize("value", [Markup("m"), Kind.A, Shouting("s")])
@pytest.mark.parametrize("how", ["setitem", "add", "init_dict", "init_list", "init_headers"])
def test_subclass_header_values_as_werkzeug(backend, value, how) -> None:
    def build(R):  # type: ignore[no-untyped-def]
        if how == "init_dict":
            return R("x", headers={"X-Kind": value})
        if how == "init_list":
            return R("x", headers=[("X-Kind", value)])
        if how == "init_headers":
            return R("x", headers=Headers([("X-Kind", value)]))
        resp = R("x")
        if how == "setitem":
            resp.headers["X-Kind"] = value
        else:
            resp.headers.add("X-Kind", value)
        return resp

    assert _wire_of(build(backend.Response)) == _werkzeug_wire(build(werkzeug.Response))


@pytest.mark.parametrize("name", [Markup("X-Markup"), ClearingStr("X-Sub")])
def test_subclass_header_names_as_werkzeug(backend, name) -> None:
    def build(R):  # type: ignore[no-untyped-def]
        resp = R("x")
        resp.headers.add(name, "v")
        return resp

    assert _wire_of(build(backend.Response)) == _werkzeug_wire(build(werkzeug.Response))
    assert _wire_of(backend.Response("x", headers=[(name, "v")])) == _werkzeug_wire(
        werkzeug.Response("x", headers=[(name, "v")])
    )


@pytest.mark.parametrize("mimetype", [Markup("text/plain"), Markup("application/json")])
def test_subclass_mimetypes_as_werkzeug(backend, mimetype) -> None:
    assert backend.core.content_type_for(mimetype) == core.pure.content_type_for(mimetype)
    assert _wire_of(backend.Response("x", mimetype=mimetype)) == _werkzeug_wire(
        werkzeug.Response("x", mimetype=mimetype)
    )
    assert _wire_of(backend.Response("x", content_type=mimetype)) == _werkzeug_wire(
        werkzeug.Response("x", content_type=mimetype)
    )


def test_subclass_content_types_json(backend) -> None:
    assert backend.core.is_json_type(Markup("application/problem+json"))
    assert not backend.core.is_json_type(Kind.A)
    with pytest.raises(TypeError):
        backend.core.is_json_type(5)
    with pytest.raises(TypeError):
        backend.core.content_type_for(5)


class Method(str):
    def __eq__(self, other: object) -> bool:
        return str.upper(self) == other

    __hash__ = str.__hash__


def test_subclass_request_method_head(backend) -> None:
    environ = dict(WSGI_ENVIRON, REQUEST_METHOD=Method("head"))
    assert run_wsgi(werkzeug.Response("body"), environ)[2] == b""
    assert run_wsgi(backend.Response("body"), environ)[2] == b""
    assert list(backend.Response("body").get_app_iter(environ)) == []


def test_int_subclass_statuses(backend) -> None:
    assert run_wsgi(backend.Response("x", status=Code.CREATED))[0] == "201 CREATED"
    # werkzeug sends "1 UNKNOWN" for status=True: both cores refuse it.
    assert run_wsgi(werkzeug.Response("x", status=True))[0] == "1 UNKNOWN"
    with pytest.raises(ValueError):
        run_wsgi(backend.Response("x", status=True))


def test_subclass_header_value_with_newline_refused(backend) -> None:
    resp = backend.Response("x")
    resp.headers._list.append((Markup("X-A"), Markup("a\r\nSet-Cookie: x=1")))
    with pytest.raises(ValueError):
        run_wsgi(resp)


# ------------------------------- 7. subclasses overriding a call hook


_BAD_STATUS = "200 OK\r\nSet-Cookie: admin=1"


def _hooked(backend, hook: str):  # type: ignore[no-untyped-def]
    def passthrough(self, *args):  # type: ignore[no-untyped-def]
        return getattr(super(cls, self), hook)(*args)

    if hook == "status":
        namespace = {"status": property(lambda self: self._status)}
    else:
        namespace = {hook: passthrough}
    cls = type("Hooked", (backend.Response,), namespace)
    return cls


@pytest.mark.parametrize("hook", ["get_app_iter", "get_wsgi_headers", "get_wsgi_response", "status"])
def test_call_hook_override_keeps_status_refusal(backend, hook) -> None:
    R = _hooked(backend, hook)
    assert not R._fastres_direct_call
    resp = R("x")
    resp._status = _BAD_STATUS
    with pytest.raises(ValueError):
        run_wsgi(resp)
    resp = R("x")
    resp._status, resp._status_code = "0 nothing", 0
    with pytest.raises(ValueError):
        run_wsgi(resp)


@pytest.mark.parametrize("hook", ["get_app_iter", "get_wsgi_headers", "get_wsgi_response"])
@pytest.mark.parametrize("bad", [("X Bad", "v"), ("X-Nul", "a\x00b"), ("X-Snow", "\u2603")])
def test_call_hook_override_keeps_header_refusal(backend, hook, bad) -> None:
    resp = _hooked(backend, hook)("x")
    resp.headers._list.append(bad)
    with pytest.raises(ValueError):
        run_wsgi(resp)


def test_call_hook_override_still_sends(backend) -> None:
    resp = _hooked(backend, "get_app_iter")("x", headers={"X-A": Markup("1")})
    assert run_wsgi(resp) == run_wsgi(backend.Response("x", headers={"X-A": "1"}))


# ----------------------------------------- 10. accelerate() takes Response classes only


@pytest.mark.parametrize("target", [int, object, type, werkzeug.Response, 5, None, dict])
def test_accelerate_refuses_other_types(backend, target) -> None:
    with pytest.raises(TypeError):
        backend.core.accelerate(target)
    with pytest.raises(TypeError):
        core.accelerate(target)
    assert int("5") == 5 and type.__call__(int, "6") == 6  # nothing was rewritten


def test_accelerate_takes_response_classes(backend) -> None:
    sub = type("Sub", (backend.Response,), {})
    backend.core.accelerate(sub)
    assert run_wsgi(sub("x"))[2] == b"x"
    assert inspect.isclass(sub)


class UpperLower(str):
    def lower(self) -> str:  # type: ignore[override]
        return str.upper(self)


@pytest.mark.parametrize("function", ["has_header", "header_get"])
def test_subclass_lookup_name_lower_called_as_the_pure_core(backend, function) -> None:
    hl = [("Content-Type", "t"), ("X-A", "a")]
    name = UpperLower("Content-Type")
    assert getattr(backend.core, function)(hl, name) == getattr(core.pure, function)(hl, name)


def _add_hook_header(original):  # type: ignore[no-untyped-def]
    def get_wsgi_headers(self, environ):  # type: ignore[no-untyped-def]
        headers = original(self, environ)
        headers["X-Hook"] = "1"
        return headers

    return get_wsgi_headers


@pytest.mark.parametrize("where", ["subclass", "base"])
def test_call_hook_assigned_after_class_creation_is_honoured(backend, monkeypatch, where) -> None:
    R = type("Late", (backend.Response,), {})
    assert run_wsgi(R("x"))[2] == b"x"  # the class's direct path has run (and is cached)
    target = R if where == "subclass" else wrappers.Response
    monkeypatch.setattr(target, "get_wsgi_headers", _add_hook_header(wrappers.Response.get_wsgi_headers))
    assert not R._fastres_direct_call
    assert ("X-Hook", "1") in run_wsgi(R("x"))[1]
    monkeypatch.setattr(target, "get_app_iter", lambda self, environ: [b"hooked"])
    assert run_wsgi(R("x"))[2] == b"hooked"
    monkeypatch.undo()
    assert R._fastres_direct_call
    status, headers, body = run_wsgi(R("x"))
    assert ("X-Hook", "1") not in headers and body == b"x"
