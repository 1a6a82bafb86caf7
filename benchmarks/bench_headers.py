"""The core's ``Headers`` vs werkzeug's, as speed-up ratios (higher is better).

    python benchmarks/bench_headers.py [--loops N] [--repeat R] [--only NAME]

Two tables, both from one run, werkzeug and fastres interleaved, the best of
each kept (which keeps ratios steady on a busy machine):

* ``headers_methods``: each ``Headers`` method on a response's usual header
  set (5 headers), werkzeug's class against the live core's, timed as a
  ``timeit`` statement (no wrapper call around it).  A method that would grow
  or empty the list runs paired with the call that undoes it, and is named so.
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
import timeit
import typing as t

import flask
import werkzeug
from werkzeug.datastructures import Headers as WHeaders

import fastres
from fastres import core, wrappers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from scenarios import _serve  # noqa: E402

BASE = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", "42"),
    ("X-Request-Id", "4f2a9c"),
    ("Set-Cookie", "sid=1; Path=/"),
    ("Vary", "Accept-Encoding"),
]


def methods() -> dict[str, str]:
    """name -> statement on ``h``; each leaves the list as it found it (or only appended to it)."""
    return {
        "h[name]": "h['x-request-id']",
        "h[int]": "h[2]",
        "h[slice]": "h[1:3]",
        "get (present)": "h.get('Vary')",
        "get (absent, default)": "h.get('X-Missing', 'd')",
        "get (type=int)": "h.get('content-length', type=int)",
        "getlist": "h.getlist('set-cookie')",
        "get_all": "h.get_all('set-cookie')",
        "in (present)": "'vary' in h",
        "in (absent)": "'X-Frame-Options' in h",
        "list(items())": "list(h.items())",
        "list(items(lower=True))": "list(h.items(lower=True))",
        "list(keys())": "list(h.keys())",
        "list(values())": "list(h.values())",
        "list(h)": "list(h)",
        "len": "len(h)",
        "== werkzeug Headers": "h == other_w",
        "h[name] = v (replace)": "h['X-Request-Id'] = '4f2a9c'",
        "set (replace)": "h.set('Vary', 'Accept-Encoding')",
        "set (new) + remove": "h.set('X-Frame-Options', 'DENY'); h.remove('X-Frame-Options')",
        "add + popitem": "h.add('X-Extra', '1'); h.popitem()",
        "add_header + pop()": "h.add_header('X-Extra', '1'); h.pop()",
        "add (options) + pop(-1)": "h.add('Content-Disposition', 'attachment', filename='a.png'); h.pop(-1)",
        "h[int] = item": "h[2] = ('X-Request-Id', '4f2a9c')",
        "setdefault (present)": "h.setdefault('Vary', 'Cookie')",
        "setlist + remove": "h.setlist('X-L', ['1', '2']); h.remove('X-L')",
        "setlistdefault (present)": "h.setlistdefault('Vary', ['Cookie'])",
        "extend (2 pairs) + 2 popitem": "h.extend([('X-A', '1'), ('X-B', '2')]); h.popitem(); h.popitem()",
        "update (dict, 2 keys)": "h.update({'Vary': 'Accept-Encoding', 'X-Request-Id': '4f2a9c'})",
        "h |= dict": "h.__ior__({'Vary': 'Accept-Encoding'})",
        "del h[absent]": "del h['X-Powered-By']",
        "remove (absent)": "h.remove('Server')",
        "pop (absent, default)": "h.pop('Server', None)",
        "pop (present) + add": "h.pop('Vary'); h.add('Vary', 'Accept-Encoding')",
        "copy": "h.copy()",
        "copy.copy": "copy.copy(h)",
        "h | dict": "h | {'X-A': '1'}",
        "to_wsgi_list": "h.to_wsgi_list()",
        "str": "str(h)",
        "repr": "repr(h)",
        "pickle round trip": "pickle.loads(pickle.dumps(h))",
        "clear + extend": "h.clear(); h.extend(other_list)",
        "Headers(list)": "type(h)(other_list)",
    }


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


def _pair(theirs: timeit.Timer, ours: timeit.Timer, loops: int, repeat: int) -> tuple[float, float]:
    """Best time per loop of each, the two interleaved."""
    tb = ob = float("inf")
    for _ in range(repeat):
        tb = min(tb, theirs.timeit(loops) / loops)
        ob = min(ob, ours.timeit(loops) / loops)
    return tb, ob


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loops", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=41)
    parser.add_argument("--only", default=None, help="run the rows whose name contains this")
    args = parser.parse_args()
    print(
        f"Python {sys.version.split()[0]}; core: {core.backend}; werkzeug {importlib.metadata.version('werkzeug')};"
        f" best of {args.repeat} interleaved runs of {args.loops} loops"
    )
    print(f"\nheaders_methods: werkzeug.datastructures.Headers vs {core.impl.__name__}.Headers")
    print(f"{'method':46s} {'werkzeug':>9s} {'fastres':>9s} {'speed-up':>8s}")
    ratios = []
    for name, stmt in methods().items():
        if args.only and args.only not in name:
            continue
        theirs, ours = WHeaders(BASE), core.impl.Headers(BASE)
        namespace = {"copy": copy, "pickle": pickle, "other_w": WHeaders(BASE), "other_list": list(BASE)}
        tb, ob = _pair(
            timeit.Timer(stmt, globals={**namespace, "h": theirs}),
            timeit.Timer(stmt, globals={**namespace, "h": ours}),
            args.loops,
            args.repeat,
        )
        assert list(theirs) == list(ours), name
        ratios.append(tb / ob)
        print(f"{name:46s} {tb * 1e9:7.0f}ns {ob * 1e9:7.0f}ns {tb / ob:7.1f}x")
    if ratios:
        print(
            f"{'(lowest / median speed-up)':46s} {'':9s} {'':9s} {min(ratios):7.1f}x / {sorted(ratios)[len(ratios) // 2]:.1f}x"
        )
    print(f"\nresponses: werkzeug/Flask vs fastres ({core.backend} core)")
    print(f"{'scenario':56s} {'werkzeug':>9s} {'fastres':>9s} {'speed-up':>8s}")
    for name, (theirs_fn, ours_fn) in response_scenarios().items():
        if args.only and args.only not in name:
            continue
        tb, ob = _pair(timeit.Timer(theirs_fn), timeit.Timer(ours_fn), args.loops, args.repeat)
        print(f"{name:56s} {tb * 1e9:7.0f}ns {ob * 1e9:7.0f}ns {tb / ob:7.1f}x")


if __name__ == "__main__":
    main()
