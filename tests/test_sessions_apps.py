"""fastres' session interface in Flask apps, on both cores, against stock Flask.

Two copies of one app, one on Flask's interface and one on fastres', serve
the same requests: the Set-Cookie and Vary headers match, cookies cross
between them both ways, the config keys and subclass hooks act the same.
"""

from __future__ import annotations

import time
from datetime import timedelta

import flask
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

import fastres
from fastres.sessions import SecureCookieSessionInterface

NOW = 1_780_000_000


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: NOW + 0.5)


@pytest.fixture
def interface(backend) -> type[SecureCookieSessionInterface]:
    """fastres' interface on *backend*'s core."""
    return type("SecureCookieSessionInterface", (SecureCookieSessionInterface,), {"_core": backend.core})


def make_app(interface: type | None = None, **config) -> flask.Flask:
    app = flask.Flask(__name__)
    app.config.update({"SECRET_KEY": "app key", **config})
    if interface is not None:
        app.session_interface = interface()

    @app.get("/set/<key>/<value>")
    def set_value(key, value):
        flask.session[key] = value
        return "set"

    @app.get("/permanent")
    def permanent():
        flask.session.permanent = True
        flask.session["p"] = 1
        return "permanent"

    @app.get("/get/<key>")
    def get_value(key):
        return repr(flask.session.get(key))

    @app.get("/clear")
    def clear():
        flask.session.clear()
        return "cleared"

    @app.get("/plain")
    def plain():
        return "no session"

    @app.get("/store")
    def store():
        flask.session.update(t=(1, "a"), b=b"\x00\xff", m=Markup("<i>"), n=None, u="é")
        return "stored"

    return app


def cookie_headers(response) -> tuple[list[str], list[str]]:
    return response.headers.getlist("Set-Cookie"), response.headers.getlist("Vary")


PATHS = ["/set/a/1", "/permanent", "/get/a", "/clear", "/plain", "/store"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "config",
    [
        {},
        {"SESSION_COOKIE_NAME": "sid", "SESSION_COOKIE_DOMAIN": "example.com", "SESSION_COOKIE_PATH": "/app"},
        {"SESSION_COOKIE_HTTPONLY": False, "SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_SAMESITE": "Lax"},
        {"SESSION_COOKIE_PARTITIONED": True, "SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_SAMESITE": "None"},
        {"SESSION_REFRESH_EACH_REQUEST": False, "PERMANENT_SESSION_LIFETIME": timedelta(hours=1)},
        {"APPLICATION_ROOT": "/root"},
    ],
)
def test_same_headers_as_flask(interface, frozen, path, config):
    """Fresh client, then with the session cookie of an earlier request."""
    flask_app, fast_app = make_app(None, **config), make_app(interface, **config)
    name = config.get("SESSION_COOKIE_NAME", "session")
    for cookie in (None, flask_app.test_client().get("/store"), flask_app.test_client().get("/permanent")):
        headers = {}
        if cookie is not None:
            value = cookie.headers["Set-Cookie"].split(";", 1)[0].split("=", 1)[1]
            headers = {"Cookie": f"{name}={value}"}
        expected = flask_app.test_client(use_cookies=False).get(path, headers=headers)
        got = fast_app.test_client(use_cookies=False).get(path, headers=headers)
        assert (got.status_code, got.data) == (expected.status_code, expected.data)
        # Expires comes from datetime.now(), which the frozen time.time() does not stop.
        assert _drop_expires(cookie_headers(got)) == _drop_expires(cookie_headers(expected))


def _drop_expires(headers: tuple[list[str], list[str]]) -> tuple[list[str], list[str]]:
    set_cookie, vary = headers
    return [";".join(p for p in c.split(";") if not p.strip().startswith("Expires=")) for c in set_cookie], vary


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.text(
        st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="/?#%"), min_size=1, max_size=8
    ),
    value=st.text(
        st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="/?#%"), min_size=1, max_size=12
    ),
)
def test_cookies_cross_both_ways(interface, key, value):
    """A session written by either app is read by the other."""
    flask_app, fast_app = make_app(None), make_app(interface)
    for writer, reader in ((flask_app, fast_app), (fast_app, flask_app)):
        client = writer.test_client()
        client.get(f"/set/{key}/{value}")
        cookie = client.get_cookie("session")
        assert cookie is not None
        other = reader.test_client()
        other.set_cookie("session", cookie.value)
        assert other.get(f"/get/{key}").text == repr(value)


def test_expired_and_fallback_keys(interface, monkeypatch):
    fast_app = make_app(interface, PERMANENT_SESSION_LIFETIME=timedelta(seconds=60))
    client = fast_app.test_client()
    monkeypatch.setattr(time, "time", lambda: NOW)
    client.get("/set/a/1")
    assert client.get("/get/a").text == "'1'"
    cookie = client.get_cookie("session").value
    monkeypatch.setattr(time, "time", lambda: NOW + 61)
    assert client.get("/get/a").text == "None"
    monkeypatch.setattr(time, "time", lambda: NOW + 30)
    rotated = make_app(interface, SECRET_KEY="new key", SECRET_KEY_FALLBACKS=["app key"])
    other = rotated.test_client()
    other.set_cookie("session", cookie)
    assert other.get("/get/a").text == "'1'"
    rewritten = other.get("/set/b/2").headers["Set-Cookie"].split(";", 1)[0]  # signed with the new key
    assert (
        make_app(interface, SECRET_KEY="new key")
        .test_client(use_cookies=False)
        .get("/get/b", headers={"Cookie": rewritten})
        .text
        == "'2'"
    )


def test_no_secret_key_gives_flasks_null_session(interface):
    app = make_app(interface, SECRET_KEY=None)
    assert app.test_client().get("/get/a").text == "None"
    app.testing = True  # propagate the view's exception
    with pytest.raises(RuntimeError, match="secret key was set"):
        app.test_client().get("/set/a/1")


def test_subclass_hooks_are_honoured(backend, interface):
    calls = []

    class Custom(interface):  # type: ignore[misc,valid-type]
        def should_set_cookie(self, app, session):
            calls.append("should_set_cookie")
            return super().should_set_cookie(app, session)

        def get_expiration_time(self, app, session):
            calls.append("get_expiration_time")
            return None

        def get_cookie_name(self, app):
            return "custom"

    app = make_app(Custom)
    client = app.test_client()
    response = client.get("/permanent")
    assert calls == ["should_set_cookie", "get_expiration_time"]
    assert response.headers["Set-Cookie"].startswith("custom=")
    assert "Expires" not in response.headers["Set-Cookie"]
    assert client.get("/get/p").text == "1"


def test_custom_serializer_goes_through_flask(interface):
    """A serializer with an extra tag (Flask's documented extension point) is Flask's path."""
    from collections import OrderedDict

    from flask.json.tag import JSONTag, TaggedJSONSerializer

    class TagOrderedDict(JSONTag):
        __slots__ = ("serializer",)
        key = " od"

        def check(self, value):
            return isinstance(value, OrderedDict)

        def to_json(self, value):
            return [[k, self.serializer.tag(v)] for k, v in value.items()]

        def to_python(self, value):
            return OrderedDict(value)

    instance = interface()
    instance.serializer = TaggedJSONSerializer()
    instance.serializer.register(TagOrderedDict, index=0)
    assert not instance._on_core()
    app = make_app()
    app.session_interface = instance

    @app.get("/od")
    def od():
        flask.session["od"] = OrderedDict(a=1)
        return "od"

    @app.get("/read-od")
    def read_od():
        return type(flask.session["od"]).__name__

    client = app.test_client()
    client.get("/od")
    assert client.get("/read-od").text == "OrderedDict"


def test_init_app_installs_it():
    app = make_app()
    fastres.init_app(app)
    assert type(app.session_interface) is SecureCookieSessionInterface
    assert flask.Flask.session_interface.__class__ is flask.sessions.SecureCookieSessionInterface


def test_init_app_keeps_settings_made_on_the_stock_interface():
    app = make_app()
    app.session_interface = flask.sessions.SecureCookieSessionInterface()
    app.session_interface.salt = "my salt"  # type: ignore[misc]
    fastres.init_app(app)
    assert isinstance(app.session_interface, SecureCookieSessionInterface)
    assert app.session_interface.salt == "my salt"


def test_init_app_leaves_the_apps_own_interface():
    class Own(flask.sessions.SecureCookieSessionInterface):
        pass

    app = make_app(Own)
    fastres.init_app(app)
    assert type(app.session_interface) is Own
    app = make_app()
    fastres.init_app(app, sessions=False)
    assert type(app.session_interface) is flask.sessions.SecureCookieSessionInterface


def test_init_app_with_a_subclass(interface):
    app = make_app()
    fastres.init_app(app, sessions=interface)
    assert type(app.session_interface) is interface
    with pytest.raises(TypeError):
        fastres.init_app(make_app(), sessions=flask.sessions.SecureCookieSessionInterface)  # type: ignore[arg-type]


def test_flask_login_app_works_unchanged(interface):
    """A Flask-Login app: log in, stay logged in, remember me, log out; under init_app."""
    flask_login = pytest.importorskip("flask_login")

    class User(flask_login.UserMixin):
        def __init__(self, uid: str) -> None:
            self.id = uid

    app = flask.Flask(__name__)
    app.secret_key = "login key"
    fastres.init_app(app, sessions=interface)
    manager = flask_login.LoginManager(app)
    manager.user_loader(lambda uid: User(uid) if uid in {"7", "8"} else None)

    @app.get("/login/<uid>")
    def login(uid):
        flask_login.login_user(User(uid), remember=uid == "8")
        return "ok"

    @app.get("/me")
    @flask_login.login_required
    def me():
        return {"id": flask_login.current_user.id, "fresh": flask_login.login_fresh()}

    @app.get("/logout")
    def logout():
        flask_login.logout_user()
        return "bye"

    client = app.test_client()
    assert client.get("/me").status_code == 401
    client.get("/login/7")
    assert client.get("/me").json == {"id": "7", "fresh": True}
    session_cookie = client.get_cookie("session").value
    # The same cookie read by a stock Flask app with the same key.
    stock = flask.Flask(__name__)
    stock.secret_key = "login key"
    with stock.test_request_context(headers={"Cookie": f"session={session_cookie}"}):
        opened = stock.session_interface.open_session(stock, flask.request)
        assert opened["_user_id"] == "7" and opened["_fresh"] is True
    client.get("/logout")
    assert client.get("/me").status_code == 401
    # Remember me: a new client with only the remember cookie is logged back in, not fresh.
    client.get("/login/8")
    remember = client.get_cookie("remember_token").value
    other = app.test_client()
    other.set_cookie("remember_token", remember)
    assert other.get("/me").json == {"id": "8", "fresh": False}
