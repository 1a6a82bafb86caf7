"""The werkzeug-flavoured fast Response.

:class:`Response` is a :class:`werkzeug.wrappers.Response` with werkzeug's
defaults whose hot methods (``__init__``, ``__call__``, ``close``, ``set_cookie``,
``set_data``, ``get_data``) are functions of the core, bound as methods by
:func:`fastres.core.bind_core`.

Its instances keep werkzeug's layout: the state lives in the instance
``__dict__`` under werkzeug's names, so ``vars()``, ``__dict__`` and
``__class__`` assignment, ``copy`` and ``pickle`` behave as on werkzeug's
responses.  One thing is lazy: until someone reads ``resp.headers``, the
header list sits in the dict as a plain list (``_hlist``); the first read, or
any read of ``__dict__``, replaces it by ``headers``, the core's
:class:`~werkzeug.datastructures.Headers` subclass around that very list (the
core's ``response_headers`` descriptor and ``materialise_headers``).
"""

from __future__ import annotations

import operator
import typing as t

from werkzeug.datastructures import Headers
from werkzeug.sansio.response import Response as _SansioResponse
from werkzeug.wrappers import Response as _WerkzeugResponse

from . import core

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

#: Methods whose werkzeug contract the core's direct ``__call__`` implements.
#: A subclass overriding any of them gets werkzeug's call sequence instead.
_CALL_HOOKS = ("get_wsgi_response", "get_wsgi_headers", "get_app_iter", "iter_encoded", "status")
_hooks_of = operator.attrgetter(*_CALL_HOOKS)


class _DirectCall:
    """``cls._fastres_direct_call``: true while none of *cls*'s call hooks
    (``_CALL_HOOKS``) differs from fastres's own.

    Worked out on every read, so a hook assigned after the class was made (a
    monkeypatch, on the class or a base) counts.  The compiled core reads it
    once per class version: any assignment to a class attribute makes a new one.
    """

    def __get__(self, obj: t.Any, owner: type | None = None) -> bool:
        return _hooks_of(type(obj) if owner is None else owner) == _OWN_HOOKS


#: The real instance ``__dict__`` descriptor of werkzeug's responses.
_DICT = _SansioResponse.__dict__["__dict__"]


def _state_dict(obj: t.Any) -> dict[str, t.Any]:
    """``obj.__dict__``: the real instance dict, in werkzeug's layout."""
    state: dict[str, t.Any] = _DICT.__get__(obj)
    if "_hlist" in state:
        obj._core.materialise_headers(obj)
    if state.get("_on_close") == ():
        state["_on_close"] = []
    return state


def _set_class(obj: t.Any, cls: type) -> None:
    """``obj.__class__ = cls``; a class of werkzeug's knows no lazy headers: make them."""
    if not (isinstance(cls, type) and issubclass(cls, Response)):
        _state_dict(obj)
    _CLASS.__set__(obj, cls)


#: ``object.__class__``.
_CLASS = object.__dict__["__class__"]


class Response(_WerkzeugResponse):
    """A drop-in :class:`werkzeug.wrappers.Response` running on the fastres core."""

    __dict__ = property(_state_dict, _DICT.__set__, _DICT.__delete__, doc="The instance dict, in werkzeug's layout.")
    __class__ = property(_CLASS.__get__, _set_class, doc="The class; assignable as on werkzeug's responses.")

    if t.TYPE_CHECKING:
        # The core module this class runs on (set by :func:`fastres.core.bind_core`),
        # typed as the pure twin so that mypy checks every call into it.
        from . import _core_py as _core
    #: Whether ``__call__`` may take the core's direct path (see ``_CALL_HOOKS``).
    _fastres_direct_call: t.ClassVar[bool] = _DirectCall()  # type: ignore[assignment]

    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        core.accelerate(cls)

    def __getstate__(self) -> dict[str, t.Any]:
        """The instance dict in werkzeug's layout: what copy and pickle restore."""
        return _state_dict(self)

    def call_on_close(self, func: t.Callable[[], t.Any]) -> t.Callable[[], t.Any]:
        """Register *func* to run when the response is closed; returns *func*."""
        if type(self._on_close) is not list:
            self._on_close = []
        self._on_close.append(func)
        return func

    data = property(
        lambda self: self.get_data(),
        lambda self, value: self.set_data(value),
        doc="A descriptor that calls :meth:`get_data` and :meth:`set_data`.",
    )

    def iter_encoded(self) -> t.Iterator[bytes]:
        """Iterate the body encoded: str items as UTF-8, bytes as they are."""
        return self._core.EncodedIterator(self.response)

    def get_wsgi_headers(self, environ: WSGIEnvironment) -> Headers:
        """A new ``Headers`` with the headers to send for *environ* (see werkzeug)."""
        if not self._fastres_direct_call:
            return super().get_wsgi_headers(environ)
        headers = Headers()
        headers._list = self._core.response_wsgi_headers(self, environ)
        return headers

    def get_app_iter(self, environ: WSGIEnvironment) -> t.Iterable[bytes]:
        """The application iterator for *environ*: empty for HEAD, 1xx, 204 and 304."""
        if not self._fastres_direct_call:
            return super().get_app_iter(environ)
        return self._core.response_app_iter(self, environ)

    def get_wsgi_response(self, environ: WSGIEnvironment) -> tuple[t.Iterable[bytes], str, list[tuple[str, str]]]:
        """``(app_iter, status, headers)`` for *environ*."""
        if not self._fastres_direct_call:
            return super().get_wsgi_response(environ)
        headers = self._core.response_wsgi_headers(self, environ)
        return self._core.response_app_iter(self, environ), self.status, headers


#: fastres's own call hooks, as ``getattr(Response, name)`` gives them
#: (functions and a property: equal only when identical).
_OWN_HOOKS = _hooks_of(Response)

core.bind_core(Response, core.impl)
