"""The example app under examples/: driven through the test client, and run for real."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from express_support import facade_for

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "express_app.py"


@pytest.fixture
def example(backend, monkeypatch):
    spec = importlib.util.spec_from_file_location("express_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "express_example", module)  # Flask finds root_path through it
    spec.loader.exec_module(module)
    module.app.express_response_class = facade_for(backend)
    module.app.response_class = backend.FlaskResponse
    module.app.config["TESTING"] = True
    return module


def test_example_pages(example) -> None:
    client = example.app.test_client()
    assert client.get("/?name=<you>").data == b"<h1>Hello &lt;you&gt;!</h1>"
    rv = client.get("/users")
    assert rv.json == [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Grace"}]
    assert rv.headers["Link"] == '</users>; rel="self", </users/1>; rel="first"'
    assert client.get("/users/1", headers={"Accept": "application/json"}).json == {"id": 1, "name": "Ada"}
    assert client.get("/users/2", headers={"Accept": "text/html"}).data == b"<p>Grace</p>"
    assert client.get("/users/2", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/users/9").status_code == 404
    assert client.get("/teapot").data == b"I'm a teapot"
    assert client.get("/status?callback=cb").data == b'/**/ typeof cb === \'function\' && cb({"ok":true,"users":2});'


def test_example_create_login_files(example) -> None:
    client = example.app.test_client()
    rv = client.post("/users", json={"name": " Linus "})
    assert rv.status_code == 201
    assert rv.headers["Location"] == "/users/3"
    assert rv.json == {"id": 3, "name": "Linus"}
    assert client.post("/users", json={"name": ""}).status_code == 400
    assert client.post("/users", data="x").status_code == 400
    rv = client.post("/login", data={"name": "ada"})
    assert (rv.status_code, rv.headers["Location"]) == (303, "/me")
    assert client.get("/me").json == {"user": "ada"}
    client.get("/logout")
    assert client.get("/me").json == {"user": None}
    rv = client.get("/files/hello.txt")
    assert rv.data == b"Hello from the attachments folder.\n"
    assert rv.headers["Content-Disposition"] == "attachment; filename=hello.txt"
    rv.close()
    assert client.get("/files/../express_app.py").status_code == 404
    assert client.get("/files/%2e%2e/express_app.py").status_code == 404


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_example_runs_with_listen(backend) -> None:
    """``python examples/express_app.py PORT`` serves real HTTP on this core."""
    port = _free_port()
    env = {**os.environ, "FASTRES_NO_EXTENSIONS": "1" if backend.name == "python" else "0"}
    proc = subprocess.Popen(
        [sys.executable, "-I", str(EXAMPLE), str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == f"listening on http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/users/1", timeout=2) as resp:
                    assert resp.status == 200
                    assert resp.headers["Content-Type"] == "application/json"
                    assert resp.read() == b'{"id":1,"name":"Ada"}'
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?name=x", timeout=2) as resp:
            assert resp.read() == b"<h1>Hello x!</h1>"
            assert resp.headers["ETag"].startswith('W/"')
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()


def test_readme_example(backend) -> None:
    """The snippet in README.md's "Express facade" section works as shown."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    section = readme.split("## Express facade", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace = {"__name__": "readme_example"}
    exec(compile(code, "README.md", "exec"), namespace)
    app = namespace["app"]
    app.express_response_class = facade_for(backend)
    app.response_class = backend.FlaskResponse
    client = app.test_client()
    rv = client.get("/users/1?name=Grace")
    assert (rv.json, rv.headers["X-Source"]) == ({"id": 1, "name": "Grace"}, "demo")
    assert client.get("/users/2").status_code == 404
    rv = client.post("/login", data={"name": "ada"})
    assert (rv.status_code, rv.headers["Location"]) == (303, "/me")
    assert client.get("/me").json == {"user": "ada"}
