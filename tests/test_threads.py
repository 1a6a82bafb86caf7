"""Many threads building and serialising responses at once get byte-correct output.

Every thread runs the same recipes as a single-threaded reference run and must
get the same status line, header list and body bytes.  The switch interval is
cut to a microsecond so threads interleave inside the core's calls as much as
the GIL allows; the core's shared state (the status-line table, the
content-type memo and its checked set) is hit by all of them, with new
mimetypes arriving while others read.
"""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timezone

import pytest

from support import WSGI_ENVIRON, run_wsgi

EXPIRES = datetime(2030, 6, 7, 8, 9, 10, tzinfo=timezone.utc)


def _recipes(backend):  # type: ignore[no-untyped-def]
    R, c = backend.Response, backend.core

    def text(i: int):  # type: ignore[no-untyped-def]
        return R(f"text {i} h\u00e9llo", mimetype=f"text/x-thread-{i % 300}")

    def json(i: int):  # type: ignore[no-untyped-def]
        body = c.json_dumps({"i": i, "s": "\u2713" * (i % 7), "l": list(range(i % 11))}, None, c.JSON_OPT_SORT_KEYS)
        return R(body, status=200 + i % 9, mimetype="application/json", headers={"X-I": str(i)})

    def cookies(i: int):  # type: ignore[no-untyped-def]
        resp = R("c", status=f"{200 + i % 5} Custom {i}")
        resp.set_cookie(
            f"k{i % 13}",
            f'v {i};"\u00e9"',
            expires=EXPIRES,
            path=f"/p {i % 3}",
            samesite=("Lax", "Strict", "None")[i % 3],
            httponly=bool(i % 2),
        )
        resp.headers.add("X-After", str(i))
        return resp

    def stream(i: int):  # type: ignore[no-untyped-def]
        return R(iter([f"{j}:{i}," for j in range(i % 17)]), mimetype="text/plain")

    def location(i: int):  # type: ignore[no-untyped-def]
        return R("", status=302, headers=[("Location", f"/caf\u00e9/{i}?q={i}")])

    return (text, json, cookies, stream, location)


def _serialise(resp) -> bytes:  # type: ignore[no-untyped-def]
    status, headers, body = run_wsgi(resp, WSGI_ENVIRON)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers)
    return f"{status}\r\n{head}\r\n".encode("latin-1") + body


@pytest.mark.parametrize(
    "threads,per_thread",
    [pytest.param(16, 300, id="16x300"), pytest.param(64, 3000, id="64x3000", marks=pytest.mark.stress)],
)
def test_threads_byte_correct(backend, threads: int, per_thread: int) -> None:
    recipes = _recipes(backend)
    n = len(recipes)

    def job(i: int) -> bytes:
        return _serialise(recipes[i % n](i))

    expected = [job(i) for i in range(per_thread)]
    failures: list[str] = []
    barrier = threading.Barrier(threads)

    def worker(t: int) -> None:
        barrier.wait()
        try:
            for k in range(per_thread):
                i = (k + t * 7) % per_thread  # threads start at different recipes
                got = job(i)
                if got != expected[i]:
                    failures.append(f"thread {t} item {i}: {got[:120]!r} != {expected[i][:120]!r}")
                    return
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(f"thread {t}: {type(exc).__name__}: {exc}")

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
        for th in pool:
            th.start()
        for th in pool:
            th.join()
    finally:
        sys.setswitchinterval(old)
    assert not failures, failures[:5]


# ------------------------------------------- shared responses, a mutating thread


def _well_formed(status: str, headers: list[tuple[str, str]], body: bytes) -> None:
    assert type(status) is str and status[:3].isdigit() and not set(status) & {"\r", "\n", "\0"}
    for name, value in headers:
        assert type(name) is str and type(value) is str, (name, value)
        name.encode("latin-1")
        value.encode("latin-1")
        assert name and not set(name) & set(" \t\r\n\0:") and not set(value) & {"\r", "\n", "\0"}
    assert type(body) is bytes


@pytest.mark.parametrize(
    "rounds", [pytest.param(150, id="short"), pytest.param(5000, id="long", marks=pytest.mark.stress)]
)
def test_threads_sharing_responses_while_one_mutates(backend, rounds: int) -> None:
    """8 threads share responses and classes (Markup header names, whose lower()
    is Python code) while a ninth adds, clears and reorders their headers and
    changes class attributes: no crash, every response sent is well formed, and
    the only exception is the IndexError of a list emptied under a call."""
    from markupsafe import Markup

    base = type("Shared", (backend.Response,), {})
    sub = type("SharedSub", (base,), {"get_app_iter": lambda self, environ: base.get_app_iter(self, environ)})
    shared = [cls("x", headers=[(Markup("X-A"), "1")]) for cls in (base, base, sub, sub)]
    stop = threading.Event()
    failures: list[str] = []

    def mutate() -> None:
        i = 0
        while not stop.is_set():
            resp = shared[i % len(shared)]
            hl = resp.headers._list
            resp.headers.add(Markup(f"X-M{i % 7}"), Markup("v"))
            if len(hl) > 12:
                del hl[1::2]
            if i % 17 == 0:
                hl.reverse()
            if i % 29 == 0:
                resp.headers.clear()
            cls = (base, sub)[i % 2]
            cls.default_mimetype = ("text/plain", "application/json", None)[i % 3]
            cls.automatically_set_content_length = bool(i % 5)
            cls.default_status = (200, 201, 404)[i % 3]
            i += 1

    def work(t: int) -> None:
        try:
            for k in range(rounds):
                resp = shared[(t + k) % len(shared)]
                for step in range(6):
                    try:
                        if step == 0:
                            resp.set_data(f"body {t} {k}")
                        elif step == 1:
                            backend.core.response_send(resp, b"sent", "text/plain", True)
                        elif step == 2:
                            resp.set_cookie(f"c{t}", Markup("v"), samesite="Lax")
                        elif step == 3:
                            backend.core.set_header(resp.headers._list, Markup("X-T"), str(t))
                        elif step == 4:
                            _well_formed(*run_wsgi(resp))
                        else:
                            fresh = (base, sub)[k % 2](f"fresh {k}", headers={Markup("X-F"): Markup("f")})
                            _well_formed(*run_wsgi(fresh))
                    except IndexError:
                        pass  # the ninth thread emptied the list between a match and its replacement
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(f"thread {t}: {type(exc).__name__}: {exc}")

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        mutator = threading.Thread(target=mutate)
        workers = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        mutator.start()
        for th in workers:
            th.start()
        for th in workers:
            th.join()
    finally:
        stop.set()
        mutator.join()
        sys.setswitchinterval(old)
    assert not failures, failures[:5]
