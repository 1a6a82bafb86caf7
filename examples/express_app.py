"""A small app on the fastres Express facade.

    python examples/express_app.py [port]      # then open http://127.0.0.1:3000/

Views are written ``def view(req, res, **url_params)``; ``res`` methods chain.
"""

from __future__ import annotations

import os
import sys

from markupsafe import escape

from fastres.express import App

app = App(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev only: set SECRET_KEY in production")

USERS = {1: {"id": 1, "name": "Ada"}, 2: {"id": 2, "name": "Grace"}}


@app.get("/")
def index(req, res):
    return res.render("<h1>Hello {{ name }}!</h1>", name=req.query.name or "world")


@app.get("/users")
def list_users(req, res):
    return res.links({"self": "/users", "first": "/users/1"}).json(list(USERS.values()))


@app.get("/users/<int:user_id>")
def show_user(req, res, user_id):
    user = USERS.get(user_id)
    if user is None:
        return res.end(404)
    return res.format(
        {
            "json": lambda: res.json(user),
            "html": lambda: res.send(f"<p>{escape(user['name'])}</p>"),
        }
    )


@app.post("/users")
def create_user(req, res):
    name = (req.json or {}).get("name")
    if not isinstance(name, str) or not name.strip():
        return res.set_status(400).json(error="a JSON body with a non-empty 'name' is required")
    user = {"id": max(USERS) + 1, "name": name.strip()}
    USERS[user["id"]] = user
    return res.set_status(201).set_location(f"/users/{user['id']}").json(user)


@app.post("/login")
def login(req, res):
    name = req.body.get("name") or "guest"
    return res.cookie("user", name, signed=True, httponly=True, samesite="Lax").redirect("/me", 303)


@app.get("/me")
def me(req, res):
    return res.json(user=req.signed_cookie("user"))


@app.get("/logout")
def logout(req, res):
    return res.clear_cookie("user").redirect("/")


@app.get("/files/<path:name>")
def download(req, res, name):
    # Served from ./attachments beside this file; ../ and friends are a 404.
    return res.attachment(name)


@app.get("/status")
def status(req, res):
    # JSON, or JSONP with ?callback=fn
    return res.jsonp({"ok": True, "users": len(USERS)})


@app.get("/teapot")
def teapot(req, res):
    return res.sendStatus(418)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    app.listen(port, "127.0.0.1", callback=lambda: print(f"listening on http://127.0.0.1:{port}", flush=True))
