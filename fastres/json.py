"""A Flask JSON provider on orjson, through the fastres core.

:class:`OrjsonProvider` implements :class:`flask.json.provider.JSONProvider`
(``dumps``, ``loads``, ``response``) with the attributes and defaults of
Flask's :class:`~flask.json.provider.DefaultJSONProvider` (``default``,
``ensure_ascii``, ``sort_keys``, ``compact``, ``mimetype``), so
``app.json = OrjsonProvider(app)`` (or :func:`fastres.init_app`) changes how
fast JSON is written, not what it says: ``dumps``, ``response`` (``jsonify``,
dict-returning views) and ``|tojson`` write the bytes Flask writes.

Encoding is orjson (the core's ``json_dumps``) followed by one pass (the
core's ``json_standard``) that restores :func:`json.dumps`'s separators,
indentation, ``\\uXXXX`` escapes and float spellings.  What orjson cannot
express (non-str keys, integers beyond 64 bits, NaN, ``cls=`` and other
encoder arguments, circular or very deep values) goes to :func:`json.dumps`
with the same arguments.  :meth:`OrjsonProvider.response` (``jsonify``,
dict-returning views) is the core's ``json_provider_response``: the
provider's settings read, encoding, that pass, the trailing newline and the
response built by the app's class, in one C call on the compiled core.  The
remaining differences are in the README
("JSON differences from Flask"), each pinned by ``tests/test_json.py``.

The Express facade's ``res.json``/``res.jsonp`` encode through the app's
provider too (:func:`app_json_body`).
"""

from __future__ import annotations

import dataclasses
import decimal
import json as _json
import re
import typing as t
import uuid
import weakref
from datetime import date
from types import ModuleType

import flask
import orjson
from flask.globals import _cv_app
from flask.json.provider import DefaultJSONProvider, JSONProvider

from . import core

if t.TYPE_CHECKING:
    from flask.sansio.app import App
    from werkzeug.sansio.response import Response

__all__ = ["OrjsonProvider", "app_json_body", "default"]

# Flask's default hands dates to ``default`` (HTTP dates, where orjson would
# write RFC 3339) and dataclasses too (orjson would ignore sort_keys for
# them), so both pass through orjson untouched.
_PASSTHROUGH: int = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
_SORTED: int = _PASSTHROUGH | core.impl.JSON_OPT_SORT_KEYS

# (item separator, key separator, indent) as json.dumps takes them, in bytes.
_Style = tuple[bytes, bytes, bytes | None]
_STANDARD: _Style = (b", ", b": ", None)  # json.dumps() with no arguments
_COMPACT: _Style = (b",", b":", None)  # Flask's compact response
_INDENT_2: _Style = (b",", b": ", b"  ")  # Flask's indented response (indent=2)

#: json.dumps arguments the fast path honours besides default, ensure_ascii
#: and sort_keys: the output cannot differ, or the fallback makes it the same
#: (skipkeys and allow_nan only matter for the values that fall back).
_FAST_ARGUMENTS = frozenset({"indent", "separators", "allow_nan", "check_circular", "skipkeys"})

_app_ctx = _cv_app.get

# A run of 19+ digits may be an integer beyond 64 bits, which orjson would
# parse as a float; such documents go to json.loads instead.
_long_digits_str = re.compile(r"[0-9]{19}").search
_long_digits_bytes = re.compile(rb"[0-9]{19}").search


def default(o: t.Any) -> t.Any:
    """Convert what JSON cannot express, as Flask's default provider does.

    ``date``/``datetime`` become HTTP dates (``werkzeug.http.http_date``, via
    the core), ``Decimal`` and ``UUID`` their ``str``, dataclasses
    :func:`dataclasses.asdict`, objects with ``__html__`` that string.
    """
    if isinstance(o, date):
        return core.impl.http_date(o)
    if isinstance(o, (decimal.Decimal, uuid.UUID)):
        return str(o)
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    if hasattr(o, "__html__"):
        return str(o.__html__())
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _json_native(o: t.Any) -> t.Any:
    """What :mod:`json` writes itself but orjson hands to ``default``:
    tuple subclasses (named tuples) as arrays, float subclasses as floats."""
    if isinstance(o, tuple):
        return list(o)
    if isinstance(o, float):
        return float(o)
    return _NATIVE


_NATIVE: t.Any = object()


def _default_builtin(o: t.Any) -> t.Any:
    value = _json_native(o)
    return default(o) if value is _NATIVE else value


_FLASK_DEFAULT = DefaultJSONProvider.default


def _orjson_default(user_default: t.Any) -> t.Callable[[t.Any], t.Any]:
    """The ``default`` to give orjson so that *user_default* sees what it sees under json."""
    if user_default is default or user_default is _FLASK_DEFAULT:
        return _default_builtin

    def call(o: t.Any) -> t.Any:
        value = _json_native(o)
        return user_default(o) if value is _NATIVE else value  # None: TypeError, as json raises

    return call


def _encode(
    impl: ModuleType, obj: t.Any, user_default: t.Any, sort_keys: t.Any, ensure_ascii: t.Any, style: _Style
) -> bytes | None:
    """``json.dumps(obj, ...)`` as UTF-8 through orjson, or ``None`` where orjson
    cannot express it (the caller then asks :func:`json.dumps`)."""
    try:
        data: bytes = impl.json_dumps(obj, _orjson_default(user_default), _SORTED if sort_keys else _PASSTHROUGH)
    except TypeError:
        # Non-str keys, big integers, circular or deep values, unknown types:
        # json.dumps writes them, or raises its own error, as Flask's would.
        return None
    return impl.json_standard(data, obj, style[0], style[1], style[2], bool(ensure_ascii))  # type: ignore[no-any-return]


def _style(kwargs: dict[str, t.Any]) -> _Style | None:
    """The style *kwargs* ask of :func:`json.dumps`, or ``None`` if the fast path cannot follow."""
    if not kwargs:
        return _STANDARD
    if not kwargs.keys() <= _FAST_ARGUMENTS:
        return None
    indent = kwargs.get("indent")
    separators = kwargs.get("separators")
    if indent is None:
        ind = None
        item, key = ", ", ": "
    else:
        if isinstance(indent, int):
            indent = " " * indent
        elif not isinstance(indent, str):
            return None
        ind = indent
        item, key = ",", ": "
    if separators is not None:
        if type(separators) not in (tuple, list) or len(separators) != 2:
            return None
        item, key = separators
        if type(item) is not str or type(key) is not str:
            return None
    if not (item.isascii() and key.isascii() and (ind is None or ind.isascii())):
        return None
    return item.encode(), key.encode(), None if ind is None else ind.encode()


def _dumps(impl: ModuleType, obj: t.Any, kwargs: dict[str, t.Any]) -> str:
    """``json.dumps(obj, **kwargs)``, fast where orjson can express it."""
    user_default = kwargs.pop("default")
    ensure_ascii = kwargs.pop("ensure_ascii")
    sort_keys = kwargs.pop("sort_keys")
    style = _style(kwargs)
    if style is not None:
        data = _encode(impl, obj, user_default, sort_keys, ensure_ascii, style)
        if data is not None:
            return data.decode()
    return _json.dumps(obj, default=user_default, ensure_ascii=ensure_ascii, sort_keys=sort_keys, **kwargs)


def _json_fallback_response(
    cls: t.Callable[..., Response],
    obj: t.Any,
    user_default: t.Any,
    ensure_ascii: t.Any,
    sort_keys: t.Any,
    indented: bool,
    mimetype: t.Any,
) -> Response:
    """The response for what orjson cannot express, written by :func:`json.dumps`."""
    style: dict[str, t.Any] = {"indent": 2} if indented else {"separators": (",", ":")}
    text = _json.dumps(obj, default=user_default, ensure_ascii=ensure_ascii, sort_keys=sort_keys, **style)
    return cls(f"{text}\n", mimetype=mimetype)


_FLASK_DEBUG = flask.Flask.debug

# Flask's default and orjson's stand-in for it, the stand-in for any other
# default, Flask's debug property, the json.dumps path, the orjson options.
_RESPONSE_PARTS = (
    default,
    _default_builtin,
    _orjson_default,
    _FLASK_DEBUG,
    _json_fallback_response,
    _SORTED,
    _PASSTHROUGH,
)


class OrjsonProvider(JSONProvider):
    """Flask's JSON provider interface, encoding with orjson through the fastres core.

    Attributes mirror :class:`flask.json.provider.DefaultJSONProvider`, with
    its defaults; set them on ``app.json`` as you would there.
    """

    default: t.Callable[[t.Any], t.Any] = staticmethod(default)
    """Called for objects JSON cannot express; returns a serialisable value or
    raises ``TypeError``.  Dates, decimals, UUIDs, dataclasses and
    ``__html__`` as Flask (see :func:`fastres.json.default`)."""

    ensure_ascii: bool = True
    """Escape non-ASCII as ``\\uXXXX``, as Flask does by default.  ``False``
    writes UTF-8 (shorter, and skips the escaping)."""

    sort_keys: bool = True
    """Sort dict keys, as Flask does by default.  ``False`` is faster."""

    compact: bool | None = None
    """``True``, or ``None`` outside debug mode: :meth:`response` writes no
    whitespace.  Otherwise it indents by two spaces, as Flask does."""

    mimetype: str = "application/json"
    """The mimetype :meth:`response` sets."""

    #: The core module that encodes (the live one; the tests bind a subclass
    #: to each core): a subclass setting it gets that core's ``response``.
    _core: t.ClassVar[ModuleType] = core.impl

    response = core.impl.json_provider_response
    """A response of the app's ``response_class`` holding the arguments as JSON.

    As Flask: one positional argument is the value, several a list, keyword
    arguments a dict, none ``null``; the body ends with a newline; it is
    indented when :attr:`compact` is ``False`` or ``None`` in debug mode; the
    mimetype is :attr:`mimetype`.  The core's ``json_provider_response``
    (one C call on the compiled core), with :func:`json.dumps` for what
    orjson cannot express.
    """

    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_core" in cls.__dict__ and "response" not in cls.__dict__:
            cls.response = cls._core.json_provider_response

    def __init__(self, app: App) -> None:
        super().__init__(app)
        # Flask keeps a weakref.proxy as self._app; a plain weak reference
        # reaches the app faster on the response path.
        self._app_ref: t.Callable[[], App | None] = weakref.ref(app)

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialise *obj* to a JSON string: exactly what :func:`json.dumps`
        returns for the same arguments, ``default``, ``ensure_ascii`` and
        ``sort_keys`` defaulting to the provider's attributes."""
        kwargs.setdefault("default", self.default)
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        kwargs.setdefault("sort_keys", self.sort_keys)
        return _dumps(self._core, obj, kwargs)

    # The core's response writes the body itself while ``dumps`` is this one;
    # for a subclass with its own ``dumps`` it is Flask's response, which
    # writes the body through ``self.dumps``.
    _response_parts = (*_RESPONSE_PARTS, dumps, DefaultJSONProvider.response)

    def loads(self, s: str | bytes, **kwargs: t.Any) -> t.Any:
        """Deserialise JSON text or UTF-8 bytes.

        orjson parses unless the result could differ from :func:`json.loads`:
        keyword arguments, a run of 19 or more digits (an integer orjson would
        turn into a float), or input orjson rejects (``NaN``, ``Infinity``,
        ``1e400``, a BOM, UTF-16 bytes, lone surrogates) all go to
        :func:`json.loads`, which then accepts or rejects it as Flask would.
        """
        if kwargs:
            return _json.loads(s, **kwargs)
        if isinstance(s, str):
            if _long_digits_str(s) is not None:
                return _json.loads(s)
        elif isinstance(s, (bytes, bytearray)) and _long_digits_bytes(s) is not None:
            return _json.loads(s)
        try:
            return orjson.loads(s)
        except orjson.JSONDecodeError:
            return _json.loads(s)

    def body(self, obj: t.Any) -> bytes:
        """The JSON :meth:`response` sends for *obj*, without its trailing newline."""
        return _body(self, self._core, obj, self.ensure_ascii)


def _body(provider: t.Any, impl: ModuleType, obj: t.Any, ensure_ascii: t.Any) -> bytes:
    """What Flask's ``DefaultJSONProvider.response`` writes for *obj* with
    *provider*'s attributes (but *ensure_ascii*), without the trailing newline."""
    compact = provider.compact
    indented = compact is False or (compact is None and provider._app.debug)
    user_default, sort_keys = provider.default, provider.sort_keys
    data = _encode(impl, obj, user_default, sort_keys, ensure_ascii, _INDENT_2 if indented else _COMPACT)
    if data is not None:
        return data
    style: dict[str, t.Any] = {"indent": 2} if indented else {"separators": (",", ":")}
    text = _json.dumps(obj, default=user_default, ensure_ascii=ensure_ascii, sort_keys=sort_keys, **style)
    return text.encode()


class _FlaskDefaults:
    """Flask's default provider settings, for JSON written outside an app."""

    default = staticmethod(default)
    sort_keys = True
    compact = True
    _app = None


def app_json_body(obj: t.Any, impl: ModuleType) -> bytes:
    """The body of the Express facade's ``res.json(obj)``: what the current app's
    ``app.json.response(obj)`` sends (its key order, ``compact``, ``default``,
    dates), as Express writes it: non-ASCII as UTF-8 (``JSON.stringify``)
    whatever ``ensure_ascii`` says, and no trailing newline.

    An :class:`OrjsonProvider` and Flask's own default provider encode here
    (fast; *impl* is the core for the latter); any other provider is asked for
    its response.  With the app's ``EXPRESS_JSON_ESCAPE`` config true, ``<``,
    ``>`` and ``&`` are written ``\\u003c``, ``\\u003e``, ``\\u0026`` (Express's
    ``"json escape"``).  Outside an app context, Flask's defaults apply
    (compact, sorted keys, no escaping).
    """
    ctx = _app_ctx(None)
    if ctx is None:
        return _body(_FlaskDefaults, impl, obj, False)
    app = ctx.app
    provider = app.json
    if isinstance(provider, OrjsonProvider):
        body = _body(provider, provider._core, obj, False)
    elif type(provider) is DefaultJSONProvider:
        body = _body(provider, impl, obj, False)
    else:
        body = provider.response(obj).get_data()[:-1]  # type: ignore[attr-defined]
    if app.config.get("EXPRESS_JSON_ESCAPE"):
        # JSON has these characters only inside strings, and no UTF-8
        # sequence contains their bytes, so replacing bytes is exact.
        return body.replace(b"&", b"\\u0026").replace(b"<", b"\\u003c").replace(b">", b"\\u003e")
    return body
