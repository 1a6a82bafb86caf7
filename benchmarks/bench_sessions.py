"""Session cookies: fastres' interface vs Flask's, as speed-up ratios (higher is better).

    python benchmarks/bench_sessions.py [--loops N] [--repeat R]

Two tables from one run.  The interface alone: ``open_session`` with a
session cookie present and ``save_session`` of a modified session (the same content again, as a
permanent session refreshed on each request, and new content), on
Flask's ``SecureCookieSessionInterface`` and on
``fastres.sessions.SecureCookieSessionInterface`` with the same app, key and
session.  Then whole requests through ``app.wsgi_app``: a route reading the
session and a route writing it, on stock Flask, on fastres without the new
interface (``init_app(app, sessions=False)``) and on fastres with it.  Runs
are interleaved and the best of each kept, so the ratios hold on a busy
machine.  Set ``FASTRES_NO_EXTENSIONS=1`` to measure the pure-Python core.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
import typing as t

import flask

import fastres
from fastres import core
from fastres.sessions import SecureCookieSessionInterface

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from scenarios import ENVIRON  # noqa: E402

SECRET_KEY = "a secret key of a realistic length, 32+ chars"
#: What Flask-Login and a CSRF extension keep in a session.
SESSION = {
    "_fresh": True,
    "_id": "8f1e2d3c4b5a69788796a5b4c3d2e1f0" * 4,
    "_user_id": "42",
    "csrf_token": "3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39",
}


def make_app(kind: str) -> flask.Flask:
    """``"flask"``: stock; ``"fastres-no-sessions"``: init_app(sessions=False); ``"fastres"``: init_app."""
    app = flask.Flask(__name__)
    app.secret_key = SECRET_KEY
    if kind == "fastres":
        fastres.init_app(app)
    elif kind == "fastres-no-sessions":
        fastres.init_app(app, sessions=False)

    @app.get("/read")
    def read() -> str:
        return f"user {flask.session.get('_user_id')}"

    @app.get("/write")
    def write() -> str:
        flask.session["n"] = next(_counter)  # new content on every request
        return "written"

    return app


def session_cookie() -> str:
    app = make_app("flask")
    with app.test_request_context():
        return app.session_interface.get_signing_serializer(app).dumps(SESSION)  # type: ignore[union-attr]


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: t.Any = None) -> None:
    pass


def wsgi_call(app: flask.Flask, path: str, cookie: str) -> t.Callable[[], None]:
    environ = {**ENVIRON, "PATH_INFO": path, "HTTP_COOKIE": f"session={cookie}"}
    wsgi_app = app.wsgi_app

    def call() -> None:
        app_iter = wsgi_app(dict(environ), _start_response)
        for _ in app_iter:
            pass
        getattr(app_iter, "close", lambda: None)()

    return call


def interface_calls(interface: t.Any, cookie: str) -> dict[str, t.Callable[[int], float]]:
    """Timed loops of ``open_session`` and ``save_session`` on *interface*."""
    app = make_app("flask")
    fastres.init_app(app, sessions=False)  # the same Response class and JSON for both interfaces
    ctx = app.test_request_context(headers={"Cookie": f"session={cookie}"})
    ctx.push()
    request = flask.request._get_current_object()  # type: ignore[attr-defined]
    ctx.pop()

    def open_loop(loops: int) -> float:
        open_session = interface.open_session
        with app.app_context():
            start = time.perf_counter()
            for _ in range(loops):
                open_session(app, request)
            return time.perf_counter() - start

    def save_loop(loops: int) -> float:
        """The same session saved again: a permanent session refreshed on each request."""
        save_session = interface.save_session
        responses = [app.response_class("ok") for _ in range(loops)]
        session = interface.session_class(SESSION)
        session.modified = True
        with app.app_context():
            start = time.perf_counter()
            for response in responses:
                save_session(app, session, response)
            return time.perf_counter() - start

    def save_changed_loop(loops: int) -> float:
        """A session whose content differs on every save (a new value each time)."""
        save_session = interface.save_session
        pairs = [(app.response_class("ok"), interface.session_class(SESSION)) for _ in range(loops)]
        for _, session in pairs:
            session["n"] = next(_counter)  # sets modified
        with app.app_context():
            start = time.perf_counter()
            for response, session in pairs:
                save_session(app, session, response)
            return time.perf_counter() - start

    return {
        "session_open (cookie present)": open_loop,
        "session_save (same content again)": save_loop,
        "session_save (new content)": save_changed_loop,
    }


_counter = itertools.count()


def measure(candidates: dict[str, t.Callable[[int], float]], loops: int, repeat: int) -> dict[str, float]:
    """Best per-call time of each candidate, runs interleaved."""
    times = {name: float("inf") for name in candidates}
    for fn in candidates.values():
        fn(max(1, loops // 10))  # warm up
    for _ in range(repeat):
        for name, fn in candidates.items():
            times[name] = min(times[name], fn(loops) / loops)
    return times


def timed(call: t.Callable[[], None]) -> t.Callable[[int], float]:
    def loop(loops: int) -> float:
        start = time.perf_counter()
        for _ in range(loops):
            call()
        return time.perf_counter() - start

    return loop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loops", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    cookie = session_cookie()
    print(f"core: {core.backend}; cookie: {len(cookie)} chars; loops {args.loops}, best of {args.repeat}\n")

    flask_calls = interface_calls(flask.sessions.SecureCookieSessionInterface(), cookie)
    fast_calls = interface_calls(SecureCookieSessionInterface(), cookie)
    print("| session interface | Flask µs | fastres µs | speed-up |")
    print("|---|---:|---:|---:|")
    for name in flask_calls:
        times = measure({"flask": flask_calls[name], "fastres": fast_calls[name]}, args.loops, args.repeat)
        print(
            f"| {name} | {times['flask'] * 1e6:.1f} | {times['fastres'] * 1e6:.1f} |"
            f" {times['flask'] / times['fastres']:.1f}x |"
        )

    kinds = ("flask", "fastres-no-sessions", "fastres")
    apps = {kind: make_app(kind) for kind in kinds}
    print(
        "\n| app.wsgi_app route | stock Flask µs | fastres, Flask sessions µs | fastres µs |"
        " vs stock Flask | vs fastres, Flask sessions |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for path in ("/read", "/write"):
        calls = {kind: timed(wsgi_call(apps[kind], path, cookie)) for kind in kinds}
        times = measure(calls, args.loops // 2, args.repeat)
        flask_t, plain_t, fast_t = (times[kind] for kind in kinds)
        label = "session_read" if path == "/read" else "session_write"
        print(
            f"| {label} | {flask_t * 1e6:.1f} | {plain_t * 1e6:.1f} | {fast_t * 1e6:.1f} |"
            f" {flask_t / fast_t:.2f}x | {plain_t / fast_t:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
