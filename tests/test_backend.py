"""Which core is live, and the guard that the compiled one really loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import flask
import werkzeug

import fastres
from fastres import core


def test_compiled_core_loaded() -> None:
    """Guard: a normal build must run on the compiled core, not silently on the twin."""
    if os.environ.get("FASTRES_EXPECT_PURE"):
        assert not os.environ.get("FASTRES_REQUIRE_EXTENSIONS"), "contradictory FASTRES_* flags"
        _assert_pure_install()
        return
    if os.environ.get("FASTRES_NO_EXTENSIONS"):
        assert fastres.backend == "python"
        return
    assert core.compiled is not None, "fastres._core did not import"
    assert core.compiled.BACKEND == "cython"
    assert core.compiled.__file__.endswith((".so", ".pyd"))
    assert fastres.backend == "cython"
    assert fastres.Response.__init__ is core.compiled.response_init


def _assert_pure_install() -> None:
    """A py3-none-any install: no extension module shipped, the twin is live."""
    package = Path(fastres.__file__).parent
    assert core.compiled is None
    assert fastres.backend == "python"
    assert fastres.Response.__init__ is core.pure.response_init
    assert not [p.name for p in package.iterdir() if p.suffix in (".so", ".pyd")]


def test_pure_twin_is_pure_python() -> None:
    assert core.pure.BACKEND == "python"
    assert core.pure.__file__.endswith("_core_py.py")


def test_cores_export_the_same_names() -> None:
    if core.compiled is None:
        return
    assert core.compiled.__all__ == core.pure.__all__
    for name in core.pure.__all__:
        assert hasattr(core.compiled, name), name
        assert hasattr(core.pure, name), name


def _backend_in_subprocess(**env: str) -> str:
    code = "import fastres; print(fastres.backend)"
    out = subprocess.run(
        [sys.executable, "-I", "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_no_extensions_env_selects_pure_twin() -> None:
    assert _backend_in_subprocess(FASTRES_NO_EXTENSIONS="1") == "python"


def test_no_extensions_zero_keeps_default() -> None:
    expected = "cython" if core.compiled is not None else "python"
    assert _backend_in_subprocess(FASTRES_NO_EXTENSIONS="0") == expected


def test_class_hierarchy(backend) -> None:
    assert issubclass(fastres.Response, flask.Response)
    assert issubclass(backend.FlaskResponse, flask.Response)
    assert issubclass(backend.Response, werkzeug.Response)
    assert not issubclass(backend.Response, flask.Response)
    assert backend.FlaskResponse.__name__ == backend.Response.__name__ == "Response"
    assert backend.FlaskResponse._core is backend.core
    assert backend.Response.__call__ is backend.core.response_call
