"""Express ``test/res.format.js``: its shared ``test(app)`` cases run on each
of its apps (canonical MIME types, extension names, types with parameters,
and the two "in router" apps, here a blueprint and a blueprint's own 406
handler)."""

from __future__ import annotations

import flask
import pytest


HANDLER_KEYS = {
    "canonicalized mime types": ("text/plain", "text/html", "application/json"),
    "extnames": ("text", "html", "json"),
    "parameters": ("text/plain; charset=utf-8", "text/html; foo=bar; bar=baz", "application/json; q=0.5"),
    "in router (app)": ("text", "html", "json"),
    "in router (router)": ("text", "html", "json"),
}


def supports(error):
    return flask.Response("Supports: " + ", ".join(error.types), error.code)


@pytest.fixture(params=list(HANDLER_KEYS))
def negotiating(request, app):
    """The app of one ``describe`` block: a view answering text, html or json."""
    text, html, json = HANDLER_KEYS[request.param]

    def view(req, res):
        return res.format(
            {
                text: lambda: res.send("hey"),
                html: lambda: res.send("<p>hey</p>"),
                json: lambda: res.send({"message": "hey"}),
            }
        )

    if request.param.startswith("in router"):
        router = flask.Blueprint("router", __name__)
        router.route("/")(app.express_view(view))
        if request.param == "in router (router)":
            router.register_error_handler(406, supports)
        else:
            app.register_error_handler(406, supports)
        app.register_blueprint(router)
    else:
        app.get("/")(view)
        app.register_error_handler(406, supports)
    return app.test_client()


def test_should_utilize_qvalues_in_negotiation(negotiating) -> None:
    """.format(obj) > <each app> > should utilize qvalues in negotiation"""
    rv = negotiating.get("/", headers={"Accept": "text/html; q=.5, application/json, */*; q=.1"})
    assert rv.get_json() == {"message": "hey"}


def test_should_allow_wildcard_type_subtypes(negotiating) -> None:
    """.format(obj) > <each app> > should allow wildcard type/subtypes"""
    rv = negotiating.get("/", headers={"Accept": "text/html; q=.5, application/*, */*; q=.1"})
    assert rv.get_json() == {"message": "hey"}


def test_should_default_the_content_type(negotiating) -> None:
    """.format(obj) > <each app> > should default the Content-Type"""
    rv = negotiating.get("/", headers={"Accept": "text/html; q=.5, text/plain"})
    assert rv.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert rv.data == b"hey"


@pytest.mark.express_difference("bare application/json, as Flask's jsonify")
def test_should_set_the_correct_charset_for_the_content_type(negotiating) -> None:
    """.format(obj) > <each app> > should set the correct charset for the Content-Type"""
    assert negotiating.get("/", headers={"Accept": "text/html"}).headers["Content-Type"] == "text/html; charset=utf-8"
    assert negotiating.get("/", headers={"Accept": "text/plain"}).headers["Content-Type"] == "text/plain; charset=utf-8"
    assert negotiating.get("/", headers={"Accept": "application/json"}).headers["Content-Type"] == "application/json"


def test_should_vary_accept(negotiating) -> None:
    """.format(obj) > <each app> > should Vary: Accept"""
    rv = negotiating.get("/", headers={"Accept": "text/html; q=.5, text/plain"})
    assert rv.headers["Vary"] == "Accept"


def test_when_accept_is_not_present_should_invoke_the_first_callback(negotiating) -> None:
    """.format(obj) > <each app> > when Accept is not present > should invoke the first callback"""
    assert negotiating.get("/").data == b"hey"


def test_when_no_match_is_made_should_respond_with_406_not_acceptable(negotiating) -> None:
    """.format(obj) > <each app> > when no match is made > should respond with 406 not acceptable"""
    rv = negotiating.get("/", headers={"Accept": "foo/bar"})
    assert rv.status_code == 406
    assert rv.data == b"Supports: text/plain, text/html, application/json"


def test_given_default_should_be_invoked_instead_of_auto_responding(app) -> None:
    """.format(obj) > given .default > should be invoked instead of auto-responding"""

    @app.get("/")
    def view(req, res):
        return res.format({"text": lambda: res.send("hey"), "default": lambda: res.send("default")})

    assert app.test_client().get("/", headers={"Accept": "text/html"}).data == b"default"


def test_given_default_should_work_when_only_default_is_provided(app) -> None:
    """.format(obj) > given .default > should work when only .default is provided"""

    @app.get("/")
    def view(req, res):
        return res.format({"default": lambda: res.send("hey")})

    assert app.test_client().get("/", headers={"Accept": "*/*"}).data == b"hey"


def test_given_default_should_be_able_to_invoke_other_formatter(app) -> None:
    """.format(obj) > given .default > should be able to invoke other formatter"""

    @app.get("/")
    def view(req, res):
        def default():
            res.header("x-default", "1")
            handlers["json"]()

        handlers = {"json": lambda: res.send("json"), "default": default}
        return res.format(handlers)

    rv = app.test_client().get("/", headers={"Accept": "text/plain"})
    assert rv.status_code == 200
    assert rv.headers["x-default"] == "1"
    assert rv.data == b"json"
