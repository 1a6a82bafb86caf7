"""Run the pyperf suite for every implementation and print the comparison.

    python benchmarks/run.py            # short mode for a small machine (make bench)
    python benchmarks/run.py --full     # publishable numbers (BENCHMARKS.md)

Writes under ``benchmarks/results/``: one pyperf JSON per implementation,
``table.md`` (the printed table) and ``ratios.png`` (a bar chart of the
speed-ups).  Ratios are werkzeug's median divided by fastres's median, from the
same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import typing as t

import pyperf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import memory  # noqa: E402
import scenarios  # noqa: E402

RESULTS = os.path.join(HERE, "results")
BASELINE = "werkzeug"

# Each round runs one pyperf worker per implementation, in turn, appending to
# that implementation's JSON file: on a shared, noisy machine every
# implementation sees the same load, and the medians are comparable.
MODES = {
    "fast": {"rounds": 3, "args": ["--values", "3", "--warmups", "1", "--min-time", "0.05"]},
    "full": {"rounds": 8, "args": ["--values", "5", "--warmups", "1", "--min-time", "0.05"]},
}


def run_suites(
    impls: list[str], mode: str, scenario_names: list[str], affinity: str | None, results: str = RESULTS
) -> dict[str, pyperf.BenchmarkSuite]:
    outputs = {impl: os.path.join(results, f"{impl}.json") for impl in impls}
    for output in outputs.values():
        if os.path.exists(output):
            os.unlink(output)
    rounds = MODES[mode]["rounds"]
    for round_no in range(1, rounds + 1):
        for impl in impls:
            print(f"round {round_no}/{rounds}: {impl}", flush=True)
            cmd = [
                sys.executable,
                os.path.join(HERE, "bench_responses.py"),
                "--impl",
                impl,
                "--quiet",
                "--processes",
                "1",
                "--append",
                outputs[impl],
                # pyperf's workers get a clean environment; keep the switch fastres reads.
                "--inherit-environ",
                "FASTRES_NO_EXTENSIONS",
                *MODES[mode]["args"],
            ]
            if affinity:
                cmd += ["--affinity", affinity]
            if scenario_names:
                cmd += ["--scenario", ",".join(scenario_names)]
            subprocess.run(cmd, check=True)
    return {impl: pyperf.BenchmarkSuite.load(output) for impl, output in outputs.items()}


def _fmt_time(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} µs"
    return f"{seconds * 1e9:.0f} ns"


def comparison(suites: dict[str, pyperf.BenchmarkSuite]) -> list[dict[str, t.Any]]:
    """One row per scenario: median per implementation and ratio to werkzeug."""
    rows = []
    base = {b.get_name(): b.median() for b in suites[BASELINE].get_benchmarks()}
    for name in scenarios.SCENARIOS:
        if name not in base:
            continue
        row: dict[str, t.Any] = {"scenario": name, BASELINE: base[name]}
        for impl, suite in suites.items():
            if impl == BASELINE:
                continue
            try:
                median = suite.get_benchmark(name).median()
            except KeyError:
                continue
            row[impl] = median
            row[f"{impl} ratio"] = base[name] / median
        rows.append(row)
    return rows


def render_table(rows: list[dict[str, t.Any]], impls: list[str]) -> str:
    others = [i for i in impls if i != BASELINE]
    header = ["scenario", f"{BASELINE} median"]
    for impl in others:
        header += [f"{impl} median", f"{impl} ×"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [row["scenario"], _fmt_time(row[BASELINE])]
        for impl in others:
            if impl in row:
                cells += [_fmt_time(row[impl]), f"{row[f'{impl} ratio']:.1f}×"]
            else:
                cells += ["n/a", "n/a"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_chart(rows: list[dict[str, t.Any]], impls: list[str], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    others = [i for i in impls if i != BASELINE]
    names = [row["scenario"] for row in rows]
    width = 0.8 / max(len(others), 1)
    fig, ax = plt.subplots(figsize=(11, 5))
    for k, impl in enumerate(others):
        values = [row.get(f"{impl} ratio", 0.0) for row in rows]
        positions = [i + (k - (len(others) - 1) / 2) * width for i in range(len(names))]
        bars = ax.bar(positions, values, width, label=impl)
        ax.bar_label(bars, fmt="%.1f", fontsize=7)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
    ax.set_ylabel("speed-up over werkzeug (×, higher is better)")
    ax.set_title("fastres vs werkzeug/Flask Response (pyperf medians, same run)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _commit() -> str:
    """The checkout's commit (``git describe``), or "unknown commit" outside git."""
    try:
        out = subprocess.run(
            ["git", "-C", HERE, "describe", "--always", "--dirty"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown commit"
    return f"commit {out.stdout.strip()}" if out.returncode == 0 and out.stdout.strip() else "unknown commit"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="publishable numbers (slow)")
    parser.add_argument(
        "--impl", action="append", choices=scenarios.IMPLEMENTATIONS, help="implementations to run (default: all)"
    )
    parser.add_argument(
        "--scenario", action="append", choices=list(scenarios.SCENARIOS), help="scenarios to run (default: all)"
    )
    parser.add_argument(
        "--results", default=RESULTS, help="folder for the JSON, table.md and chart (default: benchmarks/results)"
    )
    parser.add_argument(
        "--affinity", default=None, help="CPU list for pyperf workers (default: the last CPU when there are several)"
    )
    args = parser.parse_args()

    impls = args.impl or list(scenarios.IMPLEMENTATIONS)
    if BASELINE not in impls:
        impls.insert(0, BASELINE)
    affinity = args.affinity
    if affinity is None and (os.cpu_count() or 1) > 1:
        affinity = str((os.cpu_count() or 1) - 1)
    mode = "full" if args.full else "fast"
    results = args.results
    os.makedirs(results, exist_ok=True)

    suites = run_suites(impls, mode, args.scenario or [], affinity, results)
    for impl, suite in suites.items():
        backend = suite.get_metadata().get("fastres_backend", "?")
        print(f"{impl}: core that ran = {backend}")

    rows = comparison(suites)
    table = render_table(rows, impls)
    memory_table = memory.render(memory.measure(impls))
    machine = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()},"
        f" {os.cpu_count()} CPUs, mode={mode}, fastres {_commit()}"
    )
    text = f"{machine}\n\n{table}\n\nBytes per response, tracemalloc (held by the built response / peak over its lifecycle):\n\n{memory_table}\n"
    print()
    print(text)
    with open(os.path.join(results, "table.md"), "w", encoding="utf-8") as f:
        f.write(text)
    chart = os.path.join(results, "ratios.png")
    render_chart(rows, impls, chart)
    print(f"raw pyperf JSON, table.md and {os.path.basename(chart)} written to {results}")


if __name__ == "__main__":
    main()
