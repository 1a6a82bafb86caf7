"""App-style scenarios: responses built the way Flask apps and extensions build them.

Each ``app_*`` scenario sends one request through ``app.wsgi_app`` of a small
Flask app whose single view (and hooks) is written as an app writes it: header
edits through ``resp.headers``, an ``after_request`` hook adding CORS-style
headers, ``jsonify``, a dict, a ``(body, status, headers)`` tuple, a
generator, ``set_cookie`` in a view.  The stock app is plain ``flask.Flask``;
the fastres app is the same app after ``fastres.init_app(app)``.

``headers_methods`` is a micro scenario without the app: one response whose
``headers`` go through the methods hooks and views call (add, set,
setdefault, extend, update, del, get, getlist, ``in``), then served.
"""

from __future__ import annotations

import typing as t

import flask

import fastres
from fastres import core
from fastres.json import OrjsonProvider

if t.TYPE_CHECKING:
    from scenarios import Impl

SMALL_JSON = {"id": 42, "name": "Ada Lovelace", "active": True, "tags": ["math", "engines"]}
CORS = (
    ("Access-Control-Allow-Origin", "https://app.example.com"),
    ("Access-Control-Allow-Credentials", "true"),
    ("Vary", "Origin"),
)
ROWS = [f"{i},user{i},user{i}@example.com\n" for i in range(20)]

ENVIRON = {
    "REQUEST_METHOD": "GET",
    "SERVER_NAME": "localhost",
    "SERVER_PORT": "80",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "PATH_INFO": "/",
    "SCRIPT_NAME": "",
    "QUERY_STRING": "",
    "HTTP_HOST": "localhost",
    "wsgi.url_scheme": "http",
    "wsgi.input": None,
    "wsgi.errors": None,
}


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: t.Any = None) -> None:
    pass


def make_app(impl: Impl) -> flask.Flask:
    """A stock Flask app, or the same app adopted with ``fastres.init_app``
    (its Response class and JSON provider both on *impl*'s core)."""
    app = flask.Flask("bench-app")
    if impl.name != "werkzeug":
        module = core.pure if impl.name == "fastres-pure" else core.compiled
        provider = type("OrjsonProvider", (OrjsonProvider,), {"_core": module})
        fastres.init_app(app, response_class=impl.FlaskResponse, json_provider=provider)
    return app


def app_for(name: str, impl: Impl) -> flask.Flask:
    """The app of scenario *name* (a key of :data:`VIEWS`) for *impl*."""
    view, hook = VIEWS[name]
    app = make_app(impl)
    app.add_url_rule("/", "view", view)
    if hook is not None:
        app.after_request(hook)
    return app


def _request(name: str) -> t.Callable[[Impl], t.Callable[[], t.Any]]:
    def factory(impl: Impl) -> t.Callable[[], t.Any]:
        wsgi = app_for(name, impl).wsgi_app

        def run() -> bytes:
            app_iter = wsgi(dict(ENVIRON), _start_response)
            body = b"".join(app_iter)
            getattr(app_iter, "close", lambda: None)()
            return body

        return run

    return factory


def view_headers() -> t.Any:
    resp = flask.make_response("ok")
    resp.headers["X-Request-Id"] = "abc123"
    resp.headers["Cache-Control"] = "no-store"
    return resp


def plain_text() -> t.Any:
    return "ok"


def cors_hook(resp: t.Any) -> t.Any:
    for name, value in CORS:
        resp.headers[name] = value
    return resp


def jsonify_view() -> t.Any:
    return flask.jsonify(SMALL_JSON)


def dict_view() -> t.Any:
    return SMALL_JSON


def tuple_view() -> t.Any:
    return "created", 201, {"Location": "/items/42", "X-Request-Id": "abc123"}


def generator_view() -> t.Any:
    def rows() -> t.Iterator[str]:
        yield "id,name,email\n"
        yield from ROWS

    return rows(), {"Content-Type": "text/csv; charset=utf-8"}


def cookie_view() -> t.Any:
    resp = flask.make_response("ok")
    resp.set_cookie("session", "s3cr3t-value", max_age=3600, httponly=True, samesite="Lax")
    return resp


def edit_headers(resp: t.Any) -> t.Any:
    """The ``headers`` methods hooks and views call, on one response."""
    h = resp.headers
    h.add("Vary", "Origin")
    h.add("Vary", "Accept-Encoding")
    h.set("Cache-Control", "no-store")
    h.setdefault("X-Frame-Options", "DENY")
    h.extend({"X-A": "1", "X-B": "2"})
    h.update({"X-B": "3", "X-C": "4"})
    del h["X-A"]
    return h.get("Content-Type"), h.getlist("Vary"), "X-C" in h


def headers_methods(impl: Impl) -> t.Callable[[], t.Any]:
    R = impl.FlaskResponse

    def run() -> bytes:
        resp = R("ok")
        edit_headers(resp)
        app_iter = resp(ENVIRON, _start_response)
        body = b"".join(app_iter)
        app_iter.close()
        return body

    return run


#: scenario -> (view, after_request hook or None), each served at ``/``.
VIEWS: dict[str, tuple[t.Callable[[], t.Any], t.Callable[[t.Any], t.Any] | None]] = {
    "app_view_headers": (view_headers, None),
    "app_cors_hook": (plain_text, cors_hook),
    "app_jsonify": (jsonify_view, None),
    "app_dict": (dict_view, None),
    "app_tuple": (tuple_view, None),
    "app_generator": (generator_view, None),
    "app_set_cookie": (cookie_view, None),
}

SCENARIOS: dict[str, t.Callable[[Impl], t.Callable[[], t.Any] | None]] = {
    "headers_methods": headers_methods,
    **{name: _request(name) for name in VIEWS},
}
