"""Express facade vs the same response built by hand, as a ratio (lower is better).

    python benchmarks/bench_express.py [--loops N] [--repeat R]

Each scenario builds one response with the facade (``fastres.express.Response``)
and the same response by hand (``fastres.Response`` plus the core's functions),
then runs it as a WSGI app and consumes the body, so both pay for everything
the client receives.  Facade and hand-built runs are interleaved and the best
of each is kept, which keeps the ratio steady on a busy machine.  A second
table runs both through a Flask app (``express.App`` view vs a plain view), the
cost users actually see.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import typing as t

import fastres
from fastres import core, express

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from scenarios import ENVIRON, SMALL_JSON  # noqa: E402

HTML = "<h1>Hello, world</h1>"
REDIRECT_BODY = "Found. Redirecting to /next"


class NoETag(express.Response):
    auto_etag = False


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: t.Any = None) -> None:
    pass


def _serve(resp: t.Any) -> None:
    app_iter = resp(ENVIRON, _start_response)
    for _ in app_iter:
        pass
    app_iter.close()


def scenarios() -> dict[str, tuple[t.Callable[[], t.Any], t.Callable[[], t.Any]]]:
    R, F, c = express.Response, fastres.Response, core.impl
    json_dumps, weak_etag = c.json_dumps, c.weak_etag

    def hand_html_etag() -> t.Any:
        body = HTML.encode()
        return F(body, headers=[("Content-Type", "text/html; charset=utf-8"), ("ETag", weak_etag(body))])

    def hand_json_etag() -> t.Any:
        body = json_dumps(SMALL_JSON)
        return F(body, headers=[("Content-Type", "application/json"), ("ETag", weak_etag(body))])

    def hand_chain() -> t.Any:
        resp = F("ok", 201, [("X-Request-Id", "abc")])
        resp.set_cookie("sid", "1", httponly=True)
        return resp

    return {
        "send html": (lambda: NoETag().send(HTML), lambda: F(HTML)),
        "send html + ETag": (lambda: R().send(HTML), hand_html_etag),
        "json": (lambda: NoETag().json(SMALL_JSON), lambda: F(json_dumps(SMALL_JSON), mimetype="application/json")),
        "json + ETag": (lambda: R().json(SMALL_JSON), hand_json_etag),
        "status+cookie+header+send": (
            lambda: (
                NoETag().set_status(201).set("X-Request-Id", "abc").set_cookie("sid", "1", httponly=True).send("ok")
            ),
            hand_chain,
        ),
        "redirect": (
            lambda: R().redirect("/next"),
            lambda: F(REDIRECT_BODY, 302, [("Location", "/next"), ("Vary", "Accept")], mimetype="text/plain"),
        ),
    }


def _app_scenarios() -> dict[str, tuple[t.Callable[[], t.Any], t.Callable[[], t.Any]]]:
    import flask

    app = express.App(__name__)

    @app.get("/x-html")
    def x_html(req, res):
        return res.send(HTML)

    @app.get("/x-json")
    def x_json(req, res):
        return res.json(SMALL_JSON)

    plain = flask.Flask(__name__)
    plain.response_class = fastres.Response
    c = core.impl

    @plain.get("/x-html")
    def p_html():
        body = HTML.encode()
        return fastres.Response(body, headers=[("ETag", c.weak_etag(body))])

    @plain.get("/x-json")
    def p_json():
        body = c.json_dumps(SMALL_JSON)
        return fastres.Response(body, mimetype="application/json", headers=[("ETag", c.weak_etag(body))])

    def call(flask_app: t.Any, path: str) -> t.Callable[[], None]:
        environ = {**ENVIRON, "PATH_INFO": path}

        def run() -> None:
            app_iter = flask_app(dict(environ), _start_response)
            for _ in app_iter:
                pass
            app_iter.close()

        return run

    return {
        "App: send html + ETag": (call(app, "/x-html"), call(plain, "/x-html")),
        "App: json + ETag": (call(app, "/x-json"), call(plain, "/x-json")),
    }


def _best(fn: t.Callable[[], t.Any], loops: int, serve: bool) -> float:
    perf_counter = time.perf_counter
    t0 = perf_counter()
    if serve:
        for _ in range(loops):
            _serve(fn())
    else:
        for _ in range(loops):
            fn()
    return (perf_counter() - t0) / loops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loops", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"core: {core.backend}; best of {args.repeat} interleaved runs of {args.loops} loops")
    print(f"{'scenario':34s} {'facade':>9s} {'by hand':>9s} {'ratio':>6s}")
    for table, serve in ((scenarios(), True), (_app_scenarios(), False)):
        for name, (facade, hand) in table.items():
            fb = hb = float("inf")
            for _ in range(args.repeat):
                fb = min(fb, _best(facade, args.loops, serve))
                hb = min(hb, _best(hand, args.loops, serve))
            print(f"{name:34s} {fb * 1e9:7.0f}ns {hb * 1e9:7.0f}ns {fb / hb:6.2f}")


if __name__ == "__main__":
    main()
