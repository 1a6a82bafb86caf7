"""The werkzeug-flavoured fast Response.

:class:`Response` is a :class:`werkzeug.wrappers.Response` with werkzeug's
defaults whose hot methods (``__init__``, ``__call__``, ``close``, ``set_cookie``,
``set_data``, ``get_data``) are functions of the core, bound as methods by
:func:`fastres.core.bind_core`.

Two changes to werkzeug's instance layout make it cheap:

* The state every response touches (``response``, ``_status``,
  ``_status_code``, ``direct_passthrough``, ``_on_close`` and the headers)
  lives in ``__slots__``, which the compiled core reads and writes at their
  offsets.  An object of werkzeug's own layout therefore cannot become one of
  these by ``__class__`` assignment: :meth:`Response.force_type` moves its
  state into a new instance instead.
* Until someone reads ``resp.headers``, the headers live in a plain list
  (``_hlist``); the first read wraps that very list in a
  :class:`~werkzeug.datastructures.Headers` (see :class:`_HeadersAttribute`).
"""

from __future__ import annotations

import typing as t

from werkzeug.datastructures import Headers
from werkzeug.wrappers import Response as _WerkzeugResponse

from . import core

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

#: Methods whose werkzeug contract the core's direct ``__call__`` implements.
#: A subclass overriding any of them gets werkzeug's call sequence instead.
_CALL_HOOKS = ("get_wsgi_response", "get_wsgi_headers", "get_app_iter", "iter_encoded", "status")


class _HeadersAttribute:
    """``Response.headers``: a ``Headers`` made on first read around the plain list.

    The instance keeps the header list in ``_hlist`` and, once someone reads
    or assigns ``headers``, the ``Headers`` object in ``_headers`` (whose
    ``_list`` *is* ``_hlist``).
    """

    def __get__(self, obj: t.Any, owner: type | None = None) -> t.Any:
        if obj is None:
            return self
        headers = getattr(obj, "_headers", None)
        if headers is None:
            hlist = getattr(obj, "_hlist", None)
            if hlist is None:
                raise AttributeError(f"{type(obj).__name__!r} object has no attribute 'headers'")
            headers = obj._core.Headers()
            headers._list = hlist
            self.__set__(obj, headers)
        return headers

    def __set__(self, obj: t.Any, headers: Headers) -> None:
        obj._headers = headers
        obj._hlist = headers._list

    def __delete__(self, obj: t.Any) -> None:
        obj._headers = obj._hlist = None


class Response(_WerkzeugResponse):
    """A drop-in :class:`werkzeug.wrappers.Response` running on the fastres core."""

    #: The per-response state the core reads and writes at fixed offsets
    #: (see the module docstring); everything else stays in ``__dict__``.
    __slots__ = ("response", "_status", "_status_code", "_hlist", "_headers", "direct_passthrough", "_on_close")

    headers = _HeadersAttribute()
    _headers: Headers | None
    _hlist: list[tuple[str, str]]
    _on_close: t.Sequence[t.Callable[[], t.Any]]  # type: ignore[assignment]  # () until call_on_close

    #: The core module this class runs on (set by :func:`fastres.core.bind_core`).
    _core: t.ClassVar[t.Any]
    #: Whether ``__call__`` may take the core's direct path (see ``_CALL_HOOKS``).
    _fastres_direct_call: t.ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fastres_direct_call = all(
            getattr(cls, name) is getattr(Response, name) for name in _CALL_HOOKS
        )
        core.accelerate(cls)

    @classmethod
    def force_type(cls, response: _WerkzeugResponse, environ: WSGIEnvironment | None = None) -> t.Any:
        """Convert *response* (or, with *environ*, any WSGI app) to this class.

        werkzeug's semantics, with one difference: a response of werkzeug's
        own layout cannot change class in place (see the module docstring),
        so its state moves to a new instance, which is returned.  fastres
        responses still change class in place.
        """
        if isinstance(response, Response):
            return super().force_type(response, environ)
        if not isinstance(response, _WerkzeugResponse):
            if environ is None:
                raise TypeError("cannot convert WSGI application into response objects without an environ")
            from werkzeug.test import run_wsgi_app

            response = _WerkzeugResponse(*run_wsgi_app(response, environ))
        return _moved_to(cls, response)

    def __getstate__(self) -> tuple[dict[str, t.Any] | None, dict[str, t.Any]]:
        """``(__dict__, slots)``: what pickle and copy need, for every protocol."""
        slots = {name: getattr(self, name) for name in Response.__slots__ if hasattr(self, name)}
        return vars(self) or None, slots

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
        return self._core.EncodedIterator(self.response)  # type: ignore[no-any-return]

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
        return self._core.response_app_iter(self, environ)  # type: ignore[no-any-return]

    def get_wsgi_response(
        self, environ: WSGIEnvironment
    ) -> tuple[t.Iterable[bytes], str, list[tuple[str, str]]]:
        """``(app_iter, status, headers)`` for *environ*."""
        if not self._fastres_direct_call:
            return super().get_wsgi_response(environ)
        headers = self._core.response_wsgi_headers(self, environ)
        return self._core.response_app_iter(self, environ), self.status, headers


def _moved_to(cls: type[Response], old: _WerkzeugResponse) -> Response:
    """A new *cls* instance holding *old*'s state (its ``__dict__`` and slots)."""
    new = object.__new__(cls)
    state = dict(vars(old))
    headers = state.pop("headers", None)
    for name in Response.__slots__:
        if name in state:
            setattr(new, name, state.pop(name))
    if headers is not None:
        new.headers = headers
    vars(new).update(state)
    return new


core.bind_core(Response, core.impl)
