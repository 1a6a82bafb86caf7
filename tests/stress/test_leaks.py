"""Leak runs: 1,000,000 responses of each kind on the compiled core.

Each kind is built, called as a WSGI app, drained and closed ``LEAK_RESPONSES``
times (default 1,000,000) after a warm-up of a tenth of that.  Between the end
of the warm-up and the end of the run, the process RSS and the ``tracemalloc``
total must stay flat: a leak of one small object per response would show as
tens of megabytes.
"""

from __future__ import annotations

import gc
import os
import time
import tracemalloc
from datetime import datetime, timezone

import pytest

from fastres import core, response

from loadgen import REPORT
from support import WSGI_ENVIRON

pytestmark = [
    pytest.mark.stress,
    pytest.mark.skipif(core.compiled is None, reason="needs the compiled core"),
    pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc"),
]

N = int(os.environ.get("LEAK_RESPONSES", "1000000"))
WARMUP = max(N // 10, 1000)
#: Allowed growth after warm-up.  A leak of 8 bytes per response is 8 MB here.
RSS_SLACK = 4 << 20
TRACED_SLACK = 256 << 10

DOC = {"id": 1, "name": "fastres", "tags": ["a", "b"], "nested": {"x": 1.5, "y": None}}
EXPIRES = datetime(2031, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
CIRCULAR: dict = {}
CIRCULAR["self"] = CIRCULAR


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _start_response(status, headers, exc_info=None):  # type: ignore[no-untyped-def]
    return None


def _serve(resp) -> bytes:  # type: ignore[no-untyped-def]
    app_iter = resp(WSGI_ENVIRON, _start_response)
    try:
        return b"".join(app_iter)
    finally:
        app_iter.close()


def _make_kinds():  # type: ignore[no-untyped-def]
    c = core.compiled
    Response = core.on_core(response.Response, c)

    def text() -> None:
        _serve(Response("h\u00e9llo w\u00f6rld", mimetype="text/plain", headers=[("X-A", "1")]))

    def json() -> None:
        _serve(Response(c.json_dumps(DOC, None, c.JSON_OPT_SORT_KEYS), mimetype="application/json"))

    def cookies() -> None:
        resp = Response("x")
        resp.set_cookie("session", 'abc def;"q"', httponly=True, samesite="Lax")
        resp.set_cookie("prefs", "\u00e9", expires=EXPIRES, max_age=3600, domain="example.com")
        resp.set_cookie("gone", "", expires=0, secure=True, partitioned=True)
        _serve(resp)

    closed = [0]

    def _on_close() -> None:
        closed[0] += 1

    def streaming() -> None:
        resp = Response(iter(["a", b"b", "\u00e9" * 64]), mimetype="text/plain")
        resp.call_on_close(_on_close)
        _serve(resp)

    def _gen():  # type: ignore[no-untyped-def]
        yield b"ok"
        raise RuntimeError("mid-stream")

    errors = [0]
    turn = [0]

    def error() -> None:  # one failing build per call, in turn
        turn[0] = (turn[0] + 1) % len(_ERRORS)
        try:
            _ERRORS[turn[0]]()
        except (ValueError, TypeError, RuntimeError):
            errors[0] += 1

    _ERRORS = (
        lambda: Response("x", headers=[("X-A", "a\r\nInjected: 1")]),
        lambda: _serve(Response("x", status=0)),
        lambda: Response("x").set_cookie("bad name", "v"),
        lambda: Response("x").set_cookie("k", "v", samesite="bogus"),
        lambda: c.json_dumps(CIRCULAR),
        lambda: c.json_dumps({"a": object()}),
        lambda: _serve(Response(_gen())),
    )
    return {"text": text, "json": json, "cookies": cookies, "streaming": streaming, "error": error}, closed, errors


KINDS, _CLOSED, _ERRORS_SEEN = _make_kinds() if core.compiled is not None else ({}, [0], [0])


@pytest.mark.parametrize("kind", ["text", "json", "cookies", "streaming", "error"])
def test_no_leak(kind: str) -> None:
    one = KINDS[kind]
    for _ in range(WARMUP):
        one()
    gc.collect()
    tracemalloc.start()
    try:
        for _ in range(WARMUP):  # warm tracemalloc's own tables too
            one()
        gc.collect()
        traced0, _ = tracemalloc.get_traced_memory()
        rss0 = _rss()
        start = time.perf_counter()
        closed0, errors0 = _CLOSED[0], _ERRORS_SEEN[0]
        for _ in range(N):
            one()
        elapsed = time.perf_counter() - start
        gc.collect()
        traced1, _ = tracemalloc.get_traced_memory()
        rss1 = _rss()
    finally:
        tracemalloc.stop()
    REPORT.append(
        f"leak {kind:9s} {N} responses in {elapsed:5.1f}s | RSS {rss0 / 2**20:.1f} -> {rss1 / 2**20:.1f} MiB"
        f" ({(rss1 - rss0) / 1024:+.0f} KiB) | tracemalloc (live since warm-up) {traced0} -> {traced1} B"
        f" ({traced1 - traced0:+d} B)"
    )
    if kind == "streaming":
        assert _CLOSED[0] - closed0 == N
    if kind == "error":
        assert _ERRORS_SEEN[0] - errors0 == N
    assert traced1 - traced0 < TRACED_SLACK, (traced0, traced1)
    assert rss1 - rss0 < RSS_SLACK, (rss0, rss1)
