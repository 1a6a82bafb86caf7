"""``make bench-server``: a realistic Flask JSON API on real servers under wrk.

    python benchmarks/server.py                     # 3 rounds of 3 s per route and flavour
    python benchmarks/server.py --seconds 2 --rounds 1 --profile

For each server (gunicorn sync, gunicorn gthread, granian; 127.0.0.1 only,
started by ``tests/stress/loadgen.Server``), the app of ``serverapp.py`` runs
twice at once: stock Flask and ``fastres.init_app(app)``.  wrk (Debian's
package) loads one route at a time, then the mix of all routes, for a
bounded duration; the two flavours alternate route by route and round by
round so a burst of load on the machine hits both alike.  Before measuring,
each route is fetched from both and compared (status, CORS headers, body).

Prints requests/s and p50/p99 latency per route and for the mix with the
fastres/stock ratio (medians over the rounds), and the server's CPU time per
request (its processes' user + system time over the run, from /proc), which
other load on the machine disturbs far less than requests/s; writes
``benchmarks/results/server.json``, ``server.md`` and ``server.png``.
``--profile`` samples the fastres workers with py-spy (when installed) under
the JSON list route and prints where their time goes.  Nothing is asserted.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import typing as t

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, os.pardir, "tests", "stress"))

from loadgen import Server, fetch_once  # noqa: E402
from run import _commit  # noqa: E402
from serverapp import CORS, ROUTES  # noqa: E402

RESULTS = os.path.join(HERE, "results")
SERVERS = ("gunicorn-sync", "gunicorn-gthread", "granian")
KINDS = ("werkzeug", "fastres")  # stock Flask, fastres.init_app
LABEL = {"werkzeug": "stock Flask", "fastres": "fastres"}
TARGETS = (*ROUTES, "mix")

MIX_LUA = """
paths = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


def _seconds(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if m is None:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def parse_wrk(output: str) -> dict[str, float]:
    """Requests/s, p50 and p99 (seconds), request and error counts from ``wrk --latency``."""
    out: dict[str, float] = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if m is None:
        raise RuntimeError(f"wrk printed no Requests/sec:\n{output}")
    out["rps"] = float(m.group(1))
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M)
        out[f"p{pct}"] = _seconds(m.group(1)) if m else float("nan")
    m = re.search(r"(\d+) requests in", output)
    out["requests"] = float(m.group(1)) if m else 0.0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    out["socket_errors"] = float(sum(int(g) for g in m.groups())) if m else 0.0
    return out


_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pgid: int) -> float:
    """User + system CPU time of every live process in process group *pgid*
    (a server's master and workers), from /proc."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rpartition(")")[2].split()
        except OSError:
            continue
        # fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / _TICK


def run_wrk(server: Server, target: str, seconds: int, connections: int, lua: str) -> dict[str, float]:
    """One wrk run; adds the server's CPU seconds per request (``cpu_per_req``),
    which a busy machine disturbs far less than requests/s."""
    url = f"http://127.0.0.1:{server.port}"
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if target == "mix":
        cmd += ["-s", lua, url]
    else:
        cmd += [url + ROUTES[target]]
    cpu = cpu_seconds(server.proc.pid)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=True)
    cpu = cpu_seconds(server.proc.pid) - cpu
    result = parse_wrk(proc.stdout)
    result["cpu_per_req"] = cpu / result["requests"] if result["requests"] else float("nan")
    return result


def check_same(servers: dict[str, Server]) -> None:
    """Each route answers alike from both flavours (JSON compared parsed)."""
    for name, path in ROUTES.items():
        replies = {kind: fetch_once("127.0.0.1", s.port, path) for kind, s in servers.items()}
        stock, fast = replies["werkzeug"], replies["fastres"]
        problems = []
        if stock.status != fast.status:
            problems.append(f"status {fast.status} != {stock.status}")
        for header, value in CORS:
            if fast.get(header.lower()) != value or stock.get(header.lower()) != value:
                problems.append(f"{header} missing")
        if (stock.get("content-type") or "").startswith("application/json"):
            if json.loads(stock.body) != json.loads(fast.body):
                problems.append("JSON differs")
        elif stock.status == 200 and stock.body != fast.body:
            problems.append("body differs")
        if len(stock.get_all("set-cookie")) != len(fast.get_all("set-cookie")):
            problems.append("Set-Cookie differs")
        if problems:
            raise SystemExit(f"{name} ({path}): fastres and stock Flask differ: {'; '.join(problems)}")


def measure(
    server_name: str, seconds: int, rounds: int, connections: int, lua: str, profile: bool
) -> tuple[dict[str, dict[str, list[dict[str, float]]]], str | None]:
    logs = os.path.join(RESULTS, "server-logs")
    os.makedirs(logs, exist_ok=True)
    servers = {
        kind: Server(
            server_name,
            kind,
            os.path.join(logs, f"{server_name}-{kind}.log"),
            app="serverapp:app",
            app_dir=HERE,
            ready_path=ROUTES["item_dict"],
        )
        for kind in KINDS
    }
    runs: dict[str, dict[str, list[dict[str, float]]]] = {t_: {k: [] for k in KINDS} for t_ in TARGETS}
    report = None
    try:
        for s in servers.values():
            s.__enter__()
        check_same(servers)
        for kind in KINDS:  # warm both up before the first measured run
            run_wrk(servers[kind], "mix", 1, connections, lua)
        for round_no in range(rounds):
            order = KINDS if round_no % 2 == 0 else KINDS[::-1]
            for target in TARGETS:
                for kind in order:
                    result = run_wrk(servers[kind], target, seconds, connections, lua)
                    runs[target][kind].append(result)
                    print(
                        f"  {server_name:16} round {round_no + 1}/{rounds} {target:12} {LABEL[kind]:11}"
                        f" {result['rps']:9.0f} req/s  p50 {result['p50'] * 1e3:6.2f} ms"
                        f"  p99 {result['p99'] * 1e3:6.2f} ms  CPU {result['cpu_per_req'] * 1e6:5.0f} µs/req",
                        flush=True,
                    )
        if profile:
            report = profile_worker(servers["fastres"], seconds, connections, lua)
            print(report, flush=True)
    finally:
        for s in servers.values():
            s.stop()
    return runs, report


# --------------------------------------------------------------- profile

#: Frames whose presence in a sample names where that sample's time went.
STAGES = (
    ("Flask request context push/pop", ("push (flask/ctx.py", "pop (flask/ctx.py")),
    (
        "werkzeug Request + routing",
        (
            "match (werkzeug/routing",
            "__init__ (werkzeug/sansio/request.py",
            "__init__ (werkzeug/wrappers/request.py",
            "create_url_adapter",
        ),
    ),
    ("the view (jsonify + JSON encoding)", ("dispatch_request (flask/app.py",)),
    ("make_response", ("make_response (flask/app.py",)),
    ("process_response (after_request hooks)", ("process_response (flask/app.py",)),
    ("fastres Python code (JSON provider, Response methods)", ("(fastres/",)),
)


def profile_worker(server: Server, seconds: int, connections: int, lua: str) -> str:
    """py-spy samples of the fastres workers while wrk loads the JSON list route.

    ``--gil`` keeps the samples of threads running Python: idle threads and a
    server's native threads (granian's) would otherwise swamp the profile.
    Native work outside the GIL (socket I/O) shows in the CPU per request.
    """
    spy = shutil.which("py-spy") or os.path.join(os.path.dirname(sys.executable), "py-spy")
    if not os.path.exists(spy):
        return "profile: py-spy is not installed (pip install py-spy); skipped"
    out = os.path.join(RESULTS, f"profile-{server.name}.txt")
    duration = max(seconds, 5)
    spy_proc = subprocess.Popen(
        [
            spy,
            "record",
            "--pid",
            str(server.proc.pid),
            "--subprocesses",
            "--gil",
            "--rate",
            "250",
            "--duration",
            str(duration),
            "--format",
            "raw",
            "--output",
            out,
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    run_wrk(server, "list_json", duration + 1, connections, lua)
    _, err = spy_proc.communicate(timeout=120)
    if spy_proc.returncode != 0 or not os.path.exists(out):
        return f"profile: py-spy failed: {err.strip()[-300:]}"
    return summarize_profile(out, server.name)


def summarize_profile(path: str, server_name: str) -> str:
    samples: list[tuple[list[str], int]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if stack and count.isdigit():
                frames = [f for f in stack.split(";") if not f.startswith("process ")]
                if frames:
                    samples.append((frames, int(count)))
    total = sum(n for _, n in samples) or 1
    in_app = sum(n for frames, n in samples if any("wsgi_app (flask/app.py" in f for f in frames))
    lines = [
        f"py-spy --gil, fastres workers of {server_name} under the JSON list route ({total} samples holding the GIL):",
        f"  {100 * in_app / total:5.1f}%  inside Flask's wsgi_app (the rest: the server's Python code)",
    ]
    for label, markers in STAGES:
        n = sum(c for frames, c in samples if any(m in f for f in frames for m in markers))
        lines.append(f"  {100 * n / total:5.1f}%  {label}")
    own: collections.Counter[str] = collections.Counter()
    for frames, n in samples:
        own[re.sub(r":\d+\)$", ")", frames[-1])] += n
    lines.append("  top functions by own time:")
    for name, n in own.most_common(12):
        lines.append(f"  {100 * n / total:5.1f}%  {name}")
    return "\n".join(lines)


# --------------------------------------------------------------- report


def summarize(all_runs: dict[str, dict[str, dict[str, list[dict[str, float]]]]]) -> list[dict[str, t.Any]]:
    rows = []
    for server_name, runs in all_runs.items():
        for target in TARGETS:
            row: dict[str, t.Any] = {"server": server_name, "route": target}
            for kind in KINDS:
                results = runs[target][kind]
                for key in ("rps", "p50", "p99", "cpu_per_req"):
                    row[f"{kind} {key}"] = statistics.median(r[key] for r in results)
                row[f"{kind} socket_errors"] = sum(r["socket_errors"] for r in results)
            row["ratio"] = row["fastres rps"] / row["werkzeug rps"]
            row["cpu ratio"] = row["werkzeug cpu_per_req"] / row["fastres cpu_per_req"]
            rows.append(row)
    return rows


def render_table(rows: list[dict[str, t.Any]]) -> str:
    lines = [
        "| server | route | stock req/s | fastres req/s | × | stock p50 / p99 | fastres p50 / p99"
        " | server CPU per request, stock / fastres | × |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        route = r["route"] if r["route"] == "mix" else f"{r['route']} `{ROUTES[r['route']]}`"
        lines.append(
            f"| {r['server']} | {route} | {r['werkzeug rps']:.0f} | {r['fastres rps']:.0f} | {r['ratio']:.2f}× |"
            f" {r['werkzeug p50'] * 1e3:.2f} / {r['werkzeug p99'] * 1e3:.2f} ms |"
            f" {r['fastres p50'] * 1e3:.2f} / {r['fastres p99'] * 1e3:.2f} ms |"
            f" {r['werkzeug cpu_per_req'] * 1e6:.0f} / {r['fastres cpu_per_req'] * 1e6:.0f} µs | {r['cpu ratio']:.2f}× |"
        )
    return "\n".join(lines)


def render_chart(rows: list[dict[str, t.Any]], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    servers = list(dict.fromkeys(r["server"] for r in rows))
    width = 0.8 / len(servers)
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.5), sharey=True)
    panels = (("ratio", "requests/s, fastres ÷ stock Flask"), ("cpu ratio", "server CPU per request, stock ÷ fastres"))
    for ax, (key, title) in zip(axes, panels, strict=True):
        for k, server_name in enumerate(servers):
            values = [
                next(r[key] for r in rows if r["server"] == server_name and r["route"] == target) for target in TARGETS
            ]
            positions = [i + (k - (len(servers) - 1) / 2) * width for i in range(len(TARGETS))]
            bars = ax.bar(positions, values, width, label=server_name)
            ax.bar_label(bars, fmt="%.2f", fontsize=7)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_xticks(range(len(TARGETS)), TARGETS, rotation=20)
        ax.set_title(title)
    axes[0].set_ylabel("× (higher is better for fastres)")
    axes[0].legend()
    fig.suptitle("Flask JSON API on real servers under wrk (same run, interleaved)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration per route and flavour")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every route (medians reported)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--server", action="append", choices=SERVERS, help="servers (default: all)")
    parser.add_argument("--profile", action="store_true", help="py-spy the fastres workers of each server")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    os.makedirs(RESULTS, exist_ok=True)
    server_names = args.server or list(SERVERS)

    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(MIX_LUA % ", ".join(f'"{p}"' for p in ROUTES.values()))
        lua = f.name
    all_runs = {}
    reports: list[str] = []
    try:
        for server_name in server_names:
            all_runs[server_name], rep = measure(
                server_name, args.seconds, args.rounds, args.connections, lua, args.profile
            )
            if rep:
                reports.append(rep)
    finally:
        os.unlink(lua)

    rows = summarize(all_runs)
    machine = (
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs,"
        f" wrk -t1 -c{args.connections}, {args.rounds} rounds × {args.seconds} s per route and flavour,"
        f" fastres {_commit()}"
    )
    text = f"{machine}\n\n{render_table(rows)}\n"
    if reports:
        text += "\n```\n" + "\n\n".join(reports) + "\n```\n"
    print()
    print(text)
    with open(os.path.join(RESULTS, "server.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(RESULTS, "server.json"), "w", encoding="utf-8") as f:
        json.dump(
            {"machine": machine, "routes": ROUTES, "rows": rows, "runs": all_runs, "profiles": reports}, f, indent=1
        )
    render_chart(rows, os.path.join(RESULTS, "server.png"))
    print(f"server.json, server.md and server.png written to {RESULTS}")


if __name__ == "__main__":
    main()
