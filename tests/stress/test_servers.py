"""Real WSGI servers under load, serving ``loadapp`` with fastres and with werkzeug.

Each server is started on 127.0.0.1 on a free port, loaded by the checking
client in :mod:`loadgen` and stopped, once with ``fastres.Response`` and once
with ``flask.Response`` (werkzeug's machinery) on the same routes.  Every
reply is compared with the same route answered in-process by the werkzeug
app: status, the headers the app sets, Content-Length and the body bytes.

``STRESS_REQUESTS`` (default 20000) and ``STRESS_CONCURRENCY`` (default 32)
size the run; ``STRESS_SERVERS`` (comma-separated) picks the servers.

The checking client is Python and shares the two cores with the server, so
its req/s is bounded by the client; when ``wrk`` is installed, each server and
Response class also gets a ``STRESS_WRK_SECONDS`` (default 5) wrk run over the
same routes for a throughput figure (non-2xx replies fail the test).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

import fastres

import loadapp
from loadgen import REPORT, LoadResult, ProtocolError, Reply, Server, fetch_once, run_load

pytestmark = pytest.mark.stress

SERVERS = ("gunicorn-sync", "gunicorn-gthread", "waitress", "granian")
SELECTED = [s for s in os.environ.get("STRESS_SERVERS", ",".join(SERVERS)).split(",") if s]
TOTAL = int(os.environ.get("STRESS_REQUESTS", "20000"))
CONCURRENCY = int(os.environ.get("STRESS_CONCURRENCY", "32"))
WARMUP = 1000
TIME_LIMIT = float(os.environ.get("STRESS_TIME_LIMIT", "300"))
#: wrk (Debian's package), when installed, measures throughput on top of the checked run.
WRK = shutil.which("wrk")
WRK_SECONDS = int(os.environ.get("STRESS_WRK_SECONDS", "5"))

#: Headers the app sets, compared with the oracle's (all values, in order).
APP_HEADERS = ("content-type", "set-cookie", "etag", "last-modified", "cache-control", "content-disposition", "x-a")


def _oracle() -> dict[str, tuple[int, dict[str, list[str]], bytes]]:
    client = loadapp.create_app("werkzeug").test_client()
    expected = {}
    for path in loadapp.ROUTES:
        resp = client.get(path)
        headers = {name: resp.headers.getlist(name) for name in (*APP_HEADERS, "content-length")}
        expected[path] = (resp.status_code, headers, resp.get_data())
    assert expected["/stream"][2] == b"".join(loadapp.STREAM_CHUNKS)
    assert expected["/file"][2] == loadapp.FILE_BYTES
    return expected


EXPECTED = _oracle()


def check(path: str, reply: Reply) -> str | None:
    status, headers, body = EXPECTED[path]
    if reply.status != status:
        return f"status {reply.status} != {status}"
    for name in APP_HEADERS:
        got = reply.get_all(name)
        if got != headers[name]:
            return f"{name}: {got!r} != {headers[name]!r}"
    if headers["content-length"] and reply.get_all("content-length") != headers["content-length"]:
        return f"content-length {reply.get_all('content-length')} != {headers['content-length']}"
    if reply.body != body:
        return f"body differs ({len(reply.body)} bytes, expected {len(body)})"
    return None


@pytest.mark.parametrize("server", SELECTED)
def test_server_under_load(server: str, tmp_path) -> None:
    assert fastres.backend == "cython" or os.environ.get("FASTRES_NO_EXTENSIONS")
    results: dict[str, LoadResult] = {}
    refused: dict[str, dict[str, Reply | str]] = {}
    wrk: dict[str, dict[str, float]] = {}
    for kind in ("fastres", "werkzeug"):
        with Server(server, kind, str(tmp_path / f"{server}-{kind}.log")) as srv:
            served_by = fetch_once("127.0.0.1", srv.port, "/backend").body.decode()
            assert served_by == f"{kind} {fastres.backend}", served_by
            warm = run_load("127.0.0.1", srv.port, loadapp.ROUTES, check, WARMUP, CONCURRENCY, TIME_LIMIT)
            assert (warm.errors, warm.mismatches) == (0, 0), warm.samples
            result = run_load("127.0.0.1", srv.port, loadapp.ROUTES, check, TOTAL, CONCURRENCY, TIME_LIMIT)
            results[kind] = result
            refused[kind] = {path: _probe(srv.port, path) for path in loadapp.REFUSED}
            if WRK:
                wrk[kind] = run_wrk(srv.port, tmp_path)
        log = (tmp_path / f"{server}-{kind}.log").read_text(errors="replace")
        assert "Segmentation fault" not in log and "Fatal Python error" not in log, log[-2000:]
    fr, wz = results["fastres"], results["werkzeug"]
    REPORT.append(
        f"{server:17s} sent {fr.sent} + {wz.sent} (c={CONCURRENCY}) | fastres {fr.rps:7.0f} req/s,"
        f" errors {fr.errors}, mismatches {fr.mismatches} | werkzeug {wz.rps:7.0f} req/s,"
        f" errors {wz.errors}, mismatches {wz.mismatches} | ratio {fr.rps / wz.rps:.2f}"
    )
    if wrk:
        fw, ww = wrk["fastres"], wrk["werkzeug"]
        REPORT.append(
            f"{'':17s} wrk {WRK_SECONDS}s c={CONCURRENCY}: fastres {fw['rps']:7.0f} req/s"
            f" ({fw['requests']:.0f} requests, {fw['non2xx']:.0f} non-2xx, {fw['socket_errors']:.0f} socket errors)"
            f" | werkzeug {ww['rps']:7.0f} req/s ({ww['requests']:.0f} requests, {ww['non2xx']:.0f} non-2xx,"
            f" {ww['socket_errors']:.0f} socket errors) | ratio {fw['rps'] / ww['rps']:.2f}"
        )
    express_routes = [p for p in loadapp.ROUTES if p.startswith("/express/")]
    REPORT.append(
        f"{'':17s} fastres Express routes: "
        + ", ".join(f"{p} {fr.per_route.get(p, 0)} ok / {fr.failed_route.get(p, 0)} failed" for p in express_routes)
    )
    for kind in ("fastres", "werkzeug"):
        REPORT.append(
            f"{'':17s} {kind} refused routes: "
            + ", ".join(f"{p.rsplit('/', 1)[1]}={_describe(r)}" for p, r in refused[kind].items())
        )
    for kind, result in results.items():
        assert result.sent == TOTAL, (kind, result.sent)
        assert (result.errors, result.mismatches) == (0, 0), (kind, result.samples)
        assert result.ok == TOTAL
        assert set(result.per_route) == set(loadapp.ROUTES)
    for path, reply in refused["fastres"].items():
        assert isinstance(reply, Reply), (path, reply)
        assert reply.status == 500, (path, reply)
        assert reply.get("injected") is None, (path, reply.headers)
    for kind, figures in wrk.items():
        assert figures["non2xx"] == 0, (kind, figures)


def _probe(port: int, path: str) -> Reply | str:
    """One request to a refused route; werkzeug's answer may not even parse."""
    try:
        return fetch_once("127.0.0.1", port, path)
    except ProtocolError as exc:
        return f"malformed ({exc})"


def _describe(reply: Reply | str) -> str:
    if isinstance(reply, str):
        return reply
    return f"{reply.status}{' +Injected header' if reply.get('injected') else ''}"


def run_wrk(port: int, tmp_path) -> dict[str, float]:
    """Throughput from wrk over the same routes (the checked run above is client-bound)."""
    script = tmp_path / "routes.lua"
    paths = ", ".join(f'"{p}"' for p in loadapp.ROUTES)
    script.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n"
    )
    out = subprocess.run(
        [WRK, "-t2", f"-c{CONCURRENCY}", f"-d{WRK_SECONDS}s", "-s", str(script), f"http://127.0.0.1:{port}/"],
        capture_output=True,
        text=True,
        timeout=WRK_SECONDS + 60,
        check=True,
    ).stdout
    figures = {"rps": 0.0, "requests": 0.0, "non2xx": 0.0, "socket_errors": 0.0}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        figures["rps"] = float(m.group(1))
    if m := re.search(r"(\d+) requests in", out):
        figures["requests"] = float(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        figures["non2xx"] = float(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        figures["socket_errors"] = float(sum(int(g) for g in m.groups()))
    return figures
