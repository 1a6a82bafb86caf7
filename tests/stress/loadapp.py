"""The example app that the stress tests serve with real WSGI servers.

``FASTRES_STRESS_RESPONSE`` picks the Response class: ``fastres`` (the
default, ``fastres.Response``) or ``werkzeug`` (``flask.Response``, werkzeug's
own machinery), so the same routes can be measured with both in one run.

:data:`ROUTES` lists the routes the load generator requests; each is checked
against the same route answered in-process by the werkzeug-backed app (the
oracle).  :data:`REFUSED` lists routes that build a response fastres must
refuse: a real server has to answer them with a plain 500, never with a split
or malformed response.

Adding a route (the Express facade's, say) is one function in
:func:`register_routes` and one entry in :data:`ROUTES`; the tests pick it up.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone

import flask

import fastres

#: Routes under load, in the order the load generator cycles through them.
ROUTES = ("/text", "/json", "/cookie", "/stream", "/file")
#: Routes whose response fastres refuses at build or WSGI-call time.
REFUSED = ("/refused/header-name", "/refused/status-line", "/refused/header-value")

TEXT = "fastres under load: h\u00e9llo w\u00f6rld \u2713\n" * 32
JSON_DOC = {
    "id": 12345,
    "name": "fastres",
    "tags": ["wsgi", "cython", "flask"],
    "nested": {"ratio": 0.5, "ok": True, "none": None, "text": "\u00e9\u2713"},
    "items": list(range(50)),
}
STREAM_CHUNKS = [(f"chunk {i:03d} " * 16 + "\n").encode() for i in range(64)]
FILE_BYTES = bytes(range(256)) * 256  # 64 KiB
COOKIE_EXPIRES = datetime(2031, 5, 4, 3, 2, 1, tzinfo=timezone.utc)


def _data_file() -> str:
    """A file for the send_file route, written once per process (same bytes and mtime)."""
    path = os.environ.get("FASTRES_STRESS_FILE")
    if not path:
        path = os.path.join(tempfile.gettempdir(), f"fastres-stress-{os.getuid()}.bin")
    if not os.path.exists(path) or os.path.getsize(path) != len(FILE_BYTES):
        tmp = f"{path}.{os.getpid()}"
        with open(tmp, "wb") as f:
            f.write(FILE_BYTES)
        os.replace(tmp, path)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    return path


def register_routes(app: flask.Flask) -> None:
    data_file = _data_file()

    @app.get("/text")
    def text():  # type: ignore[no-untyped-def]
        return app.response_class(TEXT, mimetype="text/plain")

    @app.get("/json")
    def json():  # type: ignore[no-untyped-def]
        return flask.jsonify(JSON_DOC)

    @app.get("/cookie")
    def cookie():  # type: ignore[no-untyped-def]
        resp = app.response_class("cookies set", mimetype="text/plain")
        resp.set_cookie("session", "abc123", httponly=True, secure=True, samesite="Lax")
        resp.set_cookie("prefs", 'dark mode; "quoted" \u00e9', expires=COOKIE_EXPIRES, path="/app")
        resp.set_cookie("gone", "", expires=0, domain="example.com")
        return resp

    @app.get("/stream")
    def stream():  # type: ignore[no-untyped-def]
        return app.response_class(iter(STREAM_CHUNKS), mimetype="application/octet-stream")

    @app.get("/file")
    def file():  # type: ignore[no-untyped-def]
        return flask.send_file(data_file, mimetype="application/octet-stream")

    @app.get("/backend")
    def backend():  # type: ignore[no-untyped-def]
        return f"{app.config['FASTRES_STRESS_RESPONSE']} {fastres.backend}"

    @app.get("/refused/header-name")
    def refused_header_name():  # type: ignore[no-untyped-def]
        resp = app.response_class("x")
        resp.headers["X-Evil\r\nInjected"] = "1"  # werkzeug's Headers lets this through
        return resp

    @app.get("/refused/status-line")
    def refused_status_line():  # type: ignore[no-untyped-def]
        resp = app.response_class("x")
        resp.status = "200 OK\r\nInjected: 1"
        return resp

    @app.get("/refused/header-value")
    def refused_header_value():  # type: ignore[no-untyped-def]
        return app.response_class("x", headers=[("X-Evil", "a\x00Injected: 1")])


def create_app(kind: str | None = None) -> flask.Flask:
    kind = kind or os.environ.get("FASTRES_STRESS_RESPONSE", "fastres")
    app = flask.Flask(__name__)
    if kind == "fastres":
        app.response_class = fastres.Response
    elif kind == "werkzeug":
        app.response_class = flask.Response
    else:
        raise ValueError(f"FASTRES_STRESS_RESPONSE must be 'fastres' or 'werkzeug', not {kind!r}")
    app.config["FASTRES_STRESS_RESPONSE"] = kind
    register_routes(app)
    return app


app = create_app()
