"""Pure-Python twin of the compiled core ``fastres._core`` (``src/_core.pyx``).

Both modules export the same names and must give byte-identical output; the
test suite runs every core test against both.  The core works on plain values
(ints, strs, lists of ``(str, str)`` tuples) plus, for the ``response_*``
functions that are bound as methods of :class:`fastres.wrappers.Response`,
the instance attributes under werkzeug's names:

``_status``, ``_status_code``, ``response``, ``direct_passthrough``, ``headers``
    as in werkzeug, in the instance ``__dict__`` (werkzeug's own layout);
``_on_close``
    ``()`` until ``call_on_close`` makes it a list;
``_hlist``
    the plain header list, in the instance dict instead of ``headers`` until
    someone reads ``resp.headers`` (lazy ``Headers``); ``headers`` wins.
"""

from __future__ import annotations

import math
import re
import time
import typing as t
import warnings
from binascii import b2a_base64
from datetime import datetime, timedelta, timezone
from hashlib import sha1
from http import HTTPStatus
from urllib.parse import quote

import orjson
from werkzeug.datastructures import Headers
from werkzeug.http import HTTP_STATUS_CODES, remove_entity_headers
from werkzeug.http import http_date as _werkzeug_http_date
from werkzeug.sansio.response import Response as _SansioResponse
from werkzeug.urls import iri_to_uri
from werkzeug.wsgi import get_current_url

__all__ = [
    "BACKEND",
    "JSON_OPT_SORT_KEYS",
    "JSON_OPT_INDENT_2",
    "JSON_OPT_NON_STR_KEYS",
    "clean_status",
    "check_status_code",
    "content_type_for",
    "header_value",
    "header_list",
    "set_header",
    "has_header",
    "header_get",
    "is_json_type",
    "encoded_length",
    "wsgi_headers",
    "http_date",
    "dump_cookie",
    "json_dumps",
    "weak_etag",
    "ContextConfig",
    "EncodedIterator",
    "join_encoded",
    "response_init",
    "response_set_data",
    "response_get_data",
    "response_wsgi_headers",
    "response_app_iter",
    "response_call",
    "response_close",
    "response_set_cookie",
    "response_send",
    "accelerate",
    "_class_cache_misses",
]

BACKEND = "python"

JSON_OPT_SORT_KEYS = orjson.OPT_SORT_KEYS
JSON_OPT_INDENT_2 = orjson.OPT_INDENT_2
JSON_OPT_NON_STR_KEYS = orjson.OPT_NON_STR_KEYS

# --------------------------------------------------------------------- status

_STATUS_LINES: dict[int, tuple[str, int]] = {
    code: (f"{code} {HTTP_STATUS_CODES[code].upper()}", code) for code in HTTP_STATUS_CODES
}


def clean_status(value: int | str | HTTPStatus) -> tuple[str, int]:
    """Return ``(status_line, status_code)`` exactly as werkzeug's ``_clean_status``."""
    if isinstance(value, int):
        code = int(value)
        cached = _STATUS_LINES.get(code)
        if cached is not None:
            return cached
        return f"{code} UNKNOWN", code
    value = value.strip()
    if not value:
        raise ValueError("Empty status argument")
    code_str, sep, _ = value.partition(" ")
    try:
        code = int(code_str)
    except ValueError:
        return f"0 {value}", 0
    if sep:
        return value, code
    return clean_status(code)


def check_status_code(code: int, status: str | None = None) -> None:
    """Refuse a status that cannot go on an HTTP status line.

    The code must be within 100-999; the status line, when given, must be
    latin-1 without CR, LF or NUL (``"200 OK\\r\\nX: y"`` would split the
    response).
    """
    if not 100 <= code <= 999:
        raise ValueError(f"Invalid status code {code!r}: must be within 100-999.")
    if status is not None and (type(status) is not str or _bad_value(status) is not None):
        raise ValueError(
            f"Invalid status line {status!r}: must be latin-1 without NUL, CR or LF characters."
        )


# --------------------------------------------------------------- content type

_CHARSET_MIMETYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/sql",
        "application/xml",
        "application/xml-dtd",
        "application/xml-external-parsed-entity",
    }
)
_content_types: dict[str, str] = {}


def content_type_for(mimetype: str) -> str:
    """``werkzeug.utils.get_content_type(mimetype, "utf-8")``, memoised."""
    rv = _content_types.get(mimetype)
    if rv is None:
        rv = mimetype
        if (
            mimetype.startswith("text/")
            or mimetype in _CHARSET_MIMETYPES
            or mimetype.endswith("+xml")
        ):
            rv = f"{mimetype}; charset=utf-8"
        if len(_content_types) < 256:
            _content_types[mimetype] = rv
    return rv


# -------------------------------------------------------------------- headers

_bad_name = re.compile(r"[\x00-\x20\x7f:]|[^\x00-\xff]").search
_bad_value = re.compile(r"[\r\n\x00]|[^\x00-\xff]").search
_newline = re.compile(r"[\r\n]").search


_URI_HEADERS = ("location", "content-location")
_bad_iri_value = re.compile(r"[\r\n\x00]").search


def _iri_header_ok(name: str, value: str) -> bool:
    """Location and Content-Location may hold an IRI: werkzeug sends it converted to a URI."""
    return (
        name.lower() in _URI_HEADERS
        and _bad_name(name) is None
        and _bad_iri_value(value) is None
    )


def _header_error(name: str, value: str) -> ValueError:
    if _newline(value) is not None:
        # werkzeug's own message for the case werkzeug also refuses.
        return ValueError("Header values must not contain newline characters.")
    if _bad_name(name) is not None or not name:
        return ValueError(
            f"Invalid header name {name!r}: must be non-empty latin-1 without"
            " whitespace, control characters or ':'."
        )
    return ValueError(
        f"Invalid value for header {name!r}: must be latin-1 without NUL,"
        " CR or LF characters."
    )


def header_value(name: str, value: t.Any) -> str:
    """Convert and validate one header, as werkzeug's ``Headers.add`` plus fastres's checks.

    Non-str values go through ``str()``.  CR or LF in the value raises
    ``ValueError`` as werkzeug does; fastres also refuses NUL and non-latin-1
    characters in values, and control characters, whitespace, ``:`` and
    non-latin-1 characters in names.
    """
    if type(value) is not str:
        value = str(value)
    if type(name) is not str:
        raise TypeError(f"Header names must be str, not {type(name).__name__}.")
    if not _header_ok(name, value) and not _iri_header_ok(name, value):
        raise _header_error(name, value)
    return value  # type: ignore[no-any-return]


_good_header_names: set[str] = set()


def _header_ok(name: str, value: str) -> bool:
    """The checks of :func:`header_value` on two strs (printable ASCII first: no regex)."""
    if name not in _good_header_names:
        if not name or _bad_name(name) is not None:
            return False
        if len(_good_header_names) < 256:
            _good_header_names.add(name)
    return (value.isascii() and value.isprintable()) or _bad_value(value) is None


def header_list(headers: t.Any) -> list[tuple[str, str]]:
    """Validated list of ``(name, value)`` from anything ``Headers(...)`` accepts."""
    if isinstance(headers, (list, tuple)):
        return [(name, header_value(name, value)) for name, value in headers]
    if type(headers) is dict:  # werkzeug's iter_multi_items, for a plain dict
        out = []
        for name, value in headers.items():
            if isinstance(value, (list, tuple, set)):
                out.extend([(name, header_value(name, item)) for item in value])
            else:
                out.append((name, header_value(name, value)))
        return out
    return [(name, header_value(name, value)) for name, value in Headers(headers)._list]


def set_header(headers: list[tuple[str, str]], name: str, value: t.Any) -> None:
    """``Headers.set`` on a plain list: replace the first match, drop the others."""
    value = header_value(name, value)
    lname = name.lower()
    for i, item in enumerate(headers):
        if item[0].lower() == lname:
            headers[i] = (name, value)
            tail = [h for h in headers[i + 1 :] if h[0].lower() != lname]
            if len(tail) != len(headers) - i - 1:
                headers[i + 1 :] = tail
            return
    headers.append((name, value))


def header_get(headers: list[tuple[str, str]], name: str) -> str | None:
    """The value of the first header called *name* (case-insensitive), or None."""
    lname = name.lower()
    for item in headers:
        if item[0].lower() == lname:
            return item[1]
    return None


def is_json_type(content_type: str) -> bool:
    """Whether a ``Content-Type`` names JSON: ``application/json`` or ``application/*+json``."""
    mimetype = content_type.partition(";")[0].strip().lower()
    return mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )


def has_header(headers: list[tuple[str, str]], name: str) -> bool:
    """Whether a header is present (case-insensitive)."""
    lname = name.lower()
    for item in headers:
        if item[0].lower() == lname:
            return True
    return False


def _drop_header(headers: list[tuple[str, str]], lname: str) -> None:
    headers[:] = [h for h in headers if h[0].lower() != lname]


def encoded_length(body: t.Iterable[t.Any]) -> int:
    """Length in bytes of a buffered body once its str items are UTF-8 encoded."""
    total = 0
    for item in body:
        total += len(item.encode() if isinstance(item, str) else item)
    return total


_uris: dict[str, str] = {}


def _uri(iri: str) -> str:
    """werkzeug's ``iri_to_uri``, memoised: redirects go to the same few places."""
    uri = _uris.get(iri)
    if uri is None:
        uri = iri_to_uri(iri)
        if len(_uris) >= 256:
            _uris.clear()
        _uris[iri] = uri
    return uri


# The names of the headers the core adds itself; _wsgi_headers recognises
# an item holding the very object without lower().
_CONTENT_TYPE = "Content-Type"
_CONTENT_LENGTH = "Content-Length"


def wsgi_headers(
    headers: list[tuple[str, str]],
    status_code: int,
    environ: t.Mapping[str, t.Any],
    autocorrect_location: bool,
    body: t.Any,
    trusted: bool = False,
) -> list[tuple[str, str]]:
    """The header list to hand to ``start_response``, as ``get_wsgi_headers``.

    *body* is the buffered response sequence when ``Content-Length`` may be
    computed from it, else ``None``.  *trusted* says every entry was already
    validated on the way in (a pure-Python shortcut; the compiled core always
    scans).
    """
    return _wsgi_headers(headers, status_code, environ, None, autocorrect_location, body, trusted)


def _wsgi_headers(
    headers: list[tuple[str, str]],
    status_code: int,
    environ: t.Mapping[str, t.Any],
    response: t.Any,
    autocorrect: bool,
    body: t.Any,
    trusted: bool,
) -> list[tuple[str, str]]:
    """wsgi_headers(); with a *response*, its ``autocorrect_location_header`` and
    ``automatically_set_content_length`` are read from it, and only when needed."""
    if trusted:
        out = headers[:]
    else:
        out = [(name, value) for name, value in headers]
    location = content_location = content_length = None
    for name, value in out:
        if not trusted and (type(name) is not str or type(value) is not str or not _header_ok(name, value)):
            if type(name) is not str or type(value) is not str:
                raise TypeError(f"Header {name!r} must be a (str, str) pair.")
            if not _iri_header_ok(name, value):
                raise _header_error(name, value)
        if name is _CONTENT_LENGTH:  # the core's own name object: no lower()
            content_length = value
        elif len(name) in (8, 14, 16):
            lname = name.lower()
            if lname == "location":
                location = value
            elif lname == "content-location":
                content_location = value
            elif lname == "content-length":
                content_length = value
    if location is not None:
        location = _uri(location)
        if autocorrect if response is None else response.autocorrect_location_header:
            from urllib.parse import urljoin

            current_url = iri_to_uri(get_current_url(environ, strip_querystring=True))  # type: ignore[arg-type]
            location = urljoin(current_url, location)
        set_header(out, "Location", location)
    if content_location is not None:
        set_header(out, "Content-Location", _uri(content_location))
    if 100 <= status_code < 200 or status_code == 204:
        _drop_header(out, "content-length")
    elif status_code == 304:
        remove_entity_headers(out)
    elif (
        body is not None
        and content_length is None
        and (response is None or response.automatically_set_content_length)
    ):
        out.append((_CONTENT_LENGTH, str(encoded_length(body))))
    return out


# -------------------------------------------------------------------- cookies

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MIN_TS = -62135596800  # 0001-01-01T00:00:00Z
_MAX_TS = 253402300799  # 9999-12-31T23:59:59Z


def _format_fields(year: int, month: int, day: int, hh: int, mm: int, ss: int, wday: int) -> str:
    return f"{_DAYS[wday]}, {day:02d} {_MONTHS[month - 1]} {year:04d} {hh:02d}:{mm:02d}:{ss:02d} GMT"


# (epoch second, its date): cookies set in the same second share the string.
_last_date: tuple[int, str] = (-1, "")


def _format_epoch(ts: int) -> str:
    global _last_date
    last = _last_date
    if last[0] == ts:
        return last[1]
    tm = time.gmtime(ts)
    rv = _format_fields(tm[0], tm[1], tm[2], tm[3], tm[4], tm[5], tm[6])
    _last_date = (ts, rv)
    return rv


def _float_seconds(ts: float) -> int | None:
    """Whole seconds of *ts* after ``datetime.fromtimestamp``'s microsecond
    rounding (half even), or None when out of range or not finite."""
    if not math.isfinite(ts):
        return None
    frac, whole = math.modf(ts)
    frac = round(frac * 1e6)
    if frac >= 1_000_000:
        whole += 1
    elif frac < 0:
        whole -= 1
    return int(whole) if _MIN_TS <= whole <= _MAX_TS else None


def http_date(timestamp: t.Any = None) -> str:
    """``werkzeug.http.http_date``: an RFC 2822 date in GMT.

    int, float and naive/UTC datetimes are formatted here; everything else
    (other time zones, ``date``, ``struct_time``, ``None``) is handed to
    werkzeug so the result is the same by construction.
    """
    tp = type(timestamp)
    if tp is int and _MIN_TS <= timestamp <= _MAX_TS:
        return _format_epoch(timestamp)
    if tp is float:
        seconds = _float_seconds(timestamp)
        if seconds is not None:
            return _format_epoch(seconds)
    if tp is datetime and (timestamp.tzinfo is None or timestamp.tzinfo is timezone.utc):
        d = timestamp
        return _format_fields(d.year, d.month, d.day, d.hour, d.minute, d.second, d.weekday())
    return _werkzeug_http_date(timestamp)


_cookie_no_quote = re.compile(r"[\w!#$%&'()*+\-./:<=>?@\[\]^`{|}~]*", re.A).fullmatch
_cookie_slash = re.compile(rb"[\x00-\x19\",;\\\x7f-\xff]", re.A)
_COOKIE_SLASH_MAP = {b'"': b'\\"', b"\\": b"\\\\"}
_COOKIE_SLASH_MAP.update(
    (v.to_bytes(1, "big"), b"\\%03o" % v) for v in [*range(0x20), *b",;", *range(0x7F, 256)]
)
_cookie_path_plain = re.compile(r"[A-Za-z0-9_.\-~%!$&'()*+,/:=@]*").fullmatch
# RFC 6265 cookie-name is an RFC 7230 token; werkzeug also sends non-ASCII
# names (as latin-1 mojibake), so those stay allowed.
_bad_cookie_name = re.compile(r"[\x00-\x20\x7f()<>@,;:\\\"/\[\]?={}]").search


_good_cookie_names: set[str] = set()
_plain_paths: dict[str, str] = {}
_SAMESITE = {spelling: spelling.title() for name in ("strict", "lax", "none") for spelling in (name, name.title(), name.upper())}


def _cookie_path(path: t.Any) -> t.Any:
    """The path as werkzeug sends it (quoted), memoising the ones already plain."""
    if type(path) is str and _cookie_path_plain(path):
        if len(_plain_paths) < 256:
            _plain_paths[path] = path
        return path
    return quote(path, safe="%!$&'()*+,/:=@")


def _quote_cookie_value(value: str) -> str:
    if _cookie_no_quote(value):
        return value
    encoded = _cookie_slash.sub(lambda m: _COOKIE_SLASH_MAP[m.group()], value.encode())
    return f'"{encoded.decode("ascii")}"'


def dump_cookie(
    key: str,
    value: str = "",
    max_age: t.Any = None,
    expires: t.Any = None,
    path: str | None = "/",
    domain: str | None = None,
    secure: bool = False,
    httponly: bool = False,
    sync_expires: bool = True,
    max_size: int = 4093,
    samesite: str | None = None,
    partitioned: bool = False,
) -> str:
    """A ``Set-Cookie`` value byte-identical to ``werkzeug.http.dump_cookie``.

    Stricter than werkzeug in one way: a cookie name that is empty or holds
    whitespace, control characters or RFC 6265 separators raises ``ValueError``.
    """
    if type(key) is not str:
        raise TypeError(f"Cookie name must be str, not {type(key).__name__}.")
    if key not in _good_cookie_names:
        if not key or _bad_cookie_name(key) is not None:
            raise ValueError(
                f"Invalid cookie name {key!r}: must be a non-empty token without"
                " whitespace, control characters or any of ()<>@,;:\\\"/[]?={}."
            )
        if len(_good_cookie_names) < 256:
            _good_cookie_names.add(key)
    if path is not None:
        plain = _plain_paths.get(path) if type(path) is str else None
        if plain is None:
            path = _cookie_path(path)
        else:
            path = plain
    if domain:
        domain = domain.partition(":")[0].lstrip(".").encode("idna").decode("ascii")
    if isinstance(max_age, timedelta):
        max_age = int(max_age.total_seconds())
    if expires is not None:
        if not isinstance(expires, str):
            expires = http_date(expires)
    elif max_age is not None and sync_expires:
        expires = http_date(time.time() + max_age)
    if samesite is not None:
        known = _SAMESITE.get(samesite) if type(samesite) is str else None
        if known is None:
            samesite = samesite.title()
            if samesite not in ("Strict", "Lax", "None"):
                raise ValueError("SameSite must be 'Strict', 'Lax', or 'None'.")
        else:
            samesite = known
    if partitioned:
        secure = True
    value = _quote_cookie_value(value)
    buf = [f"{key if key.isascii() else key.encode().decode('latin1')}={value}"]
    for name, attr in (
        ("Domain", domain),
        ("Expires", expires),
        ("Max-Age", max_age),
        ("Secure", secure),
        ("HttpOnly", httponly),
        ("Path", path),
        ("SameSite", samesite),
        ("Partitioned", partitioned),
    ):
        if attr is None or attr is False:  # absent; bare for True; else name=value
            continue
        buf.append(name if attr is True else f"{name}={attr}")
    rv = "; ".join(buf)
    if max_size and len(rv) > max_size:
        _warn_cookie_size(key, value, len(rv), max_size)
    return rv


def _warn_cookie_size(key: str, value: str, cookie_size: int, max_size: int) -> None:
    value_size = len(value)
    warnings.warn(
        f"The '{key}' cookie is too large: the value was {value_size} bytes but the"
        f" header required {cookie_size - value_size} extra bytes. The final size"
        f" was {cookie_size} bytes but the limit is {max_size} bytes. Browsers may"
        " silently ignore cookies larger than this.",
        stacklevel=3,
    )


# ----------------------------------------------------------------------- json


def json_dumps(obj: t.Any, default: t.Callable[[t.Any], t.Any] | None = None, option: int = 0) -> bytes:
    """Serialise with orjson; a value it cannot serialise raises ``TypeError`` naming its type.

    orjson hands back its 4 KiB scratch buffer with the length cut down; a
    response would keep all of it alive, so a small result is copied to its
    exact size.
    """
    data: bytes = orjson.dumps(obj, default, option)
    if len(data) < _JSON_SCRATCH:
        return bytes(memoryview(data))
    return data


_JSON_SCRATCH = 4096


def weak_etag(data: bytes) -> str:
    """A weak ETag for a body: ``W/"<length in hex>-<first 27 chars of base64 SHA-1>"``.

    The same shape (and value) Express's ``etag`` package gives a body.
    """
    if type(data) is not bytes:
        raise TypeError(f"weak_etag() needs bytes, not {type(data).__name__}.")
    digest = b2a_base64(sha1(data).digest(), newline=False)[:27].decode("ascii")
    return f'W/"{len(data):x}-{digest}"'


# ------------------------------------------------------------ configuration


class ContextConfig:
    """Descriptor: ``var.get().app.config[key]`` while the context variable
    *var* is set (Flask's app context), else *default*."""

    __slots__ = ("_var", "_key", "_default")

    def __init__(self, var: t.Any, key: str, default: t.Any) -> None:
        self._var = var
        self._key = key
        self._default = default

    def __get__(self, obj: t.Any, owner: type | None = None) -> t.Any:
        if obj is None:
            return self
        ctx = self._var.get(None)
        if ctx is None:
            return self._default
        return ctx.app.config[self._key]


# ------------------------------------------------------------------ iteration


class EncodedIterator:
    """Iterate a response body as bytes: str items UTF-8 encoded, others passed through.

    ``close()`` calls *on_close* exactly once, however often it is called and
    whether or not iteration finished or raised.  ``iter()`` of it hands out
    the underlying iterator (a generator, or a list iterator for a single
    bytes item), so a WSGI server's loop runs without a Python-level
    ``__next__`` per chunk; ``next()`` on the object itself works too.
    """

    __slots__ = ("_items", "_on_close")

    def __init__(self, iterable: t.Iterable[t.Any], on_close: t.Callable[[], t.Any] | None = None) -> None:
        if type(iterable) is list and len(iterable) == 1 and type(iterable[0]) is bytes:
            self._items: t.Iterator[t.Any] = iter(iterable)
        else:
            # isinstance: str subclasses (markupsafe.Markup) are encoded too
            self._items = (item.encode() if isinstance(item, str) else item for item in iterable)
        self._on_close = on_close

    def __iter__(self) -> t.Iterator[bytes]:
        return self._items

    def __next__(self) -> bytes:
        return next(self._items)  # type: ignore[no-any-return]

    def close(self) -> None:
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close()


def join_encoded(body: t.Iterable[t.Any]) -> bytes:
    """``b"".join`` of the body with str items UTF-8 encoded."""
    return b"".join([item.encode() if isinstance(item, str) else item for item in body])


# ------------------------------------------------ response state (hot methods)
#
# These functions are bound as methods of fastres.wrappers.Response and use
# the attributes listed in the module docstring, through plain attribute
# access, except for the header list (see _header_state).

#: The instance ``__dict__`` of a werkzeug response, real (not materialising
#: ``headers`` as ``fastres.wrappers.Response.__dict__`` does).
_instance_dict: t.Callable[[t.Any], dict[str, t.Any]] = _SansioResponse.__dict__["__dict__"].__get__


def _header_state(self: t.Any) -> tuple[list[tuple[str, str]] | None, bool]:
    """``(live header list, trusted)``; the list is None when ``resp.headers``
    is not a plain werkzeug ``Headers`` over a list (the caller then goes
    through ``resp.headers``).  *trusted*: every entry came in through a
    validating path (the lazy ``_hlist`` that no one could reach)."""
    d = _instance_dict(self)
    if "headers" not in d:
        hl = d.get("_hlist")
        if type(hl) is list:
            return hl, True
    headers = self.headers  # werkzeug's AttributeError if unset
    if type(headers) is Headers:
        hl = headers._list
        if type(hl) is list:
            return hl, False
    return None, False


def _header_list_of(self: t.Any) -> list[tuple[str, str]]:
    """The live header list; ``TypeError`` if ``resp.headers`` is no plain ``Headers``."""
    hl = _header_state(self)[0]
    if hl is None:
        raise TypeError(
            f"{type(self).__name__}.headers must be a werkzeug Headers over a list, not {self.headers!r}."
        )
    return hl


def _headers_to_send(self: t.Any) -> tuple[list[tuple[str, str]], bool]:
    """``(header list, trusted)`` for the WSGI call: werkzeug's ``Headers(self.headers)``
    if ``resp.headers`` is anything but a plain ``Headers`` (a dict, a list, ...)."""
    hl, trusted = _header_state(self)
    if hl is None:
        return Headers(self.headers)._list, False
    return hl, trusted


_misses = 0


def _class_cache_misses() -> int:
    """How many times the compiled core's per-class cache was built: none here."""
    return _misses


def response_init(
    self: t.Any,
    response: t.Any = None,
    status: int | str | HTTPStatus | None = None,
    headers: t.Any = None,
    mimetype: str | None = None,
    content_type: str | None = None,
    direct_passthrough: bool = False,
) -> None:
    """``Response.__init__`` with werkzeug's semantics and a lazy ``Headers``."""
    cls = type(self)
    fresh = False  # hl holds nothing but what this call added
    headers_object = None  # a Headers passed in: it becomes resp.headers
    if headers is None:
        hl: list[tuple[str, str]] = []
        fresh = True
    elif isinstance(headers, Headers):
        headers_object = headers
        hl = headers._list
    elif not headers:
        hl = []
        fresh = True
    else:
        hl = header_list(headers)
    d = _instance_dict(self)
    if headers_object is None:
        self._hlist = hl
        d.pop("headers", None)
    else:
        d.pop("_hlist", None)
        self.headers = headers_object
    if content_type is None:
        if mimetype is None and (fresh or not has_header(hl, "content-type")):
            mimetype = cls.default_mimetype
            if fresh and mimetype is not None:
                item = _content_type_items.get(mimetype)
                if item is None:
                    item = _content_type_item(mimetype)
                hl.append(item)
                mimetype = None
        if mimetype is not None:
            content_type = content_type_for(mimetype)
    if content_type is not None:
        if fresh:
            hl.append((_CONTENT_TYPE, _checked_content_type(content_type)))
        else:
            set_header(hl, _CONTENT_TYPE, content_type)
    if status is None:
        status = cls.default_status
    line = _STATUS_LINES.get(status) if type(status) is int else None
    self._status, self._status_code = line or clean_status(status)
    self.direct_passthrough = direct_passthrough
    self._on_close = ()
    tp = type(response)
    if response is None:
        self.response = []
    elif tp is str or tp is bytes or isinstance(response, (str, bytes, bytearray)):
        if cls.set_data is response_set_data:
            if tp is str or isinstance(response, str):  # str subclasses too (markupsafe.Markup)
                response = response.encode()
            self.response = [response]
            if self.automatically_set_content_length:
                if fresh:
                    hl.append((_CONTENT_LENGTH, str(len(response))))
                else:
                    set_header(hl, _CONTENT_LENGTH, str(len(response)))
        else:
            self.set_data(response)
    else:
        self.response = response


_checked_content_types: dict[str, str] = {}
_content_type_items: dict[str, tuple[str, str]] = {}


def _content_type_item(mimetype: str) -> tuple[str, str]:
    """``("Content-Type", content type of *mimetype*)``, validated and memoised."""
    item = (_CONTENT_TYPE, header_value(_CONTENT_TYPE, content_type_for(mimetype)))
    if len(_content_type_items) < 256:
        _content_type_items[mimetype] = item
    return item


def _checked_content_type(content_type: t.Any) -> str:
    """*content_type* validated as a header value, memoised for the usual few."""
    checked = _checked_content_types.get(content_type) if type(content_type) is str else None
    if checked is None:
        checked = header_value("Content-Type", content_type)
        if len(_checked_content_types) < 256:
            _checked_content_types[checked] = checked
    return checked


def response_set_data(self: t.Any, value: bytes | str) -> None:
    """``Response.set_data``: store the body as one bytes item and set ``Content-Length``."""
    if isinstance(value, str):
        value = value.encode()
    self.response = [value]
    if self.automatically_set_content_length:
        hl = _header_state(self)[0]
        if hl is None:
            self.headers["Content-Length"] = str(len(value))
        else:
            set_header(hl, _CONTENT_LENGTH, str(len(value)))


def response_get_data(self: t.Any, as_text: bool = False) -> bytes | str:
    """``Response.get_data``: the body as bytes (or str with *as_text*)."""
    body = self.response
    if not isinstance(body, (list, tuple)):
        self._ensure_sequence()
        body = self.response
    rv = join_encoded(body)
    if as_text:
        return rv.decode()
    return rv


_VALID_STATUS_LINES = frozenset(line for line, _ in _STATUS_LINES.values())


def response_wsgi_headers(self: t.Any, environ: t.Mapping[str, t.Any]) -> list[tuple[str, str]]:
    """The final WSGI header list for this response (``get_wsgi_headers`` as a list)."""
    code = self._status_code
    status = self._status
    if status not in _VALID_STATUS_LINES or not 100 <= code <= 999:
        check_status_code(code, status)
    body = self.response
    hl, trusted = _headers_to_send(self)
    return _wsgi_headers(
        hl, code, environ, self, False,
        body if isinstance(body, (list, tuple)) else None, trusted,
    )


def _bodiless(environ: t.Mapping[str, t.Any], code: int) -> bool:
    """HEAD, 1xx, 204 and 304 responses send no body."""
    return environ["REQUEST_METHOD"] == "HEAD" or 100 <= code < 200 or code == 204 or code == 304


def response_app_iter(self: t.Any, environ: t.Mapping[str, t.Any]) -> t.Iterable[bytes]:
    """The application iterator (``get_app_iter``): empty for HEAD and bodiless statuses."""
    if _bodiless(environ, self._status_code):
        return EncodedIterator((), self.close)
    if self.direct_passthrough:
        return self.response  # type: ignore[no-any-return]
    return EncodedIterator(self.response, self.close)


def response_call(self: t.Any, environ: t.Mapping[str, t.Any], start_response: t.Callable[..., t.Any]) -> t.Iterable[bytes]:
    """``Response.__call__``: start the response and return its body iterator.

    :func:`response_wsgi_headers` and :func:`response_app_iter`, inlined:
    each attribute is read once.
    """
    if not self._fastres_direct_call:
        app_iter, status, headers = self.get_wsgi_response(environ)
        start_response(status, headers)
        return app_iter  # type: ignore[no-any-return]
    code = self._status_code
    status = self._status
    if status not in _VALID_STATUS_LINES or not 100 <= code <= 999:
        check_status_code(code, status)
    body = self.response
    hl, trusted = _headers_to_send(self)
    headers = _wsgi_headers(
        hl, code, environ, self, False,
        body if isinstance(body, (list, tuple)) else None, trusted,
    )
    if environ["REQUEST_METHOD"] == "HEAD" or 100 <= code < 200 or code == 204 or code == 304:  # _bodiless
        body_iter: t.Iterable[bytes] = EncodedIterator((), self.close)
    elif self.direct_passthrough:
        body_iter = body
    else:
        body_iter = EncodedIterator(body, self.close)
    start_response(status, headers)
    return body_iter


def response_close(self: t.Any) -> None:
    """``Response.close``: close the wrapped body if it can be, then run ``call_on_close`` callbacks."""
    body = self.response
    close = None if type(body) is list else getattr(body, "close", None)
    if close is not None:
        close()
    for func in self._on_close:
        func()


def response_set_cookie(
    self: t.Any,
    key: str,
    value: str = "",
    max_age: t.Any = None,
    expires: t.Any = None,
    path: str | None = "/",
    domain: str | None = None,
    secure: bool = False,
    httponly: bool = False,
    samesite: str | None = None,
    partitioned: bool = False,
) -> None:
    """``Response.set_cookie``: append a ``Set-Cookie`` header built by :func:`dump_cookie`."""
    cookie = header_value("Set-Cookie", dump_cookie(
        key, value, max_age, expires, path, domain, secure, httponly, True,
        self.max_cookie_size, samesite, partitioned,
    ))
    hl = _header_state(self)[0]
    if hl is None:
        self.headers.add("Set-Cookie", cookie)  # werkzeug's exception for a dict, EnvironHeaders, ...
    else:
        hl.append(("Set-Cookie", cookie))


def response_send(
    self: t.Any, body: str | bytes, content_type: str | None = None, etag: bool = False, json: bool = False
) -> None:
    """Install *body* as the whole body, as Express's ``res.send`` does.

    A str is UTF-8 encoded.  ``Content-Type`` becomes *content_type* unless
    one is set already (``None``: leave it); with *json*, a ``Content-Type``
    set already is kept only if it is a JSON type (:func:`is_json_type`).
    ``Content-Length`` is set when the class sets it automatically; with
    *etag*, a :func:`weak_etag` is added unless an ``ETag`` is set already.
    """
    if type(body) is str:
        body = body.encode()
    elif type(body) is not bytes:
        raise TypeError(f"response_send() needs str or bytes, not {type(body).__name__}.")
    hl = _header_list_of(self)
    self.response = [body]
    if content_type is not None:
        current = header_get(hl, "content-type")
        if current is None:
            hl.append((_CONTENT_TYPE, _checked_content_type(content_type)))
        elif json and not is_json_type(current):
            set_header(hl, _CONTENT_TYPE, content_type)
    if self.automatically_set_content_length:
        set_header(hl, _CONTENT_LENGTH, str(len(body)))
    if etag and not has_header(hl, "etag"):
        hl.append(("ETag", weak_etag(body)))


def accelerate(cls: type) -> None:
    """Point *cls*'s construct and call slots straight at the core: a no-op here.

    Plain Python has no slots to replace; :func:`fastres.core.accelerate`
    asks the compiled core, when present, for every class either core runs.
    """
