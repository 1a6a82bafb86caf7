"""The differential fuzz cases shared by both fuzz drivers.

:func:`one_input` picks one entry point of the compiled core (header building
and validation, the WSGI header list, cookie serialization, HTTP dates, JSON,
encoded iteration, status parsing, whole responses through the WSGI call,
weak ETags, ``response_send`` on either flavour of Response, and the hostile
but legal objects below), builds its arguments from a data provider and calls
it on both cores.  The outcomes must agree: the same return value, or the same
exception type (and the same message for the ValueErrors fastres raises
itself), and the same warnings.

The provider is atheris's ``FuzzedDataProvider`` (``fuzz_core.py``) or
:class:`fuzz_hypothesis.DrawProvider`, which answers the same calls from
hypothesis draws; both need only the methods listed in :class:`Provider`.

Hostile objects: str subclasses whose ``lower``/``encode``/``__eq__``/
``__hash__`` are Python code, ``Markup``, str and int ``Enum`` members,
``bool``; header lists that a name's ``lower()`` mutates while the core
walks them (compared where both cores call ``lower()`` in the same order,
else run on the compiled core for crashes only); and a second thread
mutating a response the first one serialises (crashes only).
"""

from __future__ import annotations

import enum
import sys
import threading
import typing as t
import warnings
from datetime import datetime, timedelta, timezone

from markupsafe import Markup

from fastres import core, express, wrappers

if core.compiled is None:
    sys.exit("fuzz: the compiled core fastres._core is not built")

C, P = core.compiled, core.pure
RC, RP = core.on_core(wrappers.Response, C), core.on_core(wrappers.Response, P)
#: The Express facade's Response (no default mimetype) on each core, for response_send.
EC, EP = core.on_core(express.Response, C), core.on_core(express.Response, P)
ENVIRON = {
    "REQUEST_METHOD": "GET",
    "SERVER_NAME": "localhost",
    "SERVER_PORT": "80",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "PATH_INFO": "/",
    "SCRIPT_NAME": "",
    "QUERY_STRING": "",
    "wsgi.url_scheme": "http",
}


class Provider(t.Protocol):
    """The part of atheris's ``FuzzedDataProvider`` the cases use."""

    def ConsumeIntInRange(self, lo: int, hi: int) -> int: ...
    def ConsumeInt(self, nbytes: int) -> int: ...
    def ConsumeBytes(self, n: int) -> bytes: ...
    def ConsumeUnicode(self, n: int) -> str: ...
    def ConsumeUnicodeNoSurrogates(self, n: int) -> str: ...
    def ConsumeRegularFloat(self) -> float: ...
    def ConsumeFloat(self) -> float: ...
    def ConsumeFloatInRange(self, lo: float, hi: float) -> float: ...
    def ConsumeBool(self) -> bool: ...
    def PickValueInList(self, values: list) -> t.Any: ...  # type: ignore[type-arg]


class Divergence(AssertionError):
    pass


def text(fdp: Provider, limit: int = 40) -> str:
    n = fdp.ConsumeIntInRange(0, limit)
    mode = fdp.ConsumeIntInRange(0, 3)
    if mode == 0:  # header-ish ASCII with the interesting separators and controls
        alphabet = "abcXYZ09-_ :;,=\"\\/()<>@?[]{}\r\n\x00\t\x7f%.~!$&'*+|^`#"
        return "".join(alphabet[b % len(alphabet)] for b in fdp.ConsumeBytes(n))
    if mode == 1:
        return fdp.ConsumeBytes(n).decode("latin-1")
    if mode == 2:
        return fdp.ConsumeUnicodeNoSurrogates(n)
    return fdp.ConsumeUnicode(n)  # may hold lone surrogates


def scalar(fdp: Provider):  # type: ignore[no-untyped-def]
    k = fdp.ConsumeIntInRange(0, 6)
    if k == 0:
        return text(fdp)
    if k == 1:
        return fdp.ConsumeInt(fdp.ConsumeIntInRange(1, 10))
    if k == 2:
        return fdp.ConsumeRegularFloat()
    if k == 3:
        return fdp.ConsumeBool()
    if k == 4:
        return None
    if k == 5:
        return fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 20))
    return fdp.ConsumeFloat()  # nan, inf, ...


def json_value(fdp: Provider, depth: int = 0):  # type: ignore[no-untyped-def]
    k = fdp.ConsumeIntInRange(0, 3 if depth < 5 else 1)
    if k <= 1:
        v = scalar(fdp)
        return v if not isinstance(v, bytes) else v.decode("latin-1")
    if k == 2:
        return [json_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))]
    return {text(fdp, 10): json_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))}


def headers(fdp: Provider) -> list:
    out = []
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        name = (
            fdp.PickValueInList(["Content-Type", "Location", "Content-Location", "Content-Length", "X-A", "set-cookie"])
            if fdp.ConsumeBool()
            else text(fdp, 12)
        )
        out.append((name, scalar(fdp) if fdp.ConsumeIntInRange(0, 4) == 0 else text(fdp)))
    return out


def date_arg(fdp: Provider):  # type: ignore[no-untyped-def]
    k = fdp.ConsumeIntInRange(0, 4)
    if k == 0:
        return fdp.ConsumeIntInRange(-70_000_000_000, 260_000_000_000)
    if k == 1:
        return fdp.ConsumeFloatInRange(-7e10, 2.6e11)
    if k == 2:
        return datetime(
            fdp.ConsumeIntInRange(1, 9999),
            fdp.ConsumeIntInRange(1, 12),
            fdp.ConsumeIntInRange(1, 28),
            fdp.ConsumeIntInRange(0, 23),
            fdp.ConsumeIntInRange(0, 59),
            fdp.ConsumeIntInRange(0, 59),
            fdp.ConsumeIntInRange(0, 999999),
            tzinfo=fdp.PickValueInList([None, timezone.utc, timezone(timedelta(hours=5))]),
        )
    if k == 3:
        return text(fdp, 30)
    return None if fdp.ConsumeBool() else fdp.ConsumeInt(8)


def serialise(resp, method: str = "GET") -> bytes:  # type: ignore[no-untyped-def]
    """*resp* served for a *method* request: the status line, headers and body."""
    captured = []
    app_iter = resp({**ENVIRON, "REQUEST_METHOD": method}, lambda s, h, e=None: captured.append((s, h)))
    try:
        body = b"".join(app_iter)
    finally:
        app_iter.close()
    ((status, hdrs),) = captured
    return repr((status, hdrs)).encode() + b"\n" + body


def send_body(fdp: Provider):  # type: ignore[no-untyped-def]
    """A body for response_send: mostly str or bytes, sometimes what it must refuse."""
    k = fdp.ConsumeIntInRange(0, 7)
    if k <= 2:
        return text(fdp, 60)  # lone surrogates included: UnicodeEncodeError on both
    if k <= 4:
        return fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 200))
    if k == 5:
        return bytearray(fdp.ConsumeBytes(8))
    if k == 6:
        return Markup(text(fdp, 20))  # a str subclass
    return scalar(fdp)


def send_headers(fdp: Provider) -> list:
    """Headers a response may hold before response_send: the ones it looks for, any case."""
    out = []
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        name = (
            fdp.PickValueInList(
                [
                    "Content-Type",
                    "content-type",
                    "CONTENT-TYPE",
                    "Content-Length",
                    "content-length",
                    "ETag",
                    "etag",
                    "Etag",
                    "X-A",
                    "Set-Cookie",
                ]
            )
            if fdp.ConsumeIntInRange(0, 3)
            else text(fdp, 14)
        )
        out.append((name, text(fdp, 30)))
    return out


def send_run(fdp: Provider):  # type: ignore[no-untyped-def]
    """response_send on a fresh response of each core, built from the same fuzzed input.

    Returns ``pick(module) -> callable`` for :func:`compare`: the callable builds
    the response, calls ``response_send`` and reports what it raised, the
    header list and body it left (also after a refusal) and the serialised
    response."""
    express_flavour = fdp.ConsumeBool()
    init_body = fdp.PickValueInList([None, "", "old body", b"old bytes"])
    mimetype = fdp.PickValueInList([None, "text/plain", "application/json"])
    h = send_headers(fdp) if fdp.ConsumeBool() else None
    materialise = fdp.ConsumeBool()  # read resp.headers first: the Headers._list branch
    no_length = fdp.ConsumeIntInRange(0, 3) == 0  # automatically_set_content_length = False
    body = send_body(fdp)
    k = fdp.ConsumeIntInRange(0, 5)
    if k == 0:
        content_type = None
    elif k == 1:
        content_type = fdp.PickValueInList(
            ["text/html; charset=utf-8", "application/octet-stream", "application/json", "text/plain; charset=utf-8"]
        )
    elif k <= 4:
        content_type = text(fdp, 30)  # CR, LF, NUL, non-latin-1: refused alike
    else:
        content_type = scalar(fdp)  # not a str
    etag = fdp.PickValueInList([False, True, None, 0, 1, "", "x"])
    method = fdp.PickValueInList(["GET", "HEAD"])

    def run(R):  # type: ignore[no-untyped-def]
        def go():  # type: ignore[no-untyped-def]
            resp = R(init_body, None, list(h) if h is not None else None, mimetype)
            if materialise:
                resp.headers  # noqa: B018 - wraps the list in a Headers
            if no_length:
                resp.automatically_set_content_length = False
            try:
                resp._core.response_send(resp, body, content_type, etag)
                refused = None
            except RecursionError:
                raise
            except Exception as exc:  # noqa: BLE001 - compared below
                refused = (type(exc), str(exc) if type(exc) is ValueError else "")
            hl = resp._hlist if type(resp._hlist) is list else resp.headers._list
            state = (refused, list(hl), resp.response)
            return state, serialise(resp, method)

        return go

    if express_flavour:
        return lambda m: run(EC if m is C else EP)
    return lambda m: run(RC if m is C else RP)


def outcome(fn, args):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = ("ok", fn(*args))
        except RecursionError:
            raise
        except Exception as exc:  # noqa: BLE001 - compared below
            message = str(exc) if type(exc) is ValueError else ""
            result = ("raised", type(exc), message)
    return result, [str(w.message) for w in caught]


def compare(name: str, pick, args_c, args_p=None) -> None:  # type: ignore[no-untyped-def]
    got_c = outcome(pick(C), args_c)
    got_p = outcome(pick(P), args_c if args_p is None else args_p)
    if got_c != got_p:
        raise Divergence(f"{name}{args_c!r}:\n compiled: {got_c!r}\n pure:     {got_p!r}")


def one_input(fdp: Provider) -> None:
    """Pick one entry point, build its arguments from *fdp*, compare both cores."""
    target = fdp.ConsumeIntInRange(0, 13 + len(HOSTILE_TARGETS))
    if target > 13:
        HOSTILE_TARGETS[target - 14](fdp)
    elif target == 12:
        arg = fdp.PickValueInList(["bytes", "bytearray", "memoryview", "str", "other"])
        raw = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 300))
        if arg == "bytearray":
            raw = bytearray(raw)
        elif arg == "memoryview":
            raw = memoryview(raw)
        elif arg == "str":
            raw = raw.decode("latin-1")
        elif arg == "other":
            raw = scalar(fdp)
        compare("weak_etag", lambda m: m.weak_etag, (raw,))
    elif target == 13:
        compare("response_send", send_run(fdp), ())
    elif target == 0:
        compare("header_value", lambda m: m.header_value, (text(fdp, 16), scalar(fdp)))
    elif target == 1:
        h = headers(fdp)
        compare("header_list", lambda m: m.header_list, (h,))
    elif target == 2:
        h = [(n, v) for n, v in headers(fdp) if isinstance(v, str)]
        code = fdp.PickValueInList([200, 201, 204, 301, 304, 101, 404, 500, 0, 999])
        body = [text(fdp, 20)] if fdp.ConsumeBool() else None
        compare("wsgi_headers", lambda m: m.wsgi_headers, (h, code, ENVIRON, fdp.ConsumeBool(), body))
    elif target == 3:
        args = (
            text(fdp, 12) if fdp.ConsumeIntInRange(0, 3) else "k",  # key
            text(fdp, 40),  # value
            fdp.PickValueInList([None, 0, 60, -1, timedelta(seconds=90), "3600"]),  # max_age
            date_arg(fdp) if fdp.ConsumeBool() else 0,  # expires (no clock in the output)
            fdp.PickValueInList([None, "/", text(fdp, 20)]),  # path
            fdp.PickValueInList([None, "", "example.com", ".a.b:8080", text(fdp, 20)]),  # domain
            fdp.ConsumeBool(),
            fdp.ConsumeBool(),
            False,  # secure, httponly, sync_expires
            fdp.PickValueInList([4093, 0, 10, 100]),  # max_size
            fdp.PickValueInList([None, "lax", "Strict", "none", "", text(fdp, 8)]),  # samesite
            fdp.ConsumeBool(),  # partitioned
        )
        compare("dump_cookie", lambda m: m.dump_cookie, args)
    elif target == 4:
        compare("http_date", lambda m: m.http_date, (date_arg(fdp),))
    elif target == 5:
        option = fdp.PickValueInList(
            [0, C.JSON_OPT_SORT_KEYS, C.JSON_OPT_INDENT_2, C.JSON_OPT_NON_STR_KEYS | C.JSON_OPT_SORT_KEYS]
        )
        compare("json_dumps", lambda m: m.json_dumps, (json_value(fdp), None, option))
    elif target == 6:
        items = [
            text(fdp, 30) if fdp.ConsumeBool() else fdp.ConsumeBytes(30) for _ in range(fdp.ConsumeIntInRange(0, 6))
        ]
        compare("EncodedIterator", lambda m: lambda xs: list(m.EncodedIterator(xs)), (items,))
        compare("join_encoded", lambda m: m.join_encoded, (items,))
        compare("encoded_length", lambda m: m.encoded_length, (items,))
    elif target == 7:
        status = scalar(fdp) if fdp.ConsumeBool() else f"{fdp.ConsumeIntInRange(0, 1200)} {text(fdp, 12)}"
        compare("clean_status", lambda m: m.clean_status, (status,))
        compare(
            "check_status_code",
            lambda m: m.check_status_code,
            (fdp.ConsumeInt(3), text(fdp, 12) if fdp.ConsumeBool() else None),
        )
    elif target == 8:
        h = [(n, v) for n, v in headers(fdp) if isinstance(v, str)]
        name, value = text(fdp, 12), scalar(fdp)
        hc, hp = list(h), list(h)
        compare("set_header", lambda m: lambda hl: (m.set_header(hl, name, value), hl), (hc,), (hp,))
        compare("has_header", lambda m: m.has_header, (h, name))
    elif target == 9:
        compare("content_type_for", lambda m: m.content_type_for, (text(fdp, 30),))
    else:
        body = fdp.PickValueInList([None, "str", "bytes", "list"])
        if body == "str":
            body = text(fdp, 40)
        elif body == "bytes":
            body = fdp.ConsumeBytes(40)
        elif body == "list":
            body = [text(fdp, 10) if fdp.ConsumeBool() else fdp.ConsumeBytes(10) for _ in range(3)]
        status = fdp.PickValueInList([None, 200, 204, 304, 404, 0, "201 Made", text(fdp, 16)])
        mimetype = fdp.PickValueInList([None, "text/plain", "application/json", text(fdp, 16)])
        h = headers(fdp) if fdp.ConsumeBool() else None
        method = fdp.PickValueInList(["GET", "HEAD"])
        cookie = (text(fdp, 8), text(fdp, 16)) if fdp.ConsumeBool() else None

        def run(R):  # type: ignore[no-untyped-def]
            def go():  # type: ignore[no-untyped-def]
                resp = R(body, status, h, mimetype)
                if cookie is not None:
                    resp.set_cookie(*cookie)
                return serialise(resp, method)

            return go

        compare("Response", lambda m: run(RC if m is C else RP), ())


# ------------------------------------------------ hostile but legal objects


class Kind(str, enum.Enum):
    PLAIN = "a"
    MIME = "text/html"
    NAME = "X-Kind"
    JSON = "application/problem+json"
    SPLIT = "a\r\nSet-Cookie: x=1"
    WIDE = "\u2603"


class Code(enum.IntEnum):
    OK = 200
    NO_CONTENT = 204
    NOT_MODIFIED = 304
    LOW = 42


class UpperLower(str):
    """lower() is Python code that answers something else."""

    def lower(self) -> str:  # type: ignore[override]
        return str.upper(self)


class LoudEncode(str):
    """encode() is Python code that sends more than str.encode would."""

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:  # type: ignore[override]
        return str.encode(self + "!", encoding, errors)


class FoldEq(str):
    """__eq__/__hash__ are Python code (case-insensitive)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and str.lower(self) == str.lower(other)

    def __hash__(self) -> int:
        return hash(str.lower(self))


class ZeroHash(str):
    """__hash__ is Python code that collides for everything."""

    def __hash__(self) -> int:
        return 0

    __eq__ = str.__eq__


STR_KINDS = (str, Markup, UpperLower, LoudEncode, FoldEq, ZeroHash)


def hostile_str(fdp: Provider, limit: int = 30) -> t.Any:
    """A str, a str subclass of :data:`STR_KINDS` or a str Enum member."""
    k = fdp.ConsumeIntInRange(0, len(STR_KINDS))
    if k == len(STR_KINDS):
        return fdp.PickValueInList(list(Kind))
    return STR_KINDS[k](text(fdp, limit))


def hostile_scalar(fdp: Provider) -> t.Any:
    k = fdp.ConsumeIntInRange(0, 4)
    if k <= 1:
        return hostile_str(fdp)
    if k == 2:
        return fdp.PickValueInList([True, False, Code.OK, Code.LOW, None])
    return scalar(fdp)


def hostile_name(fdp: Provider) -> t.Any:
    name = (
        fdp.PickValueInList(["Content-Type", "Location", "Content-Length", "X-A", "ETag"])
        if fdp.ConsumeBool()
        else text(fdp, 12)
    )
    k = fdp.ConsumeIntInRange(0, len(STR_KINDS))
    return Kind.NAME if k == len(STR_KINDS) else STR_KINDS[k](name)


def hostile_headers(fdp: Provider, values_str: bool = False) -> list:  # type: ignore[type-arg]
    return [
        (hostile_name(fdp), hostile_str(fdp) if values_str or fdp.ConsumeBool() else hostile_scalar(fdp))
        for _ in range(fdp.ConsumeIntInRange(0, 5))
    ]


class Mutating:
    """A header name whose ``lower()`` changes the list it sits in, then answers."""

    OPS = ("clear", "pop", "pop0", "append", "insert0", "reverse", "noop")

    def __init__(self, target: list, op: str, answer: str) -> None:  # type: ignore[type-arg]
        self.target, self.op, self.answer = target, op, answer

    def lower(self) -> str:
        hl, op = self.target, self.op
        if op == "clear":
            hl.clear()
        elif op == "pop" and hl:
            hl.pop()
        elif op == "pop0" and hl:
            hl.pop(0)
        elif op == "append" and len(hl) < 32:
            hl.append(("X-Appended", "v"))
        elif op == "insert0" and len(hl) < 32:
            hl.insert(0, ("X-Inserted", "v"))
        elif op == "reverse":
            hl.reverse()
        return self.answer

    def __repr__(self) -> str:
        return f"Mutating({self.op!r}, {self.answer!r})"

    def __eq__(self, other: object) -> bool:  # the two cores' lists hold different ones
        return isinstance(other, Mutating) and (self.op, self.answer) == (other.op, other.answer)

    __hash__ = None  # type: ignore[assignment]


def mutating_list(fdp: Provider) -> t.Callable[[], list]:  # type: ignore[type-arg]
    """A recipe for a header list holding :class:`Mutating` names (a fresh list per call)."""
    spec = [
        (fdp.PickValueInList(list(Mutating.OPS)), fdp.PickValueInList(["x-a", "content-type", "etag", "y"]))
        if fdp.ConsumeIntInRange(0, 2)
        else None
        for _ in range(fdp.ConsumeIntInRange(0, 8))
    ]

    def build() -> list:  # type: ignore[type-arg]
        hl: list = []  # type: ignore[type-arg]
        hl.extend((Mutating(hl, *s), "v") if s is not None else ("X-A", "plain") for s in spec)
        return hl

    return build


def crash_only(fn: t.Callable[[], t.Any]) -> None:
    """Run *fn* on the compiled core: any exception is fine, a crash is not."""
    try:
        fn()
    except RecursionError:
        raise
    except Exception:  # noqa: BLE001, S110 - only crashes count here
        pass


def hostile_values(fdp: Provider) -> None:
    name, value = hostile_name(fdp), hostile_scalar(fdp)
    compare("header_value", lambda m: m.header_value, (name, value))
    h = hostile_headers(fdp)
    compare("header_list", lambda m: m.header_list, (h,))


def hostile_lists(fdp: Provider) -> None:
    h = hostile_headers(fdp, values_str=True)
    name, value = hostile_name(fdp), hostile_str(fdp)
    compare("set_header", lambda m: lambda hl: (m.set_header(hl, name, value), hl), (list(h),), (list(h),))
    compare("has_header", lambda m: m.has_header, (h, name))
    compare("header_get", lambda m: m.header_get, (h, name))
    code = fdp.PickValueInList([200, 204, 304, 101, 404])
    body = [hostile_str(fdp, 20)] if fdp.ConsumeBool() else None
    compare("wsgi_headers", lambda m: m.wsgi_headers, (list(h), code, ENVIRON, fdp.ConsumeBool(), body))


def hostile_cookie(fdp: Provider) -> None:
    args = (
        "k" if fdp.ConsumeIntInRange(0, 3) else hostile_str(fdp, 8),
        hostile_scalar(fdp),
        fdp.PickValueInList([None, 60, Code.OK, True]),
        0,
        fdp.PickValueInList([None, "/", hostile_str(fdp, 20)]),
        fdp.PickValueInList([None, "example.com", hostile_str(fdp, 20)]),
        fdp.ConsumeBool(),
        fdp.ConsumeBool(),
        False,
        fdp.PickValueInList([4093, 10]),
        fdp.PickValueInList([None, "lax", Markup("Strict"), UpperLower("none"), hostile_str(fdp, 8)]),
        fdp.ConsumeBool(),
    )
    compare("dump_cookie", lambda m: m.dump_cookie, args)


def hostile_bodies(fdp: Provider) -> None:
    items = [
        hostile_str(fdp) if fdp.ConsumeBool() else fdp.ConsumeBytes(20) for _ in range(fdp.ConsumeIntInRange(0, 5))
    ]
    compare("EncodedIterator", lambda m: lambda xs: list(m.EncodedIterator(xs)), (items,))
    compare("join_encoded", lambda m: m.join_encoded, (items,))
    compare("encoded_length", lambda m: m.encoded_length, (items,))
    mimetype = hostile_scalar(fdp)
    compare("content_type_for", lambda m: m.content_type_for, (mimetype,))
    compare("is_json_type", lambda m: m.is_json_type, (mimetype,))
    compare("clean_status", lambda m: m.clean_status, (hostile_scalar(fdp),))


def _hooked(R: type) -> type:
    """A subclass with a pass-through call hook: werkzeug's call sequence."""
    return type("Hooked", (R,), {"get_app_iter": lambda self, environ: R.get_app_iter(self, environ)})


HOOKED = {RC: _hooked(RC), RP: _hooked(RP)}


def hostile_response(fdp: Provider) -> None:
    k = fdp.ConsumeIntInRange(0, 3)
    body = (
        hostile_str(fdp)
        if k == 0
        else [hostile_str(fdp, 10) for _ in range(fdp.ConsumeIntInRange(0, 3))]
        if k == 1
        else None
    )
    status = fdp.PickValueInList(
        [None, Code.OK, Code.NO_CONTENT, Code.LOW, True, Markup("201 Made"), Kind.PLAIN, "200 OK\r\nX: y"]
    )
    mimetype = fdp.PickValueInList([None, Markup("text/plain"), Kind.MIME, Kind.JSON, Kind.SPLIT])
    h = hostile_headers(fdp) if fdp.ConsumeBool() else None
    added = hostile_headers(fdp, values_str=True) if fdp.ConsumeBool() else []
    method = fdp.PickValueInList(["GET", "HEAD", UpperLower("HEAD"), FoldEq("head"), Markup("HEAD")])
    cookie = ("k", hostile_scalar(fdp)) if fdp.ConsumeBool() else None
    hooked = fdp.ConsumeBool()

    def run(R):  # type: ignore[no-untyped-def]
        def go():  # type: ignore[no-untyped-def]
            resp = (HOOKED[R] if hooked else R)(body, status, h, mimetype)
            for name, value in added:
                resp.headers.add(name, value)
            if cookie is not None:
                resp.set_cookie(*cookie)
            return serialise(resp, method)

        return go

    compare("Response", lambda m: run(RC if m is C else RP), ())


def mutated_lists(fdp: Provider) -> None:
    build = mutating_list(fdp)
    name = fdp.PickValueInList(["X-A", "Content-Type", "ETag", "Y"])
    compare("set_header", lambda m: lambda: (lambda hl: (m.set_header(hl, name, "w"), hl))(build()), ())
    compare("has_header", lambda m: lambda: m.has_header(build(), name), ())
    compare("header_get", lambda m: lambda: m.header_get(build(), name), ())
    # response_send walks the list in its own order on each core: crashes only.
    for R in (RC, EC):

        def send(R=R):  # type: ignore[no-untyped-def]
            resp = R()
            resp._hlist[:] = build()
            for hl_item in resp._hlist:
                if isinstance(hl_item[0], Mutating):
                    hl_item[0].target = resp._hlist
            C.response_send(resp, b"body", "text/plain", True)
            serialise(resp)

        crash_only(send)


def threaded_response(fdp: Provider) -> None:
    """A second thread adds and clears Markup-named headers while this one works."""
    R = fdp.PickValueInList([RC, EC])
    rounds = fdp.ConsumeIntInRange(1, 30)
    resp = R("x", headers=[(Markup("X-A"), "1")])
    stop = threading.Event()

    def mutate() -> None:
        i = 0
        while not stop.is_set():
            resp.headers.add(Markup(f"X-B{i % 5}"), "2")
            if len(resp.headers._list) > 12:
                resp.headers.clear()
            i += 1

    other = threading.Thread(target=mutate)
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    other.start()
    try:
        for i in range(rounds):
            crash_only(lambda i=i: resp.set_data(b"y" * i))
            crash_only(lambda: C.response_send(resp, "body", "text/plain", True))
            crash_only(lambda: serialise(resp))
            crash_only(lambda: C.set_header(resp.headers._list, "X-B1", "3"))
    finally:
        stop.set()
        other.join()
        sys.setswitchinterval(old)


HOSTILE_TARGETS = (
    hostile_values,
    hostile_lists,
    hostile_cookie,
    hostile_bodies,
    hostile_response,
    mutated_lists,
    threaded_response,
)
