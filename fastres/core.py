"""Choose the core: the compiled ``fastres._core`` or its pure-Python twin.

The compiled module is used unless it failed to import, the interpreter is
not CPython, or ``FASTRES_NO_EXTENSIONS`` is set to a non-empty value other
than ``0`` when fastres is first imported.  :data:`backend` names the one
that is live.  Nothing else in fastres branches on this choice.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType
from typing import TYPE_CHECKING

from . import _core_py

#: Core function bound as each hot method of :class:`fastres.wrappers.Response`
#: (and the core's descriptor as its lazy ``headers``).
HOT_METHODS = {
    "headers": "response_headers",
    "__init__": "response_init",
    "__call__": "response_call",
    "close": "response_close",
    "set_cookie": "response_set_cookie",
    "set_data": "response_set_data",
    "get_data": "response_get_data",
}


def _extensions_disabled() -> bool:
    flag = os.environ.get("FASTRES_NO_EXTENSIONS", "")
    return bool(flag) and flag != "0"


def _load_compiled() -> ModuleType | None:
    if sys.implementation.name != "cpython":
        return None
    try:
        from . import _core
    except ImportError:
        return None
    return _core


compiled: ModuleType | None = _load_compiled()
"""The compiled core if it imports on this interpreter, whatever was selected."""

pure: ModuleType = _core_py
"""The pure-Python twin."""

if TYPE_CHECKING:
    # Typed as the pure twin, so that mypy checks every call through ``impl``
    # (the compiled core's stub, _core.pyi, mirrors the twin: tests/test_typing.py).
    impl = _core_py
else:
    impl: ModuleType = pure if compiled is None or _extensions_disabled() else compiled
    """The core fastres runs on."""

backend: str = impl.BACKEND
"""``"cython"`` or ``"python"``: which core is live."""


def bind_core(cls: type, core: ModuleType) -> None:
    """Install *core*'s hot functions as methods of *cls* (in place).

    A class listing hot method names in ``_fastres_own_methods`` implements
    those itself (on top of ``cls._core``), and keeps them: the Express facade's
    chainable ``set_cookie`` is one.
    """
    own = getattr(cls, "_fastres_own_methods", ())
    for method, function in HOT_METHODS.items():
        if method not in own:
            setattr(cls, method, getattr(core, function))
    cls._core = core  # type: ignore[attr-defined]
    accelerate(cls)


def accelerate(cls: type) -> None:
    """Let the compiled core, when present, set *cls*'s construct and call slots.

    It installs its own for a class on the compiled core and restores
    CPython's generic ones for a class on the pure twin (subclasses inherit
    the slots), so the twin never runs through compiled code.  Without the
    compiled core, the twin's ``accelerate`` still refuses (``TypeError``)
    anything that is not a fastres Response class.
    """
    (compiled if compiled is not None else pure).accelerate(cls)


def on_core(cls: type, core: ModuleType) -> type:
    """A subclass of *cls*, same name, whose hot methods run on *core*.

    Used by the tests and benchmarks to run both cores in one process.
    """
    sub = type(cls.__name__, (cls,), {"__module__": cls.__module__, "__qualname__": cls.__qualname__})
    bind_core(sub, core)
    return sub
