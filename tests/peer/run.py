"""Conformance: run werkzeug's, Flask's and popular Flask extensions' own test suites with fastres swapped in.

Run with the Python of a virtualenv that holds a (non-editable) fastres build,
the pinned Werkzeug and Flask, ``tests/peer/requirements.txt`` and the
extensions of ``tests/peer/requirements-extensions.txt``;
``make conformance`` sets that up and calls this.

1. Downloads the sdist of each suite's installed version
   (``pip download --no-binary :all: --no-deps``) and unpacks it to a cache
   directory outside the repository (``$FASTRES_PEER_CACHE``, else
   ``$XDG_CACHE_HOME/fastres-peer``, else ``~/.cache/fastres-peer``).  Its
   ``tests/`` run against the installed packages (an sdist whose package
   sits at its top level, not under ``src/``, is imported from there: the
   same version's code).
2. Runs each suite unpatched (the baseline), then with the ``fastres_peer``
   plugin in each configuration: {compiled core, ``FASTRES_NO_EXTENSIONS=1``}
   x the suite's scopes (see ``fastres_peer.py``): werkzeug in the global
   scope only (it never reads ``Flask.response_class``), Flask in the global,
   app and init_app scopes, the extensions in the app and init_app scopes,
   as their users adopt fastres.
3. Prints per suite and configuration: tests run, passed, failed, skipped,
   fastres instances created (and converted by ``force_type``, the child
   processes, such as werkzeug's dev servers, that created some, and the
   apps that ``fastres.init_app`` adopted).  Exits 1 if a test that passes at
   baseline does not pass with fastres (a test that fails, then passes when
   run again alone, is reported as flaky instead), if a configuration
   created no fastres instance, or if a run ended abnormally or overran its
   time limit.

Tests listed in ``tests/peer/deselect.txt`` are deselected in every run,
baseline included.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
DESELECT_FILE = HERE / "deselect.txt"
COMPILED = {"FASTRES_PEER_BACKEND": "cython"}
PURE = {"FASTRES_PEER_BACKEND": "python", "FASTRES_NO_EXTENSIONS": "1"}
# The extensions' pytest settings add coverage and verbosity options through
# ``addopts``; the runs here need neither.
EXTENSION_OPTIONS = ("-o", "addopts=")


class Suite(NamedTuple):
    """A peer test suite: the distribution whose sdist ships it, the scopes it runs in."""

    project: str
    scopes: tuple[str, ...]
    options: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()  # what to collect; () for the suite's own testpaths
    timeout: int = 600  # seconds, per run of the whole suite


SUITES = {
    "werkzeug": Suite("Werkzeug", ("global",), timeout=1200),
    "flask": Suite("Flask", ("global", "app", "init_app")),
    # Extensions, each for a different way of touching responses.  Only their
    # tests/ run (APIFlask's settings also collect examples/, apps that need
    # SQLAlchemy, Authlib and more).
    "flask-caching": Suite("Flask-Caching", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
    "flask-smorest": Suite("flask-smorest", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
    "apiflask": Suite("APIFlask", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
    "flask-cors": Suite("flask-cors", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
    "flask-compress": Suite("Flask-Compress", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
    "flask-login": Suite("Flask-Login", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
    "flask-wtf": Suite("Flask-WTF", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
    "flask-jwt-extended": Suite("Flask-JWT-Extended", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
    "flask-limiter": Suite("Flask-Limiter", ("app", "init_app"), EXTENSION_OPTIONS, ("tests",)),
}
# (name, scope, env): the baseline first, every other run is compared with it.
CONFIGS = [
    ("baseline", "off", {}),
    *(
        (f"{core}/{scope}", scope, env)
        for core, env in (("compiled", COMPILED), ("pure", PURE))
        for scope in ("global", "app", "init_app")
    ),
    # werkzeug's HEADERS_TESTS with werkzeug.datastructures.Headers as the core's class.
    ("compiled/headers", "global", {**COMPILED, "FASTRES_PEER_HEADERS": "1"}),
    ("pure/headers", "global", {**PURE, "FASTRES_PEER_HEADERS": "1"}),
]
CORE_SUITES = ("werkzeug", "flask")
# What the */headers configurations run (werkzeug's suite only; compared with the baseline).
HEADERS_TESTS = "tests/test_datastructures.py"
PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-p", "fastres_peer", "--timeout=300"]


def cache_dir() -> Path:
    if os.environ.get("FASTRES_PEER_CACHE"):
        return Path(os.environ["FASTRES_PEER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fastres-peer"


def fetch_suite(cache: Path, project: str) -> Path:
    """The unpacked sdist of the installed *project*, downloaded once into *cache*."""
    version = importlib.metadata.version(project)
    key = f"{project.lower()}-{version}"
    tree = cache / key
    if (tree / ".fastres-unpacked").exists():
        return tree
    # One download directory per project and version: sdists name themselves
    # (Flask-Login-0.6.3, flask_caching-2.5.1, apiflask-3.1.2, ...).
    download = cache / "sdists" / key
    download.mkdir(parents=True, exist_ok=True)
    if not list(download.glob("*.tar.gz")):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-binary",
                ":all:",
                "--no-deps",
                "-d",
                str(download),
                f"{project}=={version}",
            ],
            check=True,
        )
    archives = list(download.glob("*.tar.gz"))
    if len(archives) != 1:
        sys.exit(f"pip download of {project}=={version} left {archives or 'no sdist'} in {download}")
    archive = archives[0]
    with tempfile.TemporaryDirectory(dir=cache) as tmp, tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(tmp, filter="data")
        else:  # Python without extraction filters: refuse unsafe members ourselves.
            for member in tar.getmembers():
                if member.name.startswith("/") or ".." in Path(member.name).parts:
                    sys.exit(f"unsafe path in {archive}: {member.name}")
            tar.extractall(tmp)
        tops = list(Path(tmp).iterdir())
        if len(tops) != 1 or not tops[0].is_dir():
            sys.exit(f"{archive} does not unpack to one directory")
        if tree.exists():
            shutil.rmtree(tree)
        os.replace(tops[0], tree)
    if not (tree / "tests").is_dir():
        sys.exit(f"{archive} ships no tests/ directory")
    (tree / ".fastres-unpacked").touch()
    return tree


def install_child_hook() -> None:
    """A ``.pth`` in this venv that lets child processes of a global run patch themselves.

    werkzeug's dev-server tests start their app with a fresh interpreter and
    their own PYTHONPATH; the line below is a no-op unless the plugin set
    ``FASTRES_PEER_CHILD_SCOPE`` (see ``fastres_peer.autopatch``).
    """
    if sys.prefix == sys.base_prefix:
        sys.exit("run.py must run in the conformance venv (make conformance), not a system Python")
    line = (
        "import os, sys; os.environ.get('FASTRES_PEER_CHILD_SCOPE') and"
        f" (sys.path.append({str(HERE)!r}) or __import__('fastres_peer').autopatch())\n"
    )
    pth = Path(sysconfig.get_paths()["purelib"]) / "fastres_peer_child.pth"
    if not pth.exists() or pth.read_text(encoding="utf-8") != line:
        pth.write_text(line, encoding="utf-8")


def read_deselect(path: Path = DESELECT_FILE) -> dict[str, list[tuple[str, str]]]:
    """``{suite: [(nodeid, reason), ...]}``; every entry must give a reason.

    An entry ``fixture:NAME`` stands for every test of the suite that
    requests the fixture NAME (a service this machine does not run).
    """
    out: dict[str, list[tuple[str, str]]] = {suite: [] for suite in SUITES}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry, sep, reason = line.partition("  # ")
        fields = entry.split()
        if not sep or not reason.strip() or len(fields) != 2 or fields[0] not in SUITES:
            sys.exit(f"{path}:{lineno}: expected 'SUITE NODEID  # reason', got {line!r}")
        out[fields[0]].append((fields[1], reason.strip()))
    return out


def run_suite(
    tree: Path,
    suite: Suite,
    scope: str,
    env_extra: dict[str, str],
    deselect: list[str],
    selection: list[str],
    log: Path,
) -> dict:
    """One pytest run of *suite* in *tree*; its outcomes and fastres counts."""
    results = log.with_suffix(".json")
    children = Path(f"{results}.children")
    results.unlink(missing_ok=True)
    children.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FASTRES_", "PYTEST_"))}
    env.update(env_extra)
    env["FASTRES_PEER_SCOPE"] = scope
    env["FASTRES_PEER_RESULTS"] = str(results)
    env["FASTRES_PEER_DESELECT_FIXTURES"] = ",".join(
        entry.removeprefix("fixture:") for entry in deselect if entry.startswith("fixture:")
    )
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [sys.executable, "-m", "pytest", *PYTEST_ARGS, *suite.options]
    for nodeid in deselect:
        if not nodeid.startswith("fixture:"):
            cmd += ["--deselect", nodeid]
    cmd += selection or suite.paths
    start = time.monotonic()
    timed_out = False
    with open(log, "w", encoding="utf-8") as f:
        # A session of its own, so an overrun ends the dev servers it started too.
        proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=f, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            proc.wait(timeout=suite.timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            f.write(f"\nconformance: killed after the {suite.timeout}s time limit\n")
    elapsed = time.monotonic() - start
    if timed_out or not results.exists():
        return {
            "exit": proc.returncode,
            "outcomes": {},
            "created": 0,
            "converted": 0,
            "adopted": 0,
            "children": 0,
            "seconds": elapsed,
            "broken": True,
            "timed_out": timed_out,
        }
    data = json.loads(results.read_text(encoding="utf-8"))
    data["children"] = len(children.read_text().split()) if children.exists() else 0
    data["exit"] = proc.returncode
    data["seconds"] = elapsed
    data["timed_out"] = False
    # pytest exits 0 (all passed) or 1 (some failed); anything else is a broken run.
    data["broken"] = proc.returncode not in (0, 1)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--suite", action="append", choices=list(SUITES), help="run only this suite (repeatable; default: all)"
    )
    parser.add_argument(
        "--extensions", action="store_true", help="run only the extensions' suites (not werkzeug's and Flask's)"
    )
    parser.add_argument(
        "--config",
        action="append",
        choices=[c[0] for c in CONFIGS[1:]],
        help="run only this fastres configuration (repeatable; default: all)",
    )
    parser.add_argument(
        "--logs", type=Path, default=None, help="where to keep each run's pytest output (default: <cache>/logs)"
    )
    parser.add_argument(
        "pytest_args", nargs="*", help="extra pytest arguments, after --, e.g. -- tests/test_wrappers.py"
    )
    args = parser.parse_args(argv)

    import fastres.core

    if fastres.core.compiled is None:
        print("conformance: the compiled core fastres._core did not import", file=sys.stderr)
        return 1
    install_child_hook()
    cache = cache_dir()
    logs = args.logs or cache / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    deselect = read_deselect()
    configs = [CONFIGS[0], *(c for c in CONFIGS[1:] if not args.config or c[0] in args.config)]

    failures: list[str] = []
    flaky: list[str] = []
    rows: list[tuple] = []
    chosen = args.suite or [s for s in SUITES if not args.extensions or s not in CORE_SUITES]
    for suite in chosen:
        spec = SUITES[suite]
        version = importlib.metadata.version(spec.project)
        tree = fetch_suite(cache, spec.project)
        nodeids = [nodeid for nodeid, _ in deselect[suite]]
        baseline_passed: set[str] = set()
        for name, scope, env_extra in configs:
            if scope != "off" and scope not in spec.scopes:
                continue
            log = logs / f"{suite}-{name.replace('/', '-')}.log"
            only = HEADERS_TESTS if env_extra.get("FASTRES_PEER_HEADERS") else ""
            if only and suite != "werkzeug":
                continue
            print(f"conformance: {suite} {version} [{name}] ...", flush=True)
            data = run_suite(tree, spec, scope, env_extra, nodeids, [*args.pytest_args, *filter(None, [only])], log)
            outcomes = data["outcomes"]
            passed = {n for n, o in outcomes.items() if o == "passed"}
            failed = sorted(n for n, o in outcomes.items() if o in ("failed", "error", "xpassed"))
            skipped = sum(o in ("skipped", "xfailed") for o in outcomes.values())
            if data["timed_out"]:
                failures.append(f"{suite} [{name}]: killed after {spec.timeout}s, see {log}")
            elif data["broken"] or not outcomes:
                failures.append(f"{suite} [{name}]: pytest exited {data['exit']}, see {log}")
            if scope == "off":
                baseline_passed = passed
                for nodeid in failed:
                    print(f"  note: fails at baseline too: {nodeid}")
            else:
                if data["created"] + data["converted"] + data["children"] == 0:
                    failures.append(f"{suite} [{name}]: no fastres instance was created")
                if scope == "init_app" and not data["adopted"]:
                    failures.append(f"{suite} [{name}]: no app was adopted by fastres.init_app")
                regressions = sorted(n for n in baseline_passed - passed if n.startswith(only))
                if regressions and outcomes:
                    # Run them once more, alone: a test that passes then is
                    # reported as flaky rather than failed.
                    rerun_log = log.with_name(log.stem + "-rerun.log")
                    rerun = run_suite(tree, spec, scope, env_extra, nodeids, regressions, rerun_log)
                    for nodeid in regressions:
                        if rerun["outcomes"].get(nodeid) == "passed":
                            flaky.append(f"{suite} [{name}]: {nodeid} failed, then passed when run again (see {log})")
                        else:
                            failures.append(
                                f"{suite} [{name}]: {nodeid} passes at baseline,"
                                f" {outcomes.get(nodeid, 'not run')} with fastres (see {log})"
                            )
            rows.append(
                (
                    suite,
                    name,
                    len(outcomes),
                    len(passed),
                    len(failed),
                    skipped,
                    len(baseline_passed),
                    "-" if scope == "off" else data["created"],
                    "-" if scope == "off" else data["converted"],
                    "-" if scope == "off" else data["children"],
                    data["adopted"] if scope == "init_app" else "-",
                    f"{data['seconds']:.0f}s",
                )
            )

    header = (
        "suite",
        "configuration",
        "run",
        "passed",
        "failed",
        "skipped",
        "baseline passed",
        "fastres created",
        "force_type",
        "child procs",
        "init_app",
        "time",
    )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, *rows]:
        print("  ".join(str(v).rjust(w) if i >= 2 else str(v).ljust(w) for i, (v, w) in enumerate(zip(row, widths))))
    shown = [(suite, entry) for suite in chosen for entry in deselect[suite]]
    print(f"\ndeselected ({len(shown)}, reasons in {DESELECT_FILE.name}):")
    for suite, (nodeid, reason) in shown:
        print(f"  {suite} {nodeid}: {reason}")
    print(f"logs: {logs}")
    if flaky:
        print(f"\nflaky ({len(flaky)}), not counted as failures:")
        for line in flaky:
            print(f"  {line}")
    total = sum(row[3] for row in rows if row[1] != "baseline")
    if failures:
        print(f"\nconformance FAILED ({len(failures)}):")
        for line in failures:
            print(f"  {line}")
    else:
        print("\nevery test that passes at baseline passes with fastres")
    # The closing line: passed tests summed over the fastres runs, and failures.
    print(f"conformance: {total} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
