"""The benchmarks measure equal work: each app-style scenario and each route
of the server benchmark's API answers the same with fastres as with stock
Flask, on both cores."""

from __future__ import annotations

import json
import os
import re
import sys
import typing as t

import flask
import pytest

import fastres

BENCHMARKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "benchmarks")
sys.path.insert(0, BENCHMARKS)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "stress"))

import app_scenarios  # noqa: E402
import scenarios  # noqa: E402
import server  # noqa: E402
import serverapp  # noqa: E402


def _impl_name(backend: t.Any) -> str:
    return "fastres" if backend.name == "cython" else "fastres-pure"


def _wsgi(app: flask.Flask) -> tuple[str, list[tuple[str, str]], bytes]:
    seen: list[t.Any] = []
    app_iter = app.wsgi_app(
        dict(app_scenarios.ENVIRON), lambda status, headers, exc_info=None: seen.extend((status, headers))
    )
    body = b"".join(app_iter)
    getattr(app_iter, "close", lambda: None)()
    return seen[0], list(seen[1]), body


@pytest.mark.parametrize("name", list(app_scenarios.VIEWS))
def test_app_scenario_same_response(backend: t.Any, name: str) -> None:
    stock = _wsgi(app_scenarios.app_for(name, scenarios.implementation("werkzeug")))
    fast_app = app_scenarios.app_for(name, scenarios.implementation(_impl_name(backend)))
    assert issubclass(fast_app.response_class, fastres.Response)
    assert fast_app.json._core is backend.core  # type: ignore[attr-defined]
    assert _wsgi(fast_app) == stock


def test_headers_methods_same_headers(backend: t.Any) -> None:
    stock, fast = flask.Response("ok"), backend.FlaskResponse("ok")
    assert app_scenarios.edit_headers(fast) == app_scenarios.edit_headers(stock)
    assert list(fast.headers.items()) == list(stock.headers.items())


def test_every_scenario_runs(backend: t.Any) -> None:
    for name in scenarios.SCENARIOS:
        work = scenarios.build(name, _impl_name(backend))
        if work is not None:
            work()


def _timeless(cookies: list[str]) -> list[str]:
    """Set-Cookie values with Expires dates (from max_age: the clock's second) as ``<date>``."""
    return [re.sub(r"Expires=[^;]*", "Expires=<date>", cookie) for cookie in cookies]


@pytest.mark.parametrize("path", list(serverapp.ROUTES.values()))
def test_server_api_same_answers(backend: t.Any, path: str) -> None:
    stock = serverapp.create_app("werkzeug").test_client().get(path)
    fast = serverapp.create_app("fastres", backend.FlaskResponse).test_client().get(path)
    assert fast.status == stock.status
    assert _timeless(fast.headers.getlist("Set-Cookie")) == _timeless(stock.headers.getlist("Set-Cookie"))
    for name, value in serverapp.CORS:
        assert fast.headers[name] == stock.headers[name] == value
    if stock.mimetype == "application/json":
        assert json.loads(fast.data) == json.loads(stock.data)
    else:
        assert fast.data == stock.data


WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8000/api/items
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.20ms  310.00us   9.80ms   91.00%
    Req/Sec     6.50k   400.00     7.00k    80.00%
  Latency Distribution
     50%  1.12ms
     75%  1.30ms
     90%  1.50ms
     99%  850.50us
  13000 requests in 2.00s, 40.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 13000
Requests/sec:   6500.25
Transfer/sec:     20.00MB
"""


def test_parse_wrk() -> None:
    got = server.parse_wrk(WRK_OUTPUT)
    assert got["rps"] == 6500.25
    assert got["p50"] == pytest.approx(1.12e-3)
    assert got["p99"] == pytest.approx(850.5e-6)
    assert got["requests"] == 13000
    assert got["socket_errors"] == 3
