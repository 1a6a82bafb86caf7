"""The example app that the stress tests serve with real WSGI servers.

``FASTRES_STRESS_RESPONSE`` picks the Response class: ``fastres`` (the
default, ``fastres.Response``) or ``werkzeug`` (``flask.Response``, werkzeug's
own machinery), so the same routes can be measured with both in one run.

:data:`ROUTES` lists the routes the load generator requests; each is checked
against the same route answered in-process by the werkzeug-backed app (the
oracle).  :data:`REFUSED` lists routes that build a response fastres must
refuse: a real server has to answer them with a plain 500, never with a split
or malformed response.

With fastres the app is a :class:`fastres.express.App`, and the ``/express/``
routes are Express-style ``(req, res)`` views on its facade ``Response``
(``send``, ``json``, ``set``, ``cookie``, weak ETags).  With werkzeug the same
routes are built by hand on ``flask.Response``, ETag included, so the oracle
has bytes to compare them with.

Adding a route is one function in :func:`register_routes` (Flask's plain view
signature through ``plain``, or an Express view in :func:`register_express_routes`
with its hand-built twin in :func:`register_express_twins`) and one entry in
:data:`ROUTES`; the tests pick it up.
"""

from __future__ import annotations

import base64
import hashlib
import json as stdlib_json
import os
import tempfile
from datetime import datetime, timezone

import flask

import fastres
from fastres import express

#: Routes under load, in the order the load generator cycles through them.
ROUTES = ("/text", "/json", "/cookie", "/stream", "/file", "/express/created", "/express/html", "/express/cookie")
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
CREATED_DOC = {"id": 201, "name": "cr\u00e9\u00e9", "ok": True, "ratio": 0.25, "tags": ["a", "\u2713"], "none": None}
HTML = "<!doctype html>\n<p>h\u00e9llo from res.send \u2713</p>\n" * 8


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


def weak_etag(body: bytes) -> str:
    """Express's weak ETag (the ``etag`` package), computed here independently of fastres:
    ``W/"<length in hex>-<first 27 characters of the base64 SHA-1>"``."""
    digest = base64.b64encode(hashlib.sha1(body).digest()).decode("ascii")[:27]
    return f'W/"{len(body):x}-{digest}"'


def register_routes(app: flask.Flask) -> None:
    data_file = _data_file()

    def plain(rule: str):  # type: ignore[no-untyped-def]
        """``app.get`` with Flask's view signature on both apps (``express.App.get``
        takes ``(req, res)`` views)."""

        def decorator(view):  # type: ignore[no-untyped-def]
            app.add_url_rule(rule, view.__name__, view, methods=["GET"])
            return view

        return decorator

    @plain("/text")
    def text():  # type: ignore[no-untyped-def]
        return app.response_class(TEXT, mimetype="text/plain")

    @plain("/json")
    def json():  # type: ignore[no-untyped-def]
        return flask.jsonify(JSON_DOC)

    @plain("/cookie")
    def cookie():  # type: ignore[no-untyped-def]
        resp = app.response_class("cookies set", mimetype="text/plain")
        resp.set_cookie("session", "abc123", httponly=True, secure=True, samesite="Lax")
        resp.set_cookie("prefs", 'dark mode; "quoted" \u00e9', expires=COOKIE_EXPIRES, path="/app")
        resp.set_cookie("gone", "", expires=0, domain="example.com")
        return resp

    @plain("/stream")
    def stream():  # type: ignore[no-untyped-def]
        return app.response_class(iter(STREAM_CHUNKS), mimetype="application/octet-stream")

    @plain("/file")
    def file():  # type: ignore[no-untyped-def]
        return flask.send_file(data_file, mimetype="application/octet-stream")

    @plain("/backend")
    def backend():  # type: ignore[no-untyped-def]
        return f"{app.config['FASTRES_STRESS_RESPONSE']} {fastres.backend}"

    @plain("/refused/header-name")
    def refused_header_name():  # type: ignore[no-untyped-def]
        resp = app.response_class("x")
        resp.headers["X-Evil\r\nInjected"] = "1"  # werkzeug's Headers lets this through
        return resp

    @plain("/refused/status-line")
    def refused_status_line():  # type: ignore[no-untyped-def]
        resp = app.response_class("x")
        resp.status = "200 OK\r\nInjected: 1"
        return resp

    @plain("/refused/header-value")
    def refused_header_value():  # type: ignore[no-untyped-def]
        return app.response_class("x", headers=[("X-Evil", "a\x00Injected: 1")])


def register_express_routes(app: express.App) -> None:
    """The Express facade's routes: ``(req, res)`` views on :class:`fastres.express.Response`."""

    @app.get("/express/created")
    def express_created(req, res):  # type: ignore[no-untyped-def]
        res.set_status(201).set("X-A", "1").json(CREATED_DOC)

    @app.get("/express/html")
    def express_html(req, res):  # type: ignore[no-untyped-def]
        res.send(HTML)  # text/html and the default weak ETag

    @app.get("/express/cookie")
    def express_cookie(req, res):  # type: ignore[no-untyped-def]
        (
            res.cookie("sid", "abc123", httponly=True, secure=True, samesite="Strict")
            .cookie("theme", 'dark "mode" \u00e9', expires=COOKIE_EXPIRES, path="/app")
            .clear_cookie("old")
            .send("cookies set")
        )


def register_express_twins(app: flask.Flask) -> None:
    """The same responses built by hand on ``flask.Response`` (werkzeug's machinery)."""

    @app.get("/express/created")
    def express_created():  # type: ignore[no-untyped-def]
        # res.json writes as the app's JSON provider does (Flask's defaults:
        # sorted keys, compact), with non-ASCII as UTF-8 and no newline.
        body = stdlib_json.dumps(CREATED_DOC, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
        return flask.Response(
            body, status=201, content_type="application/json", headers={"X-A": "1", "ETag": weak_etag(body)}
        )

    @app.get("/express/html")
    def express_html():  # type: ignore[no-untyped-def]
        return flask.Response(HTML, content_type="text/html; charset=utf-8", headers={"ETag": weak_etag(HTML.encode())})

    @app.get("/express/cookie")
    def express_cookie():  # type: ignore[no-untyped-def]
        resp = flask.Response(
            "cookies set", content_type="text/html; charset=utf-8", headers={"ETag": weak_etag(b"cookies set")}
        )
        resp.set_cookie("sid", "abc123", httponly=True, secure=True, samesite="Strict")
        resp.set_cookie("theme", 'dark "mode" \u00e9', expires=COOKIE_EXPIRES, path="/app")
        resp.delete_cookie("old")
        return resp


def create_app(kind: str | None = None) -> flask.Flask:
    kind = kind or os.environ.get("FASTRES_STRESS_RESPONSE", "fastres")
    if kind == "fastres":
        app: flask.Flask = express.App(__name__)  # response_class: fastres.Response
        assert app.response_class is fastres.Response
    elif kind == "werkzeug":
        app = flask.Flask(__name__)
        app.response_class = flask.Response
    else:
        raise ValueError(f"FASTRES_STRESS_RESPONSE must be 'fastres' or 'werkzeug', not {kind!r}")
    app.config["FASTRES_STRESS_RESPONSE"] = kind
    register_routes(app)
    if kind == "fastres":
        register_express_routes(app)  # type: ignore[arg-type]
    else:
        register_express_twins(app)
    return app


app = create_app()
