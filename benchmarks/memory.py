"""Bytes allocated per response, measured with tracemalloc.

Two figures per scenario and implementation:

- *held*: what one built response keeps alive (traced memory after building
  it, minus before): the per-request cost that scales with concurrency;
- *peak*: the peak of traced memory over the whole lifecycle (build, serve,
  consume), transient buffers included.  orjson encodes into a 4 KiB scratch
  buffer that it shrinks afterwards, so a tiny JSON body peaks higher than
  with ``json.dumps`` although it holds less.
"""

from __future__ import annotations

import gc
import os
import sys
import tracemalloc
import typing as t

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import scenarios  # noqa: E402


def _text(impl: scenarios.Impl) -> t.Any:
    return impl.FlaskResponse("Hello, World!")


def _cookies(impl: scenarios.Impl) -> t.Any:
    response = impl.FlaskResponse("ok", headers={"X-Request-Id": "abc123", "Cache-Control": "no-store"})
    response.set_cookie("session", "s3cr3t-value", max_age=3600, httponly=True, samesite="Lax")
    response.set_cookie("theme", "dark")
    return response


def _json(impl: scenarios.Impl) -> t.Any:
    return impl.FlaskResponse(impl.dumps(scenarios.SMALL_JSON), mimetype="application/json")


BUILDERS: dict[str, t.Callable[[scenarios.Impl], t.Any]] = {
    "text": _text,
    "cookies2_headers2": _cookies,
    "json_small": _json,
}


def _traced(work: t.Callable[[], t.Any], repeat: int = 20) -> tuple[int, int]:
    """(held, peak): the smallest of each over *repeat* runs, after warm-up."""
    for _ in range(5):
        work()
    held_best = peak_best = None
    for _ in range(repeat):
        gc.collect()
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        kept = work()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del kept
        held, peak = current - before, peak - before
        held_best = held if held_best is None else min(held_best, held)
        peak_best = peak if peak_best is None else min(peak_best, peak)
    return held_best or 0, peak_best or 0


def measure(impls: t.Iterable[str]) -> dict[str, dict[str, tuple[int, int]]]:
    results: dict[str, dict[str, tuple[int, int]]] = {}
    for name, build in BUILDERS.items():
        results[name] = {}
        for impl_name in impls:
            impl = scenarios.implementation(impl_name)

            def lifecycle(impl: scenarios.Impl = impl, build: t.Any = build) -> t.Any:
                response = build(impl)
                scenarios._serve(response)
                return response

            held, _ = _traced(lambda impl=impl, build=build: build(impl))
            _, peak = _traced(lifecycle)
            results[name][impl_name] = (held, peak)
    return results


def render(results: dict[str, dict[str, tuple[int, int]]]) -> str:
    impls = list(next(iter(results.values())))
    header = ["scenario"] + [f"{impl} held / peak" for impl in impls]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, row in results.items():
        lines.append(f"| {name} | " + " | ".join(f"{row[i][0]} B / {row[i][1]} B" for i in impls) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(measure(scenarios.IMPLEMENTATIONS)))
