"""Differential fuzzing of the compiled core against its pure-Python twin (atheris).

Every input takes the weak ETag of its raw bytes on both cores, then hands
the bytes, as a ``FuzzedDataProvider``, to :func:`cases.one_input` (see that
module for what is compared).  A crash is found by libFuzzer, a hang by
``-timeout``.  ``fuzz_hypothesis.py`` runs the same cases from hypothesis
draws, on CPythons where atheris does not build.

The pure twin is instrumented for coverage, so the fuzzer is guided by the
branches the compiled core mirrors.  Run with ``make fuzz`` (bounded by
``FUZZ_SECONDS``), or directly with any libFuzzer flags::

    python -I fuzz/fuzz_core.py -max_total_time=60
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I drops the script's folder

with atheris.instrument_imports(include=["fastres"]):
    import fastres  # noqa: F401

import cases  # noqa: E402


def one_input(data: bytes) -> None:
    cases.compare("weak_etag", lambda m: m.weak_etag, (data,))
    cases.one_input(atheris.FuzzedDataProvider(data))


def main() -> None:
    sys.setrecursionlimit(10_000)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
