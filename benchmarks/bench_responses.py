"""pyperf runner: every scenario of ``scenarios.py`` for one implementation.

    python benchmarks/bench_responses.py --impl fastres -o fastres.json

``--impl`` is forwarded to pyperf's worker processes; the metadata of each
benchmark records the implementation and the core that really ran.
"""

from __future__ import annotations

import os
import sys
import time
import typing as t

import pyperf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import scenarios  # noqa: E402


def _time_func(work: t.Callable[[], t.Any]) -> t.Callable[[int], float]:
    def time_func(loops: int) -> float:
        perf_counter = time.perf_counter
        t0 = perf_counter()
        for _ in range(loops):
            work()
        return perf_counter() - t0

    return time_func


def _add_cmdline_args(cmd: list[str], args: t.Any) -> None:
    cmd.extend(["--impl", args.impl])
    if args.scenario:
        cmd.extend(["--scenario", ",".join(args.scenario)])


def main() -> None:
    runner = pyperf.Runner(add_cmdline_args=_add_cmdline_args)
    runner.argparser.add_argument("--impl", choices=scenarios.IMPLEMENTATIONS, required=True)
    runner.argparser.add_argument(
        "--scenario", type=lambda s: s.split(","), default=None, help="comma-separated subset"
    )
    args = runner.parse_args()
    impl = scenarios.implementation(args.impl)
    runner.metadata["fastres_impl"] = impl.name
    runner.metadata["fastres_backend"] = impl.backend
    for name in args.scenario or scenarios.SCENARIOS:
        work = scenarios.build(name, args.impl)
        if work is None:
            continue
        work()  # fail here, not inside a worker, if the scenario is broken
        runner.bench_time_func(name, _time_func(work))


if __name__ == "__main__":
    main()
