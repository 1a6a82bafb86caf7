"""Benchmark scenarios: one response lifecycle each, for every implementation.

An implementation is a name in :data:`IMPLEMENTATIONS`; :func:`build` turns
``(scenario, implementation)`` into a zero-argument callable doing the work
once (build the response, run it as a WSGI app, consume and close the body).
The werkzeug implementation does each job the way a werkzeug/Flask app does
it today (``json.dumps`` for JSON, as Flask's default provider; werkzeug's
``send_file``); the fastres ones do it the fastres way (the core's orjson
encoder, ``fastres.send_file``).
"""

from __future__ import annotations

import json
import os
import tempfile
import typing as t

import app_scenarios
import flask
import werkzeug
from werkzeug.utils import redirect, send_file

import fastres
from fastres import core
from fastres.files import send_file as fastres_send_file

IMPLEMENTATIONS = ("werkzeug", "fastres", "fastres-pure")

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
SMALL_JSON = {"id": 42, "name": "Ada Lovelace", "active": True, "tags": ["math", "engines"]}
BIG_JSON = [
    {"id": i, "name": f"user{i}", "email": f"user{i}@example.com", "score": i * 1.5, "active": i % 2 == 0}
    for i in range(200)
]
CHUNKS = [f"chunk {i:03d}\n" for i in range(100)]
TWENTY_HEADERS = [(f"X-Header-{i:02d}", f"value-{i}") for i in range(20)]


class Impl(t.NamedTuple):
    """The classes and JSON encoder one implementation uses."""

    name: str
    Response: type[werkzeug.Response]  # werkzeug flavour
    FlaskResponse: type[flask.Response]
    dumps: t.Callable[[t.Any], bytes | str]
    backend: str  # the core that really ran ("werkzeug" for the baseline)


def implementation(name: str) -> Impl:
    if name == "werkzeug":
        return Impl(name, werkzeug.Response, flask.Response, json.dumps, "werkzeug")
    module = core.pure if name == "fastres-pure" else core.compiled
    if module is None:
        raise SystemExit(f"{name}: the compiled core fastres._core is not built")
    return Impl(
        name,
        core.on_core(fastres.wrappers.Response, module),
        core.on_core(fastres.Response, module),
        module.json_dumps,
        module.BACKEND,
    )


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: t.Any = None) -> None:
    pass


def _serve(response: t.Any, environ: dict[str, t.Any] = ENVIRON) -> bytes:
    app_iter = response(environ, _start_response)
    body = b"".join(app_iter)
    app_iter.close()
    return body


def text(impl: Impl) -> t.Callable[[], t.Any]:
    R = impl.FlaskResponse
    return lambda: _serve(R("Hello, World!"))


def json_small(impl: Impl) -> t.Callable[[], t.Any]:
    R, dumps = impl.FlaskResponse, impl.dumps
    return lambda: _serve(R(dumps(SMALL_JSON), mimetype="application/json"))


def json_200(impl: Impl) -> t.Callable[[], t.Any]:
    R, dumps = impl.FlaskResponse, impl.dumps
    return lambda: _serve(R(dumps(BIG_JSON), mimetype="application/json"))


def _json_app(impl: Impl) -> flask.Flask:
    """An app as each side's users run it: Flask's default JSON provider and
    ``flask.Response``, or ``fastres.init_app`` (on the implementation's core)."""
    app = flask.Flask("bench_json")
    if impl.name != "werkzeug":
        from fastres.json import OrjsonProvider

        module = core.pure if impl.name == "fastres-pure" else core.compiled
        fastres.init_app(app, json_provider=type("OrjsonProvider", (OrjsonProvider,), {"_core": module}))
        app.response_class = impl.FlaskResponse
    return app


def json_provider(impl: Impl) -> t.Callable[[], t.Any]:
    app = _json_app(impl)  # held here: the provider keeps only a weak reference
    return lambda: _serve(app.json.response(SMALL_JSON))  # type: ignore[attr-defined]


def json_jsonify(impl: Impl) -> t.Callable[[], t.Any]:
    # jsonify needs an app context: this process's (one implementation per process).
    app = _json_app(impl)
    app.app_context().push()
    jsonify = flask.jsonify
    return lambda: _serve(jsonify(SMALL_JSON))


def json_dict_view(impl: Impl) -> t.Callable[[], t.Any]:
    # What Flask does with a view's dict return value (Flask.make_response).
    make_response = _json_app(impl).make_response
    return lambda: _serve(make_response(SMALL_JSON))


def cookies_and_headers(impl: Impl) -> t.Callable[[], t.Any]:
    R = impl.FlaskResponse

    def run() -> bytes:
        response = R("ok", headers={"X-Request-Id": "abc123", "Cache-Control": "no-store"})
        response.set_cookie("session", "s3cr3t-value", max_age=3600, httponly=True, samesite="Lax")
        response.set_cookie("theme", "dark")
        return _serve(response)

    return run


def headers_20(impl: Impl) -> t.Callable[[], t.Any]:
    R = impl.FlaskResponse
    return lambda: _serve(R("ok", headers=TWENTY_HEADERS))


def set_cookie(impl: Impl) -> t.Callable[[], t.Any]:
    response = impl.FlaskResponse("ok")
    cookies = response.headers._list  # both keep the Set-Cookie headers here

    def run() -> None:
        response.set_cookie("session", "s3cr3t-value", max_age=3600, httponly=True, samesite="Lax")
        cookies.pop()

    return run


def streaming(impl: Impl) -> t.Callable[[], t.Any]:
    R = impl.FlaskResponse
    return lambda: _serve(R(iter(CHUNKS), mimetype="text/plain"))


def redirect_(impl: Impl) -> t.Callable[[], t.Any]:
    R = impl.FlaskResponse
    return lambda: _serve(redirect("/login?next=%2Fhome", 302, Response=R))


_FILE = os.path.join(tempfile.gettempdir(), "fastres-bench-4k.bin")


def send_file_4k(impl: Impl) -> t.Callable[[], t.Any]:
    if not os.path.exists(_FILE):
        with open(_FILE, "wb") as f:
            f.write(os.urandom(4096))
    R = impl.FlaskResponse
    send = send_file if impl.name == "werkzeug" else fastres_send_file

    def run() -> bytes:
        environ = dict(ENVIRON)
        return _serve(send(_FILE, environ, mimetype="application/octet-stream", response_class=R), environ)

    return run


def express_chain(impl: Impl) -> t.Callable[[], t.Any] | None:
    if impl.name == "werkzeug":
        R, dumps = impl.FlaskResponse, impl.dumps
        return lambda: _serve(R(dumps(SMALL_JSON), status=201, headers={"X-A": "1"}, mimetype="application/json"))
    try:
        from fastres import express
    except ImportError:
        return None
    module = core.pure if impl.name == "fastres-pure" else core.compiled
    Res = core.on_core(express.Response, module)
    return lambda: _serve(Res().set_status(201).set("X-A", "1").json(SMALL_JSON))


def _flask_app(impl: Impl) -> flask.Flask:
    app = flask.Flask("bench")
    app.response_class = impl.FlaskResponse
    if impl.name != "werkzeug":
        provider = getattr(getattr(fastres, "json", None), "OrjsonProvider", None)
        if provider is not None:
            app.json = provider(app)

    @app.route("/text")
    def text_route() -> str:
        return "Hello, World!"

    @app.route("/json")
    def json_route() -> dict[str, t.Any]:
        return SMALL_JSON

    @app.route("/cookie")
    def cookie_route() -> flask.Response:
        response = flask.make_response("ok")
        response.set_cookie("session", "s3cr3t-value", max_age=3600, httponly=True, samesite="Lax")
        return response

    return app


def _flask_request(path: str) -> t.Callable[[Impl], t.Callable[[], t.Any]]:
    def factory(impl: Impl) -> t.Callable[[], t.Any]:
        app = _flask_app(impl).wsgi_app
        environ = dict(ENVIRON, PATH_INFO=path, HTTP_HOST="localhost")
        environ["wsgi.input"] = None
        environ["wsgi.errors"] = None

        def run() -> bytes:
            app_iter = app(dict(environ), _start_response)
            body = b"".join(app_iter)
            app_iter.close()
            return body

        return run

    return factory


SCENARIOS: dict[str, t.Callable[[Impl], t.Callable[[], t.Any] | None]] = {
    "text": text,
    "json_small": json_small,
    "json_200": json_200,
    "json_provider": json_provider,
    "json_jsonify": json_jsonify,
    "json_dict_view": json_dict_view,
    "cookies2_headers2": cookies_and_headers,
    "headers_20": headers_20,
    "set_cookie": set_cookie,
    "streaming_100": streaming,
    "redirect": redirect_,
    "send_file_4k": send_file_4k,
    "express_chain": express_chain,
    "flask_text": _flask_request("/text"),
    "flask_json": _flask_request("/json"),
    "flask_cookie": _flask_request("/cookie"),
    **app_scenarios.SCENARIOS,
}


def build(scenario: str, impl_name: str) -> t.Callable[[], t.Any] | None:
    """The work of *scenario* for *impl_name*, or None where it does not apply."""
    return SCENARIOS[scenario](implementation(impl_name))
