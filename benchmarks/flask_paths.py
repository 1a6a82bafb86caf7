"""Flask's own steps around a response: ``make_response`` conversions and ``process_response``.

    python benchmarks/flask_paths.py [--repeat 7] [--number 5000]

Inside a request context of a stock app and of the same app after
``fastres.init_app``, times ``app.make_response(rv)`` for each return type a
view may give (str, bytes, dict, list, tuple ``(body, status, headers)``, a
generator, a response), ``app.process_response`` with an ``after_request``
hook adding three CORS-style headers, and a whole request through
``app.wsgi_app`` for scale.  Best of ``--repeat`` timeit runs, the
implementations interleaved; prints times and the stock/fastres ratio.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import sys
import timeit
import typing as t

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import app_scenarios  # noqa: E402
import scenarios  # noqa: E402

IMPLS = ("werkzeug", "fastres")


def steps(impl_name: str) -> dict[str, t.Callable[[], t.Any]]:
    impl = scenarios.implementation(impl_name)
    app = app_scenarios.make_app(impl)
    app.add_url_rule("/", "view", app_scenarios.plain_text)
    app.after_request(app_scenarios.cors_hook)
    ctx = app.test_request_context("/")
    ctx.push()
    R = app.response_class
    data = app_scenarios.SMALL_JSON
    ready = R("ok")
    wsgi = app.wsgi_app
    environ = app_scenarios.ENVIRON

    def whole_request() -> bytes:
        it = wsgi(dict(environ), app_scenarios._start_response)
        body = b"".join(it)
        it.close()
        return body

    return {
        "Response('ok') alone": lambda: R("ok"),
        "make_response(str)": lambda: app.make_response("ok"),
        "make_response(bytes)": lambda: app.make_response(b"ok"),
        "make_response(dict)": lambda: app.make_response(data),
        "make_response(list)": lambda: app.make_response([1, 2, 3]),
        "make_response((str, 201, headers))": lambda: app.make_response(("ok", 201, {"X-A": "1", "X-B": "2"})),
        "make_response(generator)": lambda: app.make_response(iter(("a", "b"))),
        "make_response(response)": lambda: app.make_response(ready),
        "process_response (3 CORS headers)": lambda: app.process_response(R("ok")),
        "whole request (text view + CORS hook)": whole_request,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=5000)
    args = parser.parse_args()
    funcs = {impl: steps(impl) for impl in IMPLS}
    best: dict[str, dict[str, float]] = {impl: {} for impl in IMPLS}
    for _ in range(args.repeat):
        for impl in IMPLS:
            for name, func in funcs[impl].items():
                elapsed = timeit.timeit(func, number=args.number) / args.number
                best[impl][name] = min(best[impl].get(name, elapsed), elapsed)
    print("| step | stock Flask | fastres.init_app | × |\n|---|---|---|---|")
    for name in funcs["werkzeug"]:
        stock, fast = best["werkzeug"][name], best["fastres"][name]
        print(f"| {name} | {stock * 1e6:.2f} µs | {fast * 1e6:.2f} µs | {stock / fast:.1f}× |")
    print(f"\nFlask {importlib.metadata.version('flask')}, best of {args.repeat} × {args.number}")


if __name__ == "__main__":
    main()
