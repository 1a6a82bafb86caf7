"""A Flask JSON provider on orjson, through the fastres core.

:class:`OrjsonProvider` implements :class:`flask.json.provider.JSONProvider`
(``dumps``, ``loads``, ``response``) with the attributes of Flask's
:class:`~flask.json.provider.DefaultJSONProvider` (``default``,
``ensure_ascii``, ``sort_keys``, ``compact``, ``mimetype``), so
``app.json = OrjsonProvider(app)`` (or :func:`fastres.init_app`) changes how
fast JSON is written, not what ``jsonify`` and dict-returning views mean.

Encoding goes through the live core's ``json_dumps`` (orjson); decoding uses
``orjson.loads`` and falls back to :func:`json.loads` wherever the two could
disagree.  Every byte-level difference from Flask's default provider is listed
in the README ("JSON differences from Flask") and pinned by ``tests/test_json.py``:

- non-ASCII text is written as UTF-8, not ``\\uXXXX`` escapes
  (``ensure_ascii = False``; set it to ``True`` for Flask's exact escapes);
- ``dumps`` is compact (``{"a":1}``) where :func:`json.dumps` writes
  ``{"a": 1}``; ``response`` output is byte-identical in both its compact and
  its indented form;
- some floats are spelled differently (``0.00001`` for ``1e-05``);
- NaN and infinities become ``null``; integers outside the 64-bit range raise;
- non-str dict keys are converted before sorting, not after.
"""

from __future__ import annotations

import dataclasses
import decimal
import json as _json
import re
import typing as t
import uuid
from datetime import date
from types import ModuleType

import orjson
from flask.json.provider import JSONProvider

from . import core

if t.TYPE_CHECKING:
    import flask
    from werkzeug.sansio.response import Response

__all__ = ["OrjsonProvider", "default"]

# Options the provider combines: the three the core names, plus passthrough
# of dates (Flask writes HTTP dates where orjson would write RFC 3339) and of
# dataclasses (orjson would ignore sort_keys for them and skip ``default``),
# so both reach ``default`` exactly as in Flask.
_SORT_KEYS: int = core.impl.JSON_OPT_SORT_KEYS
_INDENT_2: int = core.impl.JSON_OPT_INDENT_2
_NON_STR_KEYS: int = core.impl.JSON_OPT_NON_STR_KEYS
_PASSTHROUGH: int = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS

_COMPACT_SEPARATORS = (",", ":")
_INDENT_SEPARATORS = (",", ": ")

# What json.dumps(..., ensure_ascii=True) escapes that orjson writes raw:
# everything outside printable ASCII that is not already escaped (DEL and up).
_non_ascii = re.compile("[\x7f-\U0010ffff]")
# A run of 19+ digits may be an integer beyond 64 bits, which orjson would
# parse as a float; such documents go to json.loads instead.
_long_digits_str = re.compile(r"[0-9]{19}").search
_long_digits_bytes = re.compile(rb"[0-9]{19}").search


def default(o: t.Any) -> t.Any:
    """Convert what orjson cannot serialise, as Flask's default provider does.

    ``date``/``datetime`` become HTTP dates (``werkzeug.http.http_date``, via
    the core), ``Decimal`` and ``UUID`` their ``str``, dataclasses
    :func:`dataclasses.asdict`, objects with ``__html__`` that string.  Tuple
    subclasses (named tuples), which :mod:`json` writes as arrays and orjson
    does not know, become lists.
    """
    if isinstance(o, date):
        return core.impl.http_date(o)
    if isinstance(o, (decimal.Decimal, uuid.UUID)):
        return str(o)
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    if hasattr(o, "__html__"):
        return str(o.__html__())
    if isinstance(o, tuple):
        return list(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _escape_char(match: re.Match[str]) -> str:
    n = ord(match.group())
    if n < 0x10000:
        return f"\\u{n:04x}"
    n -= 0x10000
    return f"\\u{0xD800 | (n >> 10):04x}\\u{0xDC00 | (n & 0x3FF):04x}"


def _ascii_only(data: bytes) -> bytes:
    """Escape non-ASCII (and DEL) exactly as ``json.dumps(ensure_ascii=True)``."""
    return _non_ascii.sub(_escape_char, data.decode()).encode()


class OrjsonProvider(JSONProvider):
    """Flask's JSON provider interface, encoding with orjson through the fastres core.

    Attributes mirror :class:`flask.json.provider.DefaultJSONProvider`; set
    them on ``app.json`` as you would there.
    """

    default: t.Callable[[t.Any], t.Any] = staticmethod(default)
    """Called for objects orjson cannot serialise; returns a serialisable
    value or raises ``TypeError``.  Dates, decimals, UUIDs, dataclasses and
    ``__html__`` as Flask (see :func:`fastres.json.default`)."""

    ensure_ascii: bool = False
    """``False`` (unlike Flask): write non-ASCII as UTF-8.  ``True`` escapes
    it afterwards, byte-identical to :mod:`json`, at some cost."""

    sort_keys: bool = True
    """Sort dict keys, as Flask does by default.  ``False`` is faster."""

    compact: bool | None = None
    """``True``, or ``None`` outside debug mode: :meth:`response` writes no
    whitespace.  Otherwise it indents by two spaces (orjson's only indent)."""

    mimetype: str = "application/json"
    """The mimetype :meth:`response` sets."""

    #: The core module whose ``json_dumps`` encodes (the live one; the tests
    #: bind a subclass to each core).
    _core: t.ClassVar[ModuleType] = core.impl

    def _encode(
        self,
        obj: t.Any,
        default: t.Callable[[t.Any], t.Any] | None,
        sort_keys: bool,
        ensure_ascii: bool,
        indent: bool,
    ) -> bytes:
        option = _PASSTHROUGH
        if sort_keys:
            option |= _SORT_KEYS
        if indent:
            option |= _INDENT_2
        dumps = self._core.json_dumps
        try:
            data: bytes = dumps(obj, default, option)
        except TypeError:
            # Non-str keys need an orjson option that slows every dict down,
            # so it is only tried when the fast attempt failed.  A TypeError
            # with another cause raises again.
            data = dumps(obj, default, option | _NON_STR_KEYS)
        if ensure_ascii and (not data.isascii() or b"\x7f" in data):  # DEL is ASCII too
            data = _ascii_only(data)
        return data

    def dumps(self, obj: t.Any, **kwargs: t.Any) -> str:
        """Serialise *obj* to a JSON string (compact unless ``indent=2``).

        ``default``, ``sort_keys`` and ``ensure_ascii`` default to the
        provider's attributes.  Keyword arguments orjson cannot honour
        (``cls``, ``indent`` other than 2, other ``separators``, ...) send the
        call to :func:`json.dumps`, so the result is exactly the standard
        library's.
        """
        default = kwargs.pop("default", self.default)
        sort_keys = kwargs.pop("sort_keys", self.sort_keys)
        ensure_ascii = kwargs.pop("ensure_ascii", self.ensure_ascii)
        if kwargs:
            indent = kwargs.get("indent")
            separators = kwargs.get("separators")
            if set(kwargs) <= {"indent", "separators"} and (
                (indent is None and separators in (None, _COMPACT_SEPARATORS))
                or (indent in (2, "  ") and separators in (None, _INDENT_SEPARATORS))
            ):
                return self._encode(obj, default, sort_keys, ensure_ascii, indent is not None).decode()
            return _json.dumps(
                obj, default=default, sort_keys=sort_keys, ensure_ascii=ensure_ascii, **kwargs
            )
        return self._encode(obj, default, sort_keys, ensure_ascii, False).decode()

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

    def response(self, *args: t.Any, **kwargs: t.Any) -> Response:
        """A response of the app's ``response_class`` holding the arguments as JSON.

        As Flask: one positional argument is the value, several a list,
        keyword arguments a dict, none ``null``; the body ends with a newline;
        it is indented when :attr:`compact` is ``False`` or ``None`` in debug
        mode; the mimetype is :attr:`mimetype`.
        """
        obj = self._prepare_response_obj(args, kwargs)
        compact = self.compact
        indent = compact is False or (compact is None and self._app.debug)
        body = self._encode(obj, self.default, self.sort_keys, self.ensure_ascii, indent)
        response_class = t.cast("type[flask.Response]", self._app.response_class)
        return response_class(body + b"\n", mimetype=self.mimetype)
