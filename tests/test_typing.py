"""The typed API: the stub of the compiled core matches the pure twin, and ships."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import fastres
from fastres import _core_py, core

PACKAGE = Path(fastres.__file__).parent


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    found: dict[str, ast.FunctionDef] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for sub in node.body:
                if isinstance(sub, ast.FunctionDef):
                    found[f"{node.name}.{sub.name}"] = sub
    return found


def _signature(fn: ast.FunctionDef) -> list[tuple[str, str, str | None, str | None]]:
    args = fn.args
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    rows = [
        ("pos", a.arg, ast.unparse(a.annotation) if a.annotation else None, ast.unparse(d) if d else None)
        for a, d in zip(positional, defaults, strict=True)
    ]
    rows += [
        ("kw", a.arg, ast.unparse(a.annotation) if a.annotation else None, ast.unparse(d) if d else None)
        for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
    ]
    if args.vararg:
        rows.append(("*", args.vararg.arg, None, None))
    if args.kwarg:
        rows.append(("**", args.kwarg.arg, None, None))
    rows.append(("return", "", ast.unparse(fn.returns) if fn.returns else None, None))
    return rows


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def test_stub_and_typed_marker_are_installed() -> None:
    assert (PACKAGE / "py.typed").is_file()
    assert (PACKAGE / "_core.pyi").is_file()


def test_stub_matches_pure_twin_signature_for_signature() -> None:
    stub = _parse(PACKAGE / "_core.pyi")
    pure = _parse(Path(_core_py.__file__))
    stub_all = next(
        ast.literal_eval(n.value)
        for n in stub.body
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "__all__"
    )
    assert stub_all == _core_py.__all__
    stub_fns, pure_fns = _functions(stub), _functions(pure)
    public = {name: fn for name, fn in pure_fns.items() if name.split(".")[0] in _core_py.__all__}
    assert sorted(stub_fns) == sorted(public)
    for name, fn in public.items():
        stub_rows, pure_rows = _signature(stub_fns[name]), _signature(fn)
        assert len(stub_rows) == len(pure_rows), name
        # A stub writes a default that is not a literal (a sentinel) as "...".
        stub_rows = [
            (*row[:3], pure[3] if row[3] == "..." else row[3]) for row, pure in zip(stub_rows, pure_rows, strict=True)
        ]
        assert stub_rows == pure_rows, name
    stub_names = {n.target.id for n in stub.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    constants = {name for name in _core_py.__all__ if not callable(getattr(_core_py, name))}
    assert stub_names == constants


def test_compiled_core_runtime_signatures_match_pure_twin() -> None:
    if core.compiled is None:
        pytest.skip("the compiled core is not built in this install")
    for name in _core_py.__all__:
        pure = getattr(_core_py, name)
        if not callable(pure) or isinstance(pure, type):
            continue
        compiled = inspect.signature(getattr(core.compiled, name))
        expected = inspect.signature(pure)
        assert [(p.name, p.kind, p.default) for p in compiled.parameters.values()] == [
            (p.name, p.kind, p.default) for p in expected.parameters.values()
        ], name
