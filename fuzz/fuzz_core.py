"""Differential fuzzing of the compiled core against its pure-Python twin (atheris).

Each input picks one entry point of ``fastres._core`` (header building and
validation, the WSGI header list, cookie serialization, HTTP dates, JSON,
encoded iteration, status parsing, whole responses through the WSGI call,
weak ETags, ``response_send`` (the Express facade's ``send``) on either
flavour of Response); every input also takes the weak ETag of its raw bytes,
builds its arguments from the fuzzer's bytes and calls it on both cores.  The
outcomes must agree: the same return value, or the same exception type (and
the same message for the ValueErrors fastres raises itself), and the same
warnings.  A crash is found by libFuzzer, a hang by ``-timeout``.

The pure twin is instrumented for coverage, so the fuzzer is guided by the
branches the compiled core mirrors.  Run with ``make fuzz`` (bounded by
``FUZZ_SECONDS``), or directly with any libFuzzer flags::

    python -I fuzz/fuzz_core.py -max_total_time=60
"""

from __future__ import annotations

import sys
import warnings
from datetime import datetime, timedelta, timezone

import atheris
from markupsafe import Markup

with atheris.instrument_imports(include=["fastres"]):
    from fastres import core, express, wrappers

if core.compiled is None:
    sys.exit("fuzz_core: the compiled core fastres._core is not built")

C, P = core.compiled, core.pure
RC, RP = core.on_core(wrappers.Response, C), core.on_core(wrappers.Response, P)
#: The Express facade's Response (no default mimetype) on each core, for response_send.
EC, EP = core.on_core(express.Response, C), core.on_core(express.Response, P)
ENVIRON = {
    "REQUEST_METHOD": "GET", "SERVER_NAME": "localhost", "SERVER_PORT": "80",
    "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": "/", "SCRIPT_NAME": "", "QUERY_STRING": "",
    "wsgi.url_scheme": "http",
}


class Divergence(AssertionError):
    pass


def text(fdp: atheris.FuzzedDataProvider, limit: int = 40) -> str:
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


def scalar(fdp: atheris.FuzzedDataProvider):  # type: ignore[no-untyped-def]
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


def json_value(fdp: atheris.FuzzedDataProvider, depth: int = 0):  # type: ignore[no-untyped-def]
    k = fdp.ConsumeIntInRange(0, 3 if depth < 5 else 1)
    if k <= 1:
        v = scalar(fdp)
        return v if not isinstance(v, bytes) else v.decode("latin-1")
    if k == 2:
        return [json_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))]
    return {text(fdp, 10): json_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))}


def headers(fdp: atheris.FuzzedDataProvider) -> list:
    out = []
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        name = fdp.PickValueInList(["Content-Type", "Location", "Content-Location",
                                    "Content-Length", "X-A", "set-cookie"]) \
            if fdp.ConsumeBool() else text(fdp, 12)
        out.append((name, scalar(fdp) if fdp.ConsumeIntInRange(0, 4) == 0 else text(fdp)))
    return out


def date_arg(fdp: atheris.FuzzedDataProvider):  # type: ignore[no-untyped-def]
    k = fdp.ConsumeIntInRange(0, 4)
    if k == 0:
        return fdp.ConsumeIntInRange(-70_000_000_000, 260_000_000_000)
    if k == 1:
        return fdp.ConsumeFloatInRange(-7e10, 2.6e11)
    if k == 2:
        return datetime(fdp.ConsumeIntInRange(1, 9999), fdp.ConsumeIntInRange(1, 12),
                        fdp.ConsumeIntInRange(1, 28), fdp.ConsumeIntInRange(0, 23),
                        fdp.ConsumeIntInRange(0, 59), fdp.ConsumeIntInRange(0, 59),
                        fdp.ConsumeIntInRange(0, 999999),
                        tzinfo=fdp.PickValueInList([None, timezone.utc, timezone(timedelta(hours=5))]))
    if k == 3:
        return text(fdp, 30)
    return None if fdp.ConsumeBool() else fdp.ConsumeInt(8)


def serialise(resp) -> bytes:  # type: ignore[no-untyped-def]
    captured = []
    app_iter = resp(dict(ENVIRON), lambda s, h, e=None: captured.append((s, h)))
    try:
        body = b"".join(app_iter)
    finally:
        app_iter.close()
    ((status, hdrs),) = captured
    return repr((status, hdrs)).encode() + b"\n" + body


def send_body(fdp: atheris.FuzzedDataProvider):  # type: ignore[no-untyped-def]
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


def send_headers(fdp: atheris.FuzzedDataProvider) -> list:
    """Headers a response may hold before response_send: the ones it looks for, any case."""
    out = []
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        name = fdp.PickValueInList(["Content-Type", "content-type", "CONTENT-TYPE", "Content-Length",
                                    "content-length", "ETag", "etag", "Etag", "X-A", "Set-Cookie"]) \
            if fdp.ConsumeIntInRange(0, 3) else text(fdp, 14)
        out.append((name, text(fdp, 30)))
    return out


def send_run(fdp: atheris.FuzzedDataProvider):  # type: ignore[no-untyped-def]
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
        content_type = fdp.PickValueInList(["text/html; charset=utf-8", "application/octet-stream",
                                            "application/json", "text/plain; charset=utf-8"])
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
            ENVIRON["REQUEST_METHOD"] = method
            try:
                return state, serialise(resp)
            finally:
                ENVIRON["REQUEST_METHOD"] = "GET"
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


def one_input(data: bytes) -> None:
    # Every input: a weak ETag of its raw bytes (any length, any content).
    compare("weak_etag", lambda m: m.weak_etag, (data,))
    fdp = atheris.FuzzedDataProvider(data)
    target = fdp.ConsumeIntInRange(0, 13)
    if target == 12:
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
            fdp.ConsumeBool(), fdp.ConsumeBool(), False,  # secure, httponly, sync_expires
            fdp.PickValueInList([4093, 0, 10, 100]),  # max_size
            fdp.PickValueInList([None, "lax", "Strict", "none", "", text(fdp, 8)]),  # samesite
            fdp.ConsumeBool(),  # partitioned
        )
        compare("dump_cookie", lambda m: m.dump_cookie, args)
    elif target == 4:
        compare("http_date", lambda m: m.http_date, (date_arg(fdp),))
    elif target == 5:
        option = fdp.PickValueInList([0, C.JSON_OPT_SORT_KEYS, C.JSON_OPT_INDENT_2,
                                      C.JSON_OPT_NON_STR_KEYS | C.JSON_OPT_SORT_KEYS])
        compare("json_dumps", lambda m: m.json_dumps, (json_value(fdp), None, option))
    elif target == 6:
        items = [text(fdp, 30) if fdp.ConsumeBool() else fdp.ConsumeBytes(30)
                 for _ in range(fdp.ConsumeIntInRange(0, 6))]
        compare("EncodedIterator", lambda m: lambda xs: list(m.EncodedIterator(xs)), (items,))
        compare("join_encoded", lambda m: m.join_encoded, (items,))
        compare("encoded_length", lambda m: m.encoded_length, (items,))
    elif target == 7:
        status = scalar(fdp) if fdp.ConsumeBool() else f"{fdp.ConsumeIntInRange(0, 1200)} {text(fdp, 12)}"
        compare("clean_status", lambda m: m.clean_status, (status,))
        compare("check_status_code", lambda m: m.check_status_code,
                (fdp.ConsumeInt(3), text(fdp, 12) if fdp.ConsumeBool() else None))
    elif target == 8:
        h = [(n, v) for n, v in headers(fdp) if isinstance(v, str)]
        name, value = text(fdp, 12), scalar(fdp)
        hc, hp = list(h), list(h)
        compare("set_header", lambda m: lambda hl: (m.set_header(hl, name, value), hl),
                (hc,), (hp,))
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
                ENVIRON["REQUEST_METHOD"] = method
                try:
                    return serialise(resp)
                finally:
                    ENVIRON["REQUEST_METHOD"] = "GET"
            return go

        compare("Response", lambda m: run(RC if m is C else RP), ())


def main() -> None:
    sys.setrecursionlimit(10_000)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
