"""The small Flask JSON API that ``make bench-server`` serves (``serverapp:app``).

``FASTRES_STRESS_RESPONSE`` picks the flavour: ``werkzeug`` is stock Flask,
``fastres`` the same app after ``fastres.init_app(app)``.  Nothing else
differs.  :data:`ROUTES` maps a short name to the path the load generator
requests.
"""

from __future__ import annotations

import os
import typing as t

import flask

import fastres

ITEMS = [
    {
        "id": i,
        "name": f"item {i}",
        "sku": f"SKU-{i:05d}",
        "price": round(9.99 + i * 1.25, 2),
        "in_stock": i % 3 != 0,
        "tags": ["catalog", f"group-{i % 5}"],
    }
    for i in range(1, 51)
]
BY_ID = {item["id"]: item for item in ITEMS}
CORS = (
    ("Access-Control-Allow-Origin", "https://app.example.com"),
    ("Access-Control-Allow-Credentials", "true"),
    ("Vary", "Origin"),
)

#: name -> path, in the order the tables list them; "mix" cycles through all.
ROUTES = {
    "list_json": "/api/items",
    "item_dict": "/api/items/7",
    "login_cookie": "/api/login",
    "not_found": "/api/items/999",
    "export_csv": "/api/export.csv",
}


def create_app(kind: str | None = None, response_class: type[fastres.Response] | None = None) -> flask.Flask:
    """The API, stock (``werkzeug``) or adopted (``fastres``; *response_class*
    replaces ``fastres.Response``, as the tests do to pick a core)."""
    kind = kind or os.environ.get("FASTRES_STRESS_RESPONSE", "fastres")
    app = flask.Flask(__name__)
    if kind == "fastres":
        fastres.init_app(app, response_class=response_class or True)
    elif kind != "werkzeug":
        raise ValueError(f"FASTRES_STRESS_RESPONSE must be 'fastres' or 'werkzeug', not {kind!r}")

    @app.after_request
    def cors(resp: flask.Response) -> flask.Response:
        for name, value in CORS:
            resp.headers[name] = value
        return resp

    @app.get("/api/items")
    def list_items() -> flask.Response:
        return flask.jsonify(ITEMS)

    @app.get("/api/items/<int:item_id>")
    def get_item(item_id: int) -> dict[str, t.Any]:
        item = BY_ID.get(item_id)
        if item is None:
            flask.abort(404)
        return item

    @app.get("/api/login")
    def login() -> flask.Response:
        resp = flask.make_response({"ok": True, "user": "ada"})
        resp.set_cookie("session", "s3cr3t-session-token", max_age=3600, httponly=True, secure=True, samesite="Lax")
        return resp

    @app.get("/api/export.csv")
    def export_csv() -> flask.Response:
        def rows() -> t.Iterator[str]:
            yield "id,name,sku,price\n"
            for item in ITEMS:
                yield f"{item['id']},{item['name']},{item['sku']},{item['price']}\n"

        return app.response_class(rows(), mimetype="text/csv")

    return app


app = create_app()
