"""The conformance tooling itself (tests/peer): offline checks that run with ``make test``.

``make conformance`` runs the peers' suites; these tests make sure the plugin
really swaps fastres in (so a conformance run cannot silently test werkzeug)
and that the deselect file stays well-formed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PEER = Path(__file__).resolve().parent / "peer"

PROBE = """
import flask
import werkzeug
import werkzeug.exceptions
import werkzeug.test
import werkzeug.utils
import werkzeug.wrappers
from werkzeug.wrappers import Response

import fastres
import fastres.wrappers

SCOPE = {scope!r}


def app(environ, start_response):
    return Response("hi")(environ, start_response)


def test_werkzeug_builds_fastres():
    swapped = SCOPE == "global"
    assert (Response is fastres.wrappers.Response) is swapped
    assert (werkzeug.Response is fastres.wrappers.Response) is swapped
    rv = werkzeug.test.Client(app).get("/")
    assert rv.text == "hi"
    assert isinstance(rv, werkzeug.test.TestResponse)
    assert isinstance(rv, fastres.wrappers.Response) is swapped
    assert isinstance(werkzeug.utils.redirect("/x"), fastres.wrappers.Response) is swapped
    error = werkzeug.exceptions.NotFound().get_response()
    assert isinstance(error, fastres.wrappers.Response) is swapped


def test_flask_builds_fastres():
    app = flask.Flask(__name__)
    app.add_url_rule("/", "index", lambda: "hello")
    assert app.response_class is fastres.Response
    assert (flask.Response is fastres.Response) is (SCOPE == "global")
    rv = app.test_client().get("/")
    assert rv.data == b"hello"
    assert isinstance(rv, fastres.Response)
    assert isinstance(app.test_client().get("/missing"), fastres.Response)


class Sub(flask.Flask):
    def __init__(self, name):
        super().__init__(name)
        self.json_provider_class = flask.json.provider.DefaultJSONProvider  # set up after super()
        self.ready = True


def test_init_app_adopts_each_app_once_complete():
    import fastres.json

    adopted = isinstance(Sub(__name__).json, fastres.json.OrjsonProvider)
    assert adopted is (SCOPE == "init_app")
    assert Sub(__name__).ready
    assert isinstance(flask.Flask(__name__).json, fastres.json.OrjsonProvider) is adopted

    class Later(Sub):  # defined after the plugin ran
        def __init__(self, name):
            super().__init__(name)
            self.response_class = flask.Response

    # init_app refuses a custom response class: adopted at the end, it sees none.
    assert Later(__name__).response_class is (fastres.Response if adopted else flask.Response)
"""


@pytest.mark.parametrize("scope", ["global", "app", "init_app"])
def test_plugin_swaps_fastres_in(tmp_path: Path, scope: str) -> None:
    (tmp_path / "test_probe.py").write_text(textwrap.dedent(PROBE.format(scope=scope)))
    results = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(PYTHONPATH=str(PEER), FASTRES_PEER_SCOPE=scope, FASTRES_PEER_RESULTS=str(results))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "fastres_peer", "test_probe.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "fastres instances created=" in proc.stdout
    data = json.loads(results.read_text())
    assert data["scope"] == scope
    assert data["outcomes"] == {
        "test_probe.py::test_werkzeug_builds_fastres": "passed",
        "test_probe.py::test_flask_builds_fastres": "passed",
        "test_probe.py::test_init_app_adopts_each_app_once_complete": "passed",
    }
    assert data["created"] >= (6 if scope == "global" else 3)
    assert data["converted"] >= 1  # Flask's 404 is werkzeug's, converted (app scope)
    # init_app: the probe's Flask() apps and Sub / Later, each adopted once.
    assert data["adopted"] == (5 if scope == "init_app" else 0)


def test_plugin_deselects_tests_that_need_a_fixture(tmp_path: Path) -> None:
    (tmp_path / "test_services.py").write_text(
        textwrap.dedent("""
        import pytest

        @pytest.fixture
        def redis_server():
            raise RuntimeError("no redis here")

        @pytest.fixture
        def client(redis_server):
            return redis_server

        def test_direct(redis_server):
            pass

        def test_indirect(client):
            pass

        def test_plain():
            pass
    """)
    )
    results = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(
        PYTHONPATH=str(PEER),
        FASTRES_PEER_SCOPE="off",
        FASTRES_PEER_RESULTS=str(results),
        FASTRES_PEER_DESELECT_FIXTURES="redis_server",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "fastres_peer"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 deselected" in proc.stdout
    assert json.loads(results.read_text())["outcomes"] == {"test_services.py::test_plain": "passed"}


def test_plugin_refuses_the_wrong_backend(tmp_path: Path) -> None:
    (tmp_path / "test_nothing.py").write_text("def test_nothing():\n    pass\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(PYTHONPATH=str(PEER), FASTRES_PEER_SCOPE="app", FASTRES_PEER_BACKEND="nope")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "fastres_peer"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert "expects 'nope'" in proc.stdout + proc.stderr


def test_deselect_file_gives_a_reason_for_each_entry() -> None:
    spec = importlib.util.spec_from_file_location("fastres_peer_run", PEER / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    entries = run.read_deselect()
    assert set(entries) == set(run.SUITES)
    for suite, items in entries.items():
        for nodeid, reason in items:
            assert nodeid.startswith(("tests/", "fixture:")), nodeid
            assert len(reason) > 20, (suite, nodeid)


def test_child_process_patches_itself(tmp_path: Path) -> None:
    """What the .pth that run.py installs does in a dev-server child of a global run."""
    code = textwrap.dedent(f"""
        import sys
        sys.path.append({str(PEER)!r})
        __import__("fastres_peer").autopatch()
        import fastres.wrappers, werkzeug.wrappers
        assert werkzeug.wrappers.Response is fastres.wrappers.Response
        werkzeug.wrappers.Response("hi")
    """)
    results = tmp_path / "results.json"
    env = {**os.environ, "FASTRES_PEER_CHILD_SCOPE": "global", "FASTRES_PEER_RESULTS": str(results)}
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True)
    assert Path(f"{results}.children").read_text().split() != []
