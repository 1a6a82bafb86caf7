"""pytest plugin: run a peer's own test suite (werkzeug, Flask, an extension) with fastres swapped in.

Loaded with ``-p fastres_peer`` (``tests/peer`` on ``PYTHONPATH``) by
``tests/peer/run.py``; configured through the environment so the same
command line serves every configuration:

``FASTRES_PEER_SCOPE``
    ``off``: nothing is patched and fastres is not even imported (the
    baseline run); ``app``: only ``Flask.response_class`` is set to
    ``fastres.Response``, as a user would do it; ``init_app``: every Flask
    app (subclasses included) gets ``fastres.init_app(app)`` once its
    outermost ``__init__`` returns, the one-line adoption; ``global``: every reference
    a werkzeug or flask module holds to werkzeug's ``Response``, Flask's
    ``Response`` or werkzeug's ``TestResponse`` is rebound to its fastres
    counterpart, so werkzeug's own tests build fastres responses.
``FASTRES_PEER_BACKEND``
    the core the run must be on (``cython`` or ``python``); a mismatch stops
    the run before any test.
``FASTRES_PEER_HEADERS``
    ``1``: also rebind ``werkzeug.datastructures.Headers`` to the core's
    ``Headers`` (in the global scope), so werkzeug's ``TestHeaders`` tests the
    core's class (``run.py`` runs only ``HEADERS_TESTS`` so: elsewhere
    werkzeug's tests build request headers the core's validation refuses).
``FASTRES_PEER_RESULTS``
    a JSON file to write: the per-test outcomes and how many fastres
    instances the run created (constructed, plus converted by ``force_type``)
    and, in the ``init_app`` scope, how many apps adopted fastres.
``FASTRES_PEER_DESELECT_FIXTURES``
    comma-separated fixture names: every test that requests one of them is
    deselected (tests that need a service this machine does not run).

The count is what catches a run that silently tested werkzeug instead.

Child processes: werkzeug's dev-server tests run their app in a new Python
process.  In the global scope the plugin sets ``FASTRES_PEER_CHILD_SCOPE``,
and ``run.py`` installs a ``.pth`` file in the peer venv that calls
:func:`autopatch` at the start of any Python process that inherits it, so
those servers build fastres responses too; each such process that creates a
fastres instance adds its pid to ``$FASTRES_PEER_RESULTS.children``.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import typing as t

import pytest

SCOPES = ("off", "app", "init_app", "global")

_state: dict[str, t.Any] = {"created": 0, "converted": 0, "adopted": 0}
_outcomes: dict[str, str] = {}


def _rebind(module_prefixes: tuple[str, ...], replacements: dict[int, object]) -> list[str]:
    """Point every module-level name that holds a replaced object at its replacement."""
    rebound = []
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(module_prefixes):
            continue
        for attr, value in list(vars(module).items()):
            new = replacements.get(id(value))
            if new is not None and value is not new:
                setattr(module, attr, new)
                rebound.append(f"{name}.{attr}")
    return rebound


def _install_counter(cls: type) -> None:
    """Count instances of *cls* (and subclasses): made by ``__new__`` or ``force_type``."""

    def __new__(klass: type, *args: t.Any, **kwargs: t.Any) -> t.Any:
        _state["created"] += 1
        if _state["created"] == 1 and _state.get("child"):
            _report_child()
        return object.__new__(klass)

    cls.__new__ = staticmethod(__new__)  # type: ignore[assignment]
    original = cls.force_type.__func__  # type: ignore[attr-defined]

    def counting_force_type(klass: type, response: t.Any, environ: t.Any = None) -> t.Any:
        was = type(response)
        rv = original(klass, response, environ)
        if isinstance(rv, cls) and not issubclass(was, cls):
            _state["converted"] += 1
        return rv

    cls.force_type = classmethod(counting_force_type)  # type: ignore[assignment]


def _report_child() -> None:
    path = os.environ.get("FASTRES_PEER_RESULTS")
    if path:
        with open(path + ".children", "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")


def autopatch() -> None:
    """Patch a child process of a global-scope run (called from the venv's ``.pth``)."""
    scope = os.environ.get("FASTRES_PEER_CHILD_SCOPE")
    if scope == "global" and "scope" not in _state:
        _state["scope"] = scope
        _state["child"] = True
        _patch(scope)


def _patch(scope: str) -> None:
    import flask
    import flask.app
    import werkzeug.test
    import werkzeug.wrappers
    import werkzeug.wrappers.response

    import fastres
    import fastres.wrappers

    expected = os.environ.get("FASTRES_PEER_BACKEND")
    if expected and fastres.backend != expected:
        raise pytest.UsageError(f"fastres runs on the {fastres.backend!r} core, this run expects {expected!r}")
    _state["backend"] = fastres.backend
    _install_counter(fastres.wrappers.Response)

    if scope == "app":
        flask.Flask.response_class = fastres.Response
        _state["rebound"] = ["flask.Flask.response_class"]
        return
    if scope == "init_app":
        _hook_init_app(flask.Flask, fastres.init_app)
        _state["rebound"] = ["flask.Flask.__init__ (and every subclass's): fastres.init_app(app)"]
        return

    # Rebind what the modules loaded so far hold; a module imported later
    # (werkzeug.debug, a test module, ...) reads the rebound names.
    werkzeug_response = werkzeug.wrappers.response.Response
    flask_response = flask.wrappers.Response
    test_response = werkzeug.test.TestResponse
    # werkzeug's TestResponse rebased onto fastres: its own methods first, then
    # fastres's, then werkzeug's (its ``super().__init__`` reaches the core).
    fast_test_response = type(
        "TestResponse",
        (test_response, fastres.wrappers.Response),
        {"__module__": test_response.__module__, "__qualname__": test_response.__qualname__},
    )
    _state["rebound"] = _rebind(
        ("werkzeug", "flask"),
        {
            id(werkzeug_response): fastres.wrappers.Response,
            id(flask_response): fastres.Response,
            id(test_response): fast_test_response,
        },
    )
    flask.Flask.response_class = fastres.Response
    _state["rebound"].append("flask.Flask.response_class")
    if os.environ.get("FASTRES_PEER_HEADERS") == "1":
        _rebind_headers()


def _rebind_headers() -> None:
    """``werkzeug.datastructures.Headers`` becomes the core's subclass of it (instances counted)."""
    import werkzeug.datastructures

    import fastres.core

    cls = fastres.core.impl.Headers
    original = cls.__init__

    def __init__(self: t.Any, *args: t.Any, **kwargs: t.Any) -> None:
        _state["created"] += 1
        original(self, *args, **kwargs)

    cls.__init__ = __init__
    werkzeug.datastructures.Headers = cls  # type: ignore[misc]
    _state["rebound"].append("werkzeug.datastructures.Headers")


def _hook_init_app(base: type, adopt: t.Callable[[t.Any], t.Any]) -> None:
    """Call ``adopt(app)`` on every *base* instance once its construction ends.

    Wraps ``__init__`` of *base* and of each subclass that defines its own
    (those existing now and those defined later, through
    ``__init_subclass__``); the outermost call adopts, so a subclass that
    finishes its setup after ``super().__init__()`` is adopted complete.
    """
    constructing: set[int] = set()

    def wrap(cls: type) -> None:
        init = cls.__dict__.get("__init__")
        if init is None or getattr(init, "_fastres_peer", False):
            return

        @functools.wraps(init)
        def __init__(self: t.Any, *args: t.Any, **kwargs: t.Any) -> None:
            outermost = id(self) not in constructing
            constructing.add(id(self))
            try:
                init(self, *args, **kwargs)
            finally:
                if outermost:
                    constructing.discard(id(self))
            if outermost:
                adopt(self)
                _state["adopted"] += 1

        __init__._fastres_peer = True  # type: ignore[attr-defined]
        cls.__init__ = __init__  # type: ignore[misc]

    def walk(cls: type) -> None:
        wrap(cls)
        for sub in cls.__subclasses__():
            walk(sub)

    walk(base)

    def __init_subclass__(cls: type, **kwargs: t.Any) -> None:
        super(base, cls).__init_subclass__(**kwargs)  # type: ignore[misc]
        wrap(cls)

    base.__init_subclass__ = classmethod(__init_subclass__)  # type: ignore[assignment]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fastres-peer")
    group.addoption(
        "--fastres-scope",
        default=os.environ.get("FASTRES_PEER_SCOPE", "off"),
        choices=SCOPES,
        help="what to swap fastres in for (default: $FASTRES_PEER_SCOPE or off)",
    )


def pytest_configure(config: pytest.Config) -> None:
    scope = config.getoption("--fastres-scope")
    if _state.get("child"):
        # A pytest started by a test of a global run: already patched at startup.
        if scope != _state["scope"]:
            raise pytest.UsageError(f"fastres-peer: scope {scope!r} in a child of a global run")
        return
    _state["scope"] = scope
    if scope != "off":
        _patch(scope)
    if scope == "global":
        os.environ["FASTRES_PEER_CHILD_SCOPE"] = scope
    else:
        os.environ.pop("FASTRES_PEER_CHILD_SCOPE", None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    names = set(filter(None, os.environ.get("FASTRES_PEER_DESELECT_FIXTURES", "").split(",")))
    if not names:
        return
    keep, drop = [], []
    for item in items:
        (drop if names & set(getattr(item, "fixturenames", ())) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    previous = _outcomes.get(report.nodeid)
    if report.when == "call":
        if hasattr(report, "wasxfail"):
            outcome = "xfailed" if report.skipped else "xpassed"
        else:
            outcome = report.outcome
        if previous != "error":
            _outcomes[report.nodeid] = outcome
    elif report.failed:
        _outcomes[report.nodeid] = "error"
    elif report.skipped and report.when == "setup":
        _outcomes[report.nodeid] = "xfailed" if hasattr(report, "wasxfail") else "skipped"


def pytest_terminal_summary(terminalreporter: t.Any) -> None:
    scope = _state["scope"]
    if scope == "off":
        terminalreporter.write_line("fastres-peer: baseline (nothing swapped)")
    else:
        terminalreporter.write_line(
            f"fastres-peer: scope={scope} backend={_state['backend']}"
            f" fastres instances created={_state['created']}"
            f" converted by force_type={_state['converted']}"
            + (f" apps adopted={_state['adopted']}" if scope == "init_app" else "")
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    path = os.environ.get("FASTRES_PEER_RESULTS")
    if not path or _state.get("child"):
        return
    data = {
        "scope": _state["scope"],
        "backend": _state.get("backend"),
        "created": _state["created"],
        "converted": _state["converted"],
        "adopted": _state["adopted"],
        "rebound": _state.get("rebound", []),
        "outcomes": _outcomes,
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True)
