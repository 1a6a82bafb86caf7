"""Write fastres/_core.pyi, the stub of the compiled core, from the pure twin.

The compiled core (src/_core.pyx) and the pure twin (fastres/_core_py.py)
export the same names with the same signatures, and the twin is annotated, so
the stub is the twin's public functions, classes and constants with their
bodies dropped.  tests/test_typing.py fails when the two drift apart; then
run ``make stub`` (or ``python .ci/gen_core_stub.py``) and commit the result.
"""

from __future__ import annotations

import ast
import copy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TWIN = ROOT / "fastres" / "_core_py.py"
STUB = ROOT / "fastres" / "_core.pyi"

HEADER = """\
# Type stub for the compiled core fastres._core (src/_core.pyx).
#
# Generated from the pure twin fastres/_core_py.py by .ci/gen_core_stub.py
# (make stub): the two export the same names with the same signatures.
# tests/test_typing.py checks stub and twin agree, and that the compiled
# functions take the same parameters at run time.

import typing as t
from http import HTTPStatus
from typing import Final
"""


def _stub_function(fn: ast.FunctionDef | ast.AsyncFunctionDef, indent: str = "") -> str:
    fn = copy.deepcopy(fn)
    fn.body = [ast.Expr(ast.Constant(...))]
    fn.decorator_list = [d for d in fn.decorator_list if ast.unparse(d) in ("staticmethod", "classmethod", "property")]
    return indent + ast.unparse(fn).replace("\n", "\n" + indent)


def _constant_type(node: ast.expr) -> str:
    if isinstance(node, ast.Call):  # an instance (a descriptor): its class is private
        return "t.Any"
    value = ast.literal_eval(node) if isinstance(node, ast.Constant) else None
    return type(value).__name__ if value is not None else "int"


def render(source: str) -> str:
    tree = ast.parse(source)
    names: list[str] = next(
        ast.literal_eval(n.value)
        for n in tree.body
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", None) == "__all__"
    )
    out = [HEADER, f"__all__ = {names!r}", ""]
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in names and name != "__all__":
                if name == "BACKEND":
                    out.append('BACKEND: Final = "cython"')
                else:
                    out.append(f"{name}: Final[{_constant_type(node.value)}]")
    out.append("")
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in names:
            out.append(_stub_function(node))
        elif isinstance(node, ast.ClassDef) and node.name in names:
            out.append("")
            out.append(f"class {node.name}:")
            methods = [s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
            for m in methods:  # ruff's PYI029 would drop a __str__/__repr__ the twin defines
                noqa = "  # noqa: PYI029" if m.name in ("__str__", "__repr__") else ""
                out.append(_stub_function(m, "    ") + noqa)
            if not methods:
                out.append("    ...")
            out.append("")
    return "\n".join(out) + "\n"


def main() -> int:
    STUB.write_text(render(TWIN.read_text(encoding="utf-8")), encoding="utf-8")
    # Format like the rest of the tree when ruff is at hand (make stub has it).
    ruff = Path(sys.executable).with_name("ruff")
    if ruff.exists():
        subprocess.run([str(ruff), "format", "-q", str(STUB)], check=True)
        subprocess.run([str(ruff), "check", "-q", "--fix", str(STUB)], check=True)
    print(f"wrote {STUB.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
