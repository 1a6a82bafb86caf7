"""The core's ``Headers`` vs werkzeug's, as speed-up ratios (higher is better).

    python benchmarks/bench_headers.py [--loops N] [--repeat R] [--only NAME]

Two tables, both from one run, werkzeug and fastres interleaved, the best of
each kept (which keeps ratios steady on a busy machine):

* ``headers_methods``: each ``Headers`` method on a response's usual header
  set (5 headers), werkzeug's class against the live core's.  A method that
  would grow or empty the list runs paired with the call that undoes it, and
  is named so.
* responses as an ``after_request`` hook edits them: build, write headers
  through ``resp.headers``, set cookies, serve (WSGI call, body consumed).
"""

from __future__ import annotations

import argparse
import copy
import importlib.metadata
import os
import pickle
import sys
import time
import typing as t
from functools import partial

import flask
import werkzeug
from werkzeug.datastructures import Headers as WHeaders

import fastres
from fastres import core, wrappers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from scenarios import ENVIRON  # noqa: E402

BASE = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", "42"),
    ("X-Request-Id", "4f2a9c"),
    ("Set-Cookie", "sid=1; Path=/"),
    ("Vary", "Accept-Encoding"),
]

Op = t.Callable[[t.Any], t.Any]


def methods() -> dict[str, Op]:
    """name -> op(headers); each leaves the list as it found it (or only appended to it)."""
    other_w, other_list = WHeaders(BASE), list(BASE)
    return {
        "h[name]": lambda h: h["x-request-id"],
        "h[int]": lambda h: h[2],
        "h[slice]": lambda h: h[1:3],
        "get (present)": lambda h: h.get("Vary"),
        "get (absent, default)": lambda h: h.get("X-Missing", "d"),
        "get (type=int)": lambda h: h.get("content-length", type=int),
        "getlist": lambda h: h.getlist("set-cookie"),
        "get_all": lambda h: h.get_all("set-cookie"),
        "in (present)": lambda h: "vary" in h,
        "in (absent)": lambda h: "X-Frame-Options" in h,
        "list(items())": lambda h: list(h.items()),
        "list(items(lower=True))": lambda h: list(h.items(lower=True)),
        "list(keys())": lambda h: list(h.keys()),
        "list(values())": lambda h: list(h.values()),
        "list(iter(h))": lambda h: list(h),
        "len": len,
        "== werkzeug Headers": lambda h: h == other_w,
        "h[name] = v (replace)": lambda h: h.__setitem__("X-Request-Id", "4f2a9c"),
        "set (replace)": lambda h: h.set("Vary", "Accept-Encoding"),
        "set (new) + remove": lambda h: (h.set("X-Frame-Options", "DENY"), h.remove("X-Frame-Options")),
        "add + popitem": lambda h: (h.add("X-Extra", "1"), h.popitem()),
        "add_header + pop()": lambda h: (h.add_header("X-Extra", "1"), h.pop()),
        "add (options) + pop(-1)": lambda h: (h.add("Content-Disposition", "attachment", filename="a.png"), h.pop(-1)),
        "h[int] = item": lambda h: h.__setitem__(2, ("X-Request-Id", "4f2a9c")),
        "setdefault (present)": lambda h: h.setdefault("Vary", "Cookie"),
        "setlist + remove": lambda h: (h.setlist("X-L", ["1", "2"]), h.remove("X-L")),
        "setlistdefault (present)": lambda h: h.setlistdefault("Vary", ["Cookie"]),
        "extend (2 pairs) + 2 popitem": lambda h: (h.extend([("X-A", "1"), ("X-B", "2")]), h.popitem(), h.popitem()),
        "update (dict, 2 keys)": lambda h: h.update({"Vary": "Accept-Encoding", "X-Request-Id": "4f2a9c"}),
        "h |= dict": lambda h: h.__ior__({"Vary": "Accept-Encoding"}),
        "del h[absent]": lambda h: h.__delitem__("X-Powered-By"),
        "remove (absent)": lambda h: h.remove("Server"),
        "pop (absent, default)": lambda h: h.pop("Server", None),
        "pop (present) + add": lambda h: (h.pop("Vary"), h.add("Vary", "Accept-Encoding")),
        "copy": lambda h: h.copy(),
        "copy.copy": copy.copy,
        "h | dict": lambda h: h | {"X-A": "1"},
        "to_wsgi_list": lambda h: h.to_wsgi_list(),
        "str": str,
        "repr": repr,
        "pickle round trip": lambda h: pickle.loads(pickle.dumps(h)),
        "clear + extend": lambda h: (h.clear(), h.extend(other_list)),
        "Headers(list)": lambda h: type(h)(other_list),
    }


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: t.Any = None) -> None:
    pass


def _serve(resp: t.Any) -> None:
    app_iter = resp(ENVIRON, _start_response)
    for _ in app_iter:
        pass
    app_iter.close()


def response_scenarios() -> dict[str, tuple[t.Callable[[], t.Any], t.Callable[[], t.Any]]]:
    """name -> (werkzeug/Flask version, fastres version), each built and served."""

    def hooked(cls: type) -> t.Callable[[], t.Any]:
        def run() -> None:
            resp = cls("hello")
            resp.headers["X-Request-Id"] = "4f2a9c"
            resp.headers["Cache-Control"] = "no-store"
            resp.set_cookie("sid", "1", httponly=True)
            resp.set_cookie("theme", "dark")
            _serve(resp)

        return run

    def cors(cls: type) -> t.Callable[[], t.Any]:
        def run() -> None:
            resp = cls('{"ok": true}', mimetype="application/json")
            h = resp.headers
            h.set("Access-Control-Allow-Origin", "*")
            h.add("Vary", "Origin")
            if "Access-Control-Allow-Credentials" not in h:
                h["X-Content-Type-Options"] = "nosniff"
            h.setdefault("Cache-Control", "no-cache")
            _serve(resp)

        return run

    def first_read(cls: type) -> t.Callable[[], t.Any]:
        return lambda: cls("hello").headers

    return {
        "build + 2 header sets + 2 set_cookie + serve": (hooked(werkzeug.Response), hooked(wrappers.Response)),
        "same, Flask flavour": (hooked(flask.Response), hooked(fastres.Response)),
        "CORS-style hook: set/add/in/setitem/setdefault + serve": (cors(werkzeug.Response), cors(wrappers.Response)),
        "build + first resp.headers read": (first_read(werkzeug.Response), first_read(wrappers.Response)),
    }


def _per_call(fn: t.Callable[[], t.Any], loops: int) -> float:
    perf_counter = time.perf_counter
    t0 = perf_counter()
    for _ in range(loops):
        fn()
    return (perf_counter() - t0) / loops


def _pair(theirs: t.Callable[[], t.Any], ours: t.Callable[[], t.Any], loops: int, repeat: int) -> tuple[float, float]:
    tb = ob = float("inf")
    for _ in range(repeat):
        tb = min(tb, _per_call(theirs, loops))
        ob = min(ob, _per_call(ours, loops))
    return tb, ob


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loops", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--only", default=None, help="run the rows whose name contains this")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}; core: {core.backend}; werkzeug {importlib.metadata.version('werkzeug')};"
          f" best of {args.repeat} interleaved runs of {args.loops} loops")
    print(f"\nheaders_methods: werkzeug.datastructures.Headers vs {core.impl.__name__}.Headers")
    print(f"{'method':46s} {'werkzeug':>9s} {'fastres':>9s} {'speed-up':>8s}")
    ratios = []
    for name, op in methods().items():
        if args.only and args.only not in name:
            continue
        theirs, ours = WHeaders(BASE), core.impl.Headers(BASE)
        tb, ob = _pair(partial(op, theirs), partial(op, ours), args.loops, args.repeat)
        assert list(theirs) == list(ours), name
        ratios.append(tb / ob)
        print(f"{name:46s} {tb * 1e9:7.0f}ns {ob * 1e9:7.0f}ns {tb / ob:7.1f}x")
    if ratios:
        print(f"{'(lowest / median speed-up)':46s} {'':9s} {'':9s} {min(ratios):7.1f}x / {sorted(ratios)[len(ratios) // 2]:.1f}x")
    print(f"\nresponses: werkzeug/Flask vs fastres ({core.backend} core)")
    print(f"{'scenario':56s} {'werkzeug':>9s} {'fastres':>9s} {'speed-up':>8s}")
    for name, (theirs_fn, ours_fn) in response_scenarios().items():
        if args.only and args.only not in name:
            continue
        tb, ob = _pair(theirs_fn, ours_fn, args.loops, args.repeat)
        print(f"{name:56s} {tb * 1e9:7.0f}ns {ob * 1e9:7.0f}ns {tb / ob:7.1f}x")


if __name__ == "__main__":
    main()
