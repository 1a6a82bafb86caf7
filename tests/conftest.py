"""Shared fixtures: every behavioural test runs once per core.

The ``backend`` fixture is parametrized over the compiled core and the
pure-Python twin (the propcache/multidict pattern).  It hands out Response
classes bound to that core, so both run in one process.

When the compiled core is absent, what happens is decided by the run, never
guessed: ``FASTRES_REQUIRE_EXTENSIONS=1`` (``make test``, the compiled wheels)
fails every compiled-core test; otherwise they are skipped, and the guard
``test_compiled_core_loaded`` still fails unless the run declared a pure
install with ``FASTRES_EXPECT_PURE=1`` (the ``py3-none-any`` wheel) or asked
for the twin with ``FASTRES_NO_EXTENSIONS=1``.  The header pytest prints
says which core is live and where the compiled one was loaded from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from types import ModuleType

import flask
import pytest
import werkzeug

from fastres import core, response, wrappers
from support import WSGI_ENVIRON

#: The Express facade's fixtures (``facade``, ``app``, ``client``).
pytest_plugins = ["express_support"]

#: ``FASTRES_TEST_BACKENDS=cython`` runs the compiled core only (``make sanitize``).
BACKENDS = tuple(os.environ.get("FASTRES_TEST_BACKENDS", "cython,python").split(","))


@dataclass(frozen=True)
class Backend:
    """One core and the Response classes bound to it."""

    name: str
    core: ModuleType
    Response: type[werkzeug.Response]  # werkzeug flavour
    FlaskResponse: type[flask.Response]  # flask flavour (fastres.Response)


def _core_module(name: str) -> ModuleType:
    if name == "python":
        return core.pure
    if core.compiled is None:
        if os.environ.get("FASTRES_REQUIRE_EXTENSIONS"):
            pytest.fail("the compiled core fastres._core did not import")
        pytest.skip(
            "compiled core absent (pure-Python install) and FASTRES_REQUIRE_EXTENSIONS unset:"
            " only the pure twin is tested"
        )
    return core.compiled


def pytest_report_header(config: pytest.Config) -> str:
    compiled = core.compiled.__file__ if core.compiled is not None else "absent"
    flags = " ".join(
        f"{name}={os.environ[name]}"
        for name in ("FASTRES_REQUIRE_EXTENSIONS", "FASTRES_EXPECT_PURE", "FASTRES_NO_EXTENSIONS")
        if name in os.environ
    )
    return f"fastres: live core {core.backend!r}; compiled core: {compiled}; {flags or 'no FASTRES_* flags'}"


def make_backend(name: str) -> Backend:
    module = _core_module(name)
    if module is core.impl:
        return Backend(name, module, wrappers.Response, response.Response)
    return Backend(
        name,
        module,
        core.on_core(wrappers.Response, module),
        core.on_core(response.Response, module),
    )


@pytest.fixture(params=BACKENDS, scope="session")
def backend(request: pytest.FixtureRequest) -> Backend:
    return make_backend(request.param)


@pytest.fixture
def environ() -> dict[str, object]:
    return dict(WSGI_ENVIRON)


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the figures the stress tests collected (``REPORT`` in tests/stress/loadgen.py)."""
    import sys

    loadgen = sys.modules.get("loadgen")
    if loadgen is not None and loadgen.REPORT:
        terminalreporter.section("fastres stress report")
        for line in loadgen.REPORT:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def provider_class(backend: Backend) -> type:
    """``fastres.json.OrjsonProvider`` encoding through *backend*'s core."""
    from fastres.json import OrjsonProvider

    if backend.core is core.impl:
        return OrjsonProvider
    return type("OrjsonProvider", (OrjsonProvider,), {"_core": backend.core})
