"""fastres.Response inside a real Flask app, through its test client, on both cores."""

from __future__ import annotations

import warnings

import flask
import pytest
from werkzeug.exceptions import NotFound

import fastres


@pytest.fixture
def app(backend):
    app = flask.Flask(__name__)
    app.response_class = backend.FlaskResponse
    app.config["SECRET_KEY"] = "test"

    @app.route("/text")
    def text():
        return "héllo"

    @app.route("/json")
    def json_view():
        return {"a": [1, 2], "b": "é"}

    @app.route("/cookie")
    def cookie():
        response = flask.make_response("with cookie")
        response.set_cookie("theme", "dark", httponly=True)
        response.headers["X-Extra"] = "1"
        return response

    @app.route("/tuple")
    def tuple_view():
        return "created", 201, {"X-Id": "7"}

    @app.route("/stream")
    def stream():
        return app.response_class((str(i) for i in range(3)), mimetype="text/plain")

    @app.route("/abort")
    def aborting():
        flask.abort(418)

    @app.route("/redirect")
    def redirecting():
        return flask.redirect("/text")

    @app.route("/session")
    def session_view():
        flask.session["n"] = flask.session.get("n", 0) + 1
        return str(flask.session["n"])

    @app.route("/big-cookie")
    def big_cookie():
        response = flask.make_response("x")
        response.set_cookie("big", "y" * 200)
        return response

    @app.route("/werkzeug-response")
    def werkzeug_response():
        raise NotFound()

    return app


@pytest.fixture
def client(app):
    return app.test_client()


def test_default_response_class_is_fastres():
    assert issubclass(fastres.Response, flask.Response)


def test_text_route(client, backend):
    rv = client.get("/text")
    assert rv.status == "200 OK"
    assert rv.headers.to_wsgi_list() == [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "6")]
    assert rv.get_data(as_text=True) == "héllo"


def test_json_route_keeps_rv_json_property(client):
    rv = client.get("/json")
    assert rv.mimetype == "application/json"
    assert rv.json == {"a": [1, 2], "b": "é"}


def test_cookie_route(client):
    rv = client.get("/cookie")
    assert rv.headers.getlist("Set-Cookie") == ["theme=dark; HttpOnly; Path=/"]
    assert rv.headers["X-Extra"] == "1"
    assert client.get_cookie("theme").value == "dark"


def test_tuple_return(client):
    rv = client.get("/tuple")
    assert rv.status_code == 201 and rv.headers["X-Id"] == "7" and rv.data == b"created"


def test_streaming(client):
    rv = client.get("/stream")
    assert rv.data == b"012" and "Content-Length" not in rv.headers


def test_abort_and_not_found_are_converted(client, app, backend):
    rv = client.get("/abort")
    assert rv.status_code == 418
    assert client.get("/nope").status_code == 404
    assert client.get("/werkzeug-response").status_code == 404

    with app.test_request_context("/abort"):
        rv = app.make_response(("x", 200))
        assert type(rv) is backend.FlaskResponse


def test_redirect(client):
    rv = client.get("/redirect")
    assert rv.status_code == 302 and rv.headers["Location"] == "/text"


def test_head_request(client):
    rv = client.head("/text")
    assert rv.data == b"" and rv.headers["Content-Length"] == "6"


def test_session_cookie_round_trip(client):
    assert client.get("/session").data == b"1"
    assert client.get("/session").data == b"2"


def test_max_cookie_size_comes_from_app_config(app, client):
    app.config["MAX_COOKIE_SIZE"] = 100
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.get("/big-cookie")
    assert any("'big' cookie is too large" in str(w.message) for w in caught)


def test_max_cookie_size_outside_app_context_is_werkzeug_default(backend):
    assert backend.FlaskResponse().max_cookie_size == 4093


def test_flask_defaults(backend):
    response = backend.FlaskResponse("x")
    assert response.mimetype == "text/html"
    assert response.json_module is flask.json
    assert response.autocorrect_location_header is False
