"""The request facade :class:`Request` (the ``req`` of a ``(req, res)`` view)."""

from __future__ import annotations

import typing as t
from collections.abc import Mapping

import flask

from . import _mime
from ._signing import unsign_cookie


class _AttrView:
    """Read-only attribute access over a mapping: ``req.query.page`` is
    ``req.query.get("page")`` (``None`` when absent); indexing, ``get``,
    ``getlist``, ``in`` and iteration work as on the mapping."""

    __slots__ = ("_data",)

    def __init__(self, data: t.Mapping[str, t.Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> t.Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._data.get(name)

    def __getitem__(self, key: str) -> t.Any:
        return self._data[key]

    def get(self, key: str, default: t.Any = None, type: t.Any = None) -> t.Any:  # noqa: A002
        if type is None:
            return self._data.get(key, default)
        try:
            return type(self._data[key])
        except (KeyError, ValueError, TypeError):
            return default

    def getlist(self, key: str) -> list[t.Any]:
        getlist = getattr(self._data, "getlist", None)
        if getlist is not None:
            return getlist(key)  # type: ignore[no-any-return]
        return [self._data[key]] if key in self._data else []

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> t.Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def keys(self) -> t.Any:
        return self._data.keys()

    def items(self) -> t.Any:
        return self._data.items()

    def values(self) -> t.Any:
        return self._data.values()

    def to_dict(self) -> dict[str, t.Any]:
        return dict(self._data.items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _AttrView):
            other = other._data
        return self.to_dict() == (dict(other.items()) if isinstance(other, Mapping) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{self.to_dict()!r}>"


class Request:
    """The ``req`` of a ``(req, res)`` view: a small facade over :class:`flask.Request`.

    Anything not defined here is read from the Flask request (``req.args``,
    ``req.files``, ...); the request itself is ``req.request``.
    """

    __slots__ = ("request",)

    def __init__(self, request: flask.Request) -> None:
        self.request = request

    @property
    def query(self) -> _AttrView:
        """The query string arguments (``req.query.page`` or ``req.query["page"]``)."""
        return _AttrView(self.request.args)

    @property
    def params(self) -> _AttrView:
        """The URL parameters of the matched route."""
        return _AttrView(self.request.view_args or {})

    @property
    def body(self) -> t.Any:
        """The parsed body: JSON for a JSON request (400 if malformed), else the form."""
        request = self.request
        if request.is_json:
            return request.get_json()
        return _AttrView(request.form)

    @property
    def json(self) -> t.Any:
        """The parsed JSON body, ``None`` unless the request is JSON (400 if malformed)."""
        request = self.request
        return request.get_json() if request.is_json else None

    @property
    def cookies(self) -> t.Mapping[str, str]:
        return self.request.cookies

    @property
    def signed_cookies(self) -> dict[str, str]:
        """The cookies set with ``res.cookie(..., signed=True)`` whose signature checks out."""
        app = flask.current_app._get_current_object()  # type: ignore[attr-defined]
        rv = {}
        for name, raw in self.request.cookies.items():
            value = unsign_cookie(raw, app)
            if value is not None:
                rv[name] = value
        return rv

    def signed_cookie(self, name: str, default: str | None = None) -> str | None:
        """The verified value of a signed cookie; *default* when missing, unsigned or forged."""
        value = unsign_cookie(self.request.cookies.get(name))
        return default if value is None else value

    def get(self, field: str, default: str | None = None) -> str | None:
        """A request header, case-insensitive (``Referrer`` and ``Referer`` are one)."""
        if field.lower() in ("referer", "referrer"):
            field = "Referer"
        return self.request.headers.get(field, default)

    header = get

    @property
    def ip(self) -> str | None:
        """The client address (behind proxies, configure ``ProxyFix``)."""
        return self.request.remote_addr

    @property
    def ips(self) -> list[str]:
        return list(self.request.access_route)

    @property
    def path(self) -> str:
        return self.request.path

    @property
    def method(self) -> str:
        return self.request.method

    @property
    def hostname(self) -> str:
        """The ``Host`` without its port."""
        host = self.request.host
        if host.startswith("["):  # an IPv6 literal
            return host[: host.find("]") + 1]
        return host.partition(":")[0]

    @property
    def protocol(self) -> str:
        return self.request.scheme

    @property
    def secure(self) -> bool:
        return self.request.is_secure

    def accepts(self, *types: str) -> str | None:
        """The best of *types* (MIME types or extensions) for ``Accept``, or ``None``."""
        mimes = [_mime.mime_for(item) for item in types]
        accept = self.request.accept_mimetypes
        if not accept:
            return types[0] if types else None
        best = accept.best_match(mimes)
        return None if best is None else types[mimes.index(best)]

    def __getattr__(self, name: str) -> t.Any:
        return getattr(self.request, name)

    def __repr__(self) -> str:
        return f"<express.Request {self.request.method} {self.request.path!r}>"
