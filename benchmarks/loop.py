"""Run one scenario N times in a bare loop, for instruction counters.

pyperf measures time; this is for counting what a lifecycle costs::

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python -s benchmarks/loop.py text fastres 0
    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python -s benchmarks/loop.py text fastres 2000

(``-s``, not ``-I``: isolated mode ignores ``PYTHONHASHSEED``, and string
hashing then moves Flask's counts by up to 10% between runs; ``fastres`` is
still the installed build, as ``benchmarks/`` is the path's first entry.)
The difference of the two totals divided by N is the instruction count of
one lifecycle; the same binary and inputs give the same count, however
loaded the machine is.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import scenarios  # noqa: E402


def main() -> None:
    scenario, impl, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    work = scenarios.build(scenario, impl)
    if work is None:
        raise SystemExit(f"{scenario} does not apply to {impl}")
    for _ in range(50):  # warm caches and specialisation out of the count
        work()
    for _ in range(count):
        work()


if __name__ == "__main__":
    main()
