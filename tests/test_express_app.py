"""``express.App``: (req, res) views on Flask 3, the ``req`` facade, ``listen``."""

from __future__ import annotations

import inspect

import flask
import pytest

import fastres
from express_support import make_app
from fastres import express


def test_views_get_a_fresh_facade_on_the_backend_core(app, facade) -> None:
    seen = []

    @app.get("/")
    def index(req, res):
        seen.append(res)
        assert isinstance(req, express.Request)
        return res.send("hi")

    client = app.test_client()
    assert client.get("/").data == b"hi"
    assert client.get("/").data == b"hi"
    assert type(seen[0]) is facade and seen[0] is not seen[1]


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_method_decorators(app, method) -> None:
    @getattr(app, method)("/item/<int:item_id>")
    def item(req, res, item_id):
        return res.json(method=req.method, id=item_id, params=req.params.to_dict())

    client = app.test_client()
    rv = getattr(client, method)("/item/7")
    assert rv.json == {"method": method.upper(), "id": 7, "params": {"item_id": 7}}
    other = "post" if method == "get" else "get"
    assert getattr(client, other)("/item/7").status_code == 405


def test_route_with_methods_and_endpoint(app) -> None:
    @app.route("/multi", methods=["GET", "POST"], endpoint="multi_ep")
    def multi(req, res):
        return res.send(req.method)

    client = app.test_client()
    assert client.get("/multi").data == b"GET"
    assert client.post("/multi").data == b"POST"
    with app.test_request_context():
        assert flask.url_for("multi_ep") == "/multi"


def test_facade_class_must_subclass_response_class(app) -> None:
    """Flask's make_response would convert the facade (force_type) and lose it."""

    class Custom(flask.Response):
        pass

    app.response_class = Custom
    with pytest.raises(TypeError, match="express_response_class"):

        @app.get("/x")
        def x(req, res):
            return res


def test_decorator_returns_the_view(app) -> None:
    def view(req, res):
        return "x"

    assert app.get("/v")(view) is view
    with app.test_request_context():
        assert flask.url_for("view") == "/v"


@pytest.mark.parametrize(
    ("returned", "status", "body"),
    [
        ("plain string", 200, b"plain string"),
        (("created", 201), 201, b"created"),
        (({"a": 1}, 202, {"X-H": "1"}), 202, b'{"a":1}\n'),
        ({"k": "v"}, 200, b'{"k":"v"}\n'),
        (["l"], 200, b'["l"]\n'),
    ],
)
def test_views_may_return_anything_flask_accepts(app, returned, status, body) -> None:
    @app.get("/r")
    def r(req, res):
        return returned

    rv = app.test_client().get("/r")
    assert rv.status_code == status
    assert rv.data == body


def test_view_returning_flask_response_and_none(app) -> None:
    @app.get("/flask")
    def flask_resp(req, res):
        return flask.redirect("/elsewhere")

    @app.get("/none")
    def none(req, res):
        res.set_status(201).set("X-From", "res").send("built on res")

    client = app.test_client()
    assert client.get("/flask").headers["Location"] == "/elsewhere"
    rv = client.get("/none")
    assert (rv.status_code, rv.data, rv.headers["X-From"]) == (201, b"built on res", "res")


def test_classic_views_still_work(app) -> None:
    def classic(name):
        return f"hello {name}"

    app.add_url_rule("/classic/<name>", view_func=classic)
    bp = flask.Blueprint("bp", __name__)

    @bp.route("/bp")
    def bp_view():
        return "blueprint"

    app.register_blueprint(bp)
    client = app.test_client()
    assert client.get("/classic/ada").data == b"hello ada"
    assert client.get("/bp").data == b"blueprint"


def test_flask_responses_stay_the_drop_in_flavour(app, backend) -> None:
    assert issubclass(express.App.response_class, fastres.Response)
    assert not issubclass(express.App.response_class, express.Response)

    @app.get("/s")
    def s(req, res):
        return "str"

    rv = app.test_client().get("/s")
    assert rv.json is None  # the property, not a method
    assert isinstance(inspect.getattr_static(type(rv), "json"), property)


def test_test_client_json_property_on_res_json(app) -> None:
    @app.post("/echo")
    def echo(req, res):
        return res.json(got=req.json)

    rv = app.test_client().post("/echo", json={"x": [1, 2]})
    assert rv.json == {"got": {"x": [1, 2]}}


def test_flask_express_examples(app, tmp_path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text("{{ name }}/{{ planet }}")

    @app.get("/sender")
    def sender(req, res):
        return res.set_status(404).send("not found")

    @app.get("/jsoner")
    def jsoner(req, res):
        return res.json(name="aniket sarkar")

    @app.get("/renderer")
    def renderer(req, res):
        context = dict(name="Aniket Sarkar", planet="Pluto")
        return res.render("index.html", context)

    @app.get("/flasher")
    def flasher(req, res):
        return res.flash("this is the flash message").end()

    @app.get("/flashed")
    def flashed(req, res):
        return res.json(flask.get_flashed_messages())

    @app.get("/getter")
    def getter(req, res):
        res.set("Content-Type", "application/json")
        return res.send(res.get("Content-Type"))

    @app.get("/ender")
    def ender(req, res):
        return res.end(404)

    @app.route("/login")
    def login(req, res):
        return res.redirect("/dashboard")

    client = app.test_client()
    rv = client.get("/sender")
    assert (rv.status_code, rv.data) == (404, b"not found")
    assert client.get("/jsoner").json == {"name": "aniket sarkar"}
    assert client.get("/renderer").data == b"Aniket Sarkar/Pluto"
    assert client.get("/flasher").data == b""
    assert client.get("/flashed").json == ["this is the flash message"]
    assert client.get("/getter").data == b"application/json"
    assert client.get("/ender").status_code == 404
    rv = client.get("/login")
    assert (rv.status_code, rv.headers["Location"]) == (302, "/dashboard")


def test_end_error_goes_through_error_handlers(app) -> None:
    @app.errorhandler(400)
    def bad(e):
        return f"handled {e.code}", 400

    @app.get("/bad")
    def bad_view(req, res):
        return res.end(400)

    rv = app.test_client().get("/bad")
    assert (rv.status_code, rv.data) == (400, b"handled 400")


def test_etag_and_304_through_the_app(app) -> None:
    @app.get("/page")
    def page(req, res):
        return res.send("<p>page</p>")

    client = app.test_client()
    first = client.get("/page")
    etag = first.headers["ETag"]
    assert etag.startswith('W/"b-')
    rv = client.get("/page", headers={"If-None-Match": etag})
    assert rv.status_code == 304 and rv.data == b""
    assert client.head("/page", headers={"If-None-Match": etag}).status_code == 304


def test_etag_config_off(backend, tmp_path) -> None:
    app = make_app(backend, tmp_path, EXPRESS_ETAG=False)

    @app.get("/page")
    def page(req, res):
        return res.send("<p>page</p>")

    assert "ETag" not in app.test_client().get("/page").headers


def test_session_and_after_request_work_with_res(app) -> None:
    @app.after_request
    def stamp(response):
        response.headers["X-After"] = "1"
        return response

    @app.get("/login")
    def login(req, res):
        flask.session["user"] = "ada"
        return res.cookie("theme", "dark").send("in")

    @app.get("/who")
    def who(req, res):
        return res.send(flask.session.get("user", "nobody"))

    client = app.test_client()
    rv = client.get("/login")
    assert rv.headers["X-After"] == "1"
    cookies = rv.headers.getlist("Set-Cookie")
    assert any(c.startswith("theme=dark") for c in cookies)
    assert any(c.startswith("session=") for c in cookies)
    assert client.get("/who").data == b"ada"


def test_async_views(app) -> None:
    @app.get("/async")
    async def view(req, res):
        return res.send("async")

    assert inspect.iscoroutinefunction(app.view_functions["view"])
    pytest.importorskip("asgiref")
    assert app.test_client().get("/async").data == b"async"


# ------------------------------------------------------------- req facade


def test_req_query_params_and_basics(app) -> None:
    @app.get("/users/<name>")
    def user(req, res, name):
        return res.json(
            name=name,
            param=req.params.name,
            param_item=req.params["name"],
            page=req.query.page,
            missing=req.query.missing,
            tags=req.query.getlist("tag"),
            page_int=req.query.get("page", type=int),
            bad_int=req.query.get("tag", -1, type=int),
            has_page="page" in req.query,
            path=req.path,
            method=req.method,
            ip=req.ip,
            ua=req.get("user-agent"),
            ref=req.get("Referrer"),
            header=req.header("X-Custom"),
            cookie=req.cookies.get("c"),
            hostname=req.hostname,
            protocol=req.protocol,
            secure=req.secure,
            args=req.args.to_dict(),  # delegated to the Flask request
        )

    client = app.test_client(use_cookies=False)
    rv = client.get(
        "/users/ada?page=2&tag=a&tag=b",
        headers={
            "User-Agent": "pytest",
            "Referer": "/from",
            "X-Custom": "x",
            "Host": "example.com:8080",
            "Cookie": "c=cookie-value",
        },
        environ_base={"REMOTE_ADDR": "10.1.2.3"},
    )
    assert rv.json == {
        "name": "ada",
        "param": "ada",
        "param_item": "ada",
        "page": "2",
        "missing": None,
        "tags": ["a", "b"],
        "page_int": 2,
        "bad_int": -1,
        "has_page": True,
        "path": "/users/ada",
        "method": "GET",
        "ip": "10.1.2.3",
        "ua": "pytest",
        "ref": "/from",
        "header": "x",
        "cookie": "cookie-value",
        "hostname": "example.com",
        "protocol": "http",
        "secure": False,
        "args": {"page": "2", "tag": "a"},
    }


def test_req_query_missing_item_is_400(app) -> None:
    @app.get("/q")
    def q(req, res):
        return res.send(req.query["needed"])

    assert app.test_client().get("/q").status_code == 400


def test_req_body_and_json(app) -> None:
    @app.post("/body")
    def body(req, res):
        b = req.body
        return res.json(body=b if isinstance(b, (dict, list)) else b.to_dict(), json=req.json)

    client = app.test_client()
    assert client.post("/body", json={"a": 1}).json == {"body": {"a": 1}, "json": {"a": 1}}
    assert client.post("/body", data={"f": "v"}).json == {"body": {"f": "v"}, "json": None}
    bad = client.post("/body", data="{not json", content_type="application/json")
    assert bad.status_code == 400


def test_req_accepts_and_repr(app) -> None:
    with app.test_request_context(
        "/p", headers={"Accept": "application/json"}, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    ):
        req = express.Request(flask.request._get_current_object())
        assert req.accepts("html", "json") == "json"
        assert req.accepts("png") is None
        assert repr(req) == "<express.Request GET '/p'>"
        assert req.ips == ["127.0.0.1"]
        assert req.request is flask.request._get_current_object()
    with app.test_request_context("/p"):
        req = express.Request(flask.request._get_current_object())
        assert req.accepts("html", "json") == "html"  # no Accept: the first
        assert req.accepts() is None
    with app.test_request_context("/p", headers={"Host": "[::1]:5000"}):
        assert express.Request(flask.request._get_current_object()).hostname == "[::1]"


def test_attr_view_behaves_like_its_mapping(app) -> None:
    with app.test_request_context("/?a=1&b=2&b=3"):
        query = express.Request(flask.request._get_current_object()).query
        assert query.a == "1"
        assert sorted(query) == ["a", "b"] and len(query) == 2
        assert query.getlist("b") == ["2", "3"]
        assert query == {"a": "1", "b": "2"}
        assert list(query.keys()) == ["a", "b"]
        assert query.to_dict() == {"a": "1", "b": "2"}
        assert "a" in repr(query)
        with pytest.raises(AttributeError):
            query._private  # noqa: B018
    with app.test_request_context("/"):
        flask.request.view_args = {"x": 1}
        params = express.Request(flask.request._get_current_object()).params
    assert params.getlist("x") == [1] and params.getlist("y") == []
    assert list(params.values()) == [1] and list(params.items()) == [("x", 1)]


# ----------------------------------------------------------------- listen


def test_listen_runs_the_app(app, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(app, "run", lambda **kw: calls.append(kw))
    ready = []
    app.listen(8123, "0.0.0.0", callback=lambda: ready.append(True), debug=False)
    app.listen()
    assert calls == [{"host": "0.0.0.0", "port": 8123, "debug": False}, {"host": "127.0.0.1", "port": 3000}]
    assert ready == [True]


def test_app_config_defaults(app) -> None:
    assert app.config["ATTACHMENTS_FOLDER"] == "attachments"
    assert app.config["EXPRESS_ETAG"] is True
    assert app.config["JSONP_CALLBACK_NAME"] == "callback"
