"""``fastres.init_app(app)`` / ``fastres.FastRes``: one-line adoption in a Flask app."""

from __future__ import annotations

import datetime as dt
import typing as t

import flask
import pytest
from flask.json.provider import DefaultJSONProvider

import fastres
from fastres.json import OrjsonProvider


def test_init_app_installs_response_class_and_provider() -> None:
    app = flask.Flask(__name__)
    ext = fastres.init_app(app)
    assert app.response_class is fastres.Response
    assert type(app.json) is OrjsonProvider
    assert app.json_provider_class is OrjsonProvider
    assert app.extensions["fastres"] is ext
    assert isinstance(ext, fastres.FastRes)


def test_extension_convention_init_app_later() -> None:
    ext = fastres.FastRes()
    app1, app2 = flask.Flask("one"), flask.Flask("two")
    assert app1.response_class is flask.Response
    ext.init_app(app1)
    ext.init_app(app2)
    for app in (app1, app2):
        assert app.response_class is fastres.Response
        assert isinstance(app.json, OrjsonProvider)
        assert app.extensions["fastres"] is ext
    fastres.FastRes(flask.Flask("three"))


def test_each_part_switches_off() -> None:
    app = flask.Flask(__name__)
    fastres.init_app(app, response_class=False)
    assert app.response_class is flask.Response
    assert isinstance(app.json, OrjsonProvider)

    app = flask.Flask(__name__)
    fastres.init_app(app, json_provider=False)
    assert app.response_class is fastres.Response
    assert type(app.json) is DefaultJSONProvider


def test_subclasses_accepted() -> None:
    class MyResponse(fastres.Response):
        pass

    class MyProvider(OrjsonProvider):
        sort_keys = False

    app = flask.Flask(__name__)
    fastres.init_app(app, response_class=MyResponse, json_provider=MyProvider)
    assert app.response_class is MyResponse
    assert type(app.json) is MyProvider


@pytest.mark.parametrize(
    "kwargs",
    [
        {"response_class": flask.Response},
        {"json_provider": DefaultJSONProvider},
        {"response_class": "yes"},
    ],
)
def test_bad_arguments_refused(kwargs: dict[str, t.Any]) -> None:
    with pytest.raises(TypeError):
        fastres.FastRes(**kwargs)


def test_custom_response_class_not_silently_replaced() -> None:
    class Custom(flask.Response):
        default_mimetype = "text/plain"

    app = flask.Flask(__name__)
    app.response_class = Custom
    with pytest.raises(TypeError, match=r"subclass fastres\.Response"):
        fastres.init_app(app)
    fastres.init_app(app, response_class=False)
    assert app.response_class is Custom


def test_custom_provider_not_silently_replaced() -> None:
    class Custom(DefaultJSONProvider):
        pass

    app = flask.Flask(__name__)
    app.json = Custom(app)
    with pytest.raises(TypeError, match="OrjsonProvider"):
        fastres.init_app(app)


def test_provider_settings_carried_over() -> None:
    app = flask.Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.compact = False  # type: ignore[attr-defined]
    fastres.init_app(app)
    assert app.json.sort_keys is False  # type: ignore[attr-defined]
    assert app.json.compact is False  # type: ignore[attr-defined]
    assert app.json.mimetype == "application/json"  # type: ignore[attr-defined]


def test_existing_fastres_subclasses_kept_unless_explicit() -> None:
    class MyResponse(fastres.Response):
        pass

    class MyProvider(OrjsonProvider):
        pass

    app = flask.Flask(__name__)
    app.response_class = MyResponse
    app.json = MyProvider(app)
    fastres.init_app(app)
    assert app.response_class is MyResponse
    assert type(app.json) is MyProvider

    fastres.init_app(app, response_class=fastres.Response, json_provider=OrjsonProvider)
    assert app.response_class is fastres.Response
    assert type(app.json) is OrjsonProvider


def test_express_app_keeps_its_classes() -> None:
    from fastres.express import App

    app = App(__name__)
    response_class = app.response_class
    fastres.init_app(app)
    assert app.response_class is response_class
    assert isinstance(app.json, OrjsonProvider)

    @app.get("/")
    def index(req, res):  # type: ignore[no-untyped-def]
        return res.json({"b": 1, "a": "\u00e9"})

    rv = app.test_client().get("/")
    assert rv.status_code == 200
    assert rv.get_json() == {"b": 1, "a": "\u00e9"}


def test_init_app_twice_is_harmless() -> None:
    app = flask.Flask(__name__)
    fastres.init_app(app)
    fastres.init_app(app)
    assert app.response_class is fastres.Response


# ------------------------------------------------- a whole app, both cores


def make_adopting_app(backend, provider_class) -> flask.Flask:
    app = flask.Flask(__name__)
    app.config["SECRET_KEY"] = "test"
    # What a user writes is fastres.init_app(app); passing the classes bound
    # to each core runs the same app on the compiled core and the pure twin.
    fastres.init_app(app, response_class=backend.FlaskResponse, json_provider=provider_class)
    assert issubclass(app.response_class, fastres.Response)
    assert type(app.json) is provider_class

    @app.get("/item/<int:item_id>")
    def item(item_id: int) -> tuple[dict[str, t.Any], int, dict[str, str]]:
        return {"id": item_id, "name": "caf\u00e9", "when": dt.date(2024, 5, 17)}, 201, {"X-Item": str(item_id)}

    @app.get("/login")
    def login() -> flask.Response:
        rv = flask.jsonify(ok=True)
        rv.set_cookie("sid", "a b;c", max_age=60, httponly=True, samesite="Lax")
        rv.set_cookie("theme", "dark", path="/ui", secure=True)
        rv.headers["Cache-Control"] = "no-store"
        return rv

    @app.get("/whoami")
    def whoami() -> dict[str, t.Any]:
        return {"sid": flask.request.cookies.get("sid"), "session": flask.session.get("n", 0)}

    @app.post("/echo")
    def echo() -> flask.Response:
        flask.session["n"] = flask.session.get("n", 0) + 1
        return flask.jsonify(flask.request.get_json())

    @app.post("/big")
    def big() -> str:
        return str(flask.request.get_json()["id"])  # parsed by app.json.loads: exact

    @app.get("/text")
    def text() -> str:
        return "<p>hi</p>"

    return app


def test_adopting_app_json_cookies_headers(backend, provider_class) -> None:
    app = make_adopting_app(backend, provider_class)
    client = app.test_client()

    rv = client.get("/item/7")
    assert rv.status_code == 201
    assert rv.content_type == "application/json"
    assert rv.headers["X-Item"] == "7"
    assert rv.data == b'{"id":7,"name":"caf\\u00e9","when":"Fri, 17 May 2024 00:00:00 GMT"}\n'  # Flask's bytes
    assert rv.headers["Content-Length"] == str(len(rv.data))
    assert rv.get_json() == {"id": 7, "name": "caf\u00e9", "when": "Fri, 17 May 2024 00:00:00 GMT"}

    rv = client.get("/login")
    assert rv.json == {"ok": True}
    assert rv.headers["Cache-Control"] == "no-store"
    cookies = rv.headers.getlist("Set-Cookie")
    assert cookies[0].startswith('sid="a b\\073c"; Expires=')
    assert cookies[0].endswith("; Max-Age=60; HttpOnly; Path=/; SameSite=Lax")
    assert cookies[1] == "theme=dark; Secure; Path=/ui"
    assert client.get_cookie("sid").value == '"a b\\073c"'  # type: ignore[union-attr]

    rv = client.get("/whoami")
    assert rv.json == {"sid": "a b;c", "session": 0}

    payload = {"x": [1.5, None, "\u00e9"], "nested": {"b": 1, "a": 2}}
    rv = client.post("/echo", json=payload)
    assert rv.status_code == 200
    assert rv.data == b'{"nested":{"a":2,"b":1},"x":[1.5,null,"\\u00e9"]}\n'
    session_cookie = [c for c in rv.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(session_cookie) == 1 and "HttpOnly" in session_cookie[0]
    assert client.get("/whoami").json == {"sid": "a b;c", "session": 1}

    rv = client.get("/text")
    assert rv.content_type == "text/html; charset=utf-8"
    assert rv.data == b"<p>hi</p>"

    rv = client.post("/big", data=f'{{"id": {2**70}}}', content_type="application/json")
    assert rv.data == str(2**70).encode()
