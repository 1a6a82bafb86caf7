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

import hmac
import json as _json
import math
import re
import time
import typing as t
import warnings
import zlib
from base64 import b64decode
from binascii import a2b_base64, b2a_base64
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from hashlib import sha1
from http import HTTPStatus
from urllib.parse import quote
from uuid import UUID

import orjson
from markupsafe import Markup
from werkzeug._internal import _missing
from werkzeug.datastructures import EnvironHeaders as _EnvironHeaders
from werkzeug.datastructures import Headers as _WerkzeugHeaders
from werkzeug.datastructures import MultiDict, iter_multi_items
from werkzeug.exceptions import BadRequestKeyError
from werkzeug.http import HTTP_STATUS_CODES, dump_options_header, parse_date, remove_entity_headers
from werkzeug.http import http_date as _werkzeug_http_date
from werkzeug.sansio.response import Response as _SansioResponse
from werkzeug.urls import iri_to_uri
from werkzeug.wrappers import Response as _WerkzeugResponse
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
    "drop_header",
    "header_list_of",
    "is_json_type",
    "encoded_length",
    "wsgi_headers",
    "http_date",
    "dump_cookie",
    "json_dumps",
    "json_standard",
    "json_response",
    "json_provider_response",
    "weak_etag",
    "SESSION_MAX_DEPTH",
    "session_key",
    "session_json",
    "session_loads",
    "session_sign",
    "session_unsign",
    "ContextConfig",
    "EncodedIterator",
    "join_encoded",
    "Headers",
    "materialise_headers",
    "response_headers",
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
    if type(value) is not str and isinstance(value, str):  # Markup, a str Enum member
        value = str.__str__(value)
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
    if status is not None and (not isinstance(status, str) or _bad_value(status) is not None):
        raise ValueError(f"Invalid status line {status!r}: must be latin-1 without NUL, CR or LF characters.")


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


def _plain_str(s: t.Any, what: str) -> str:
    """*s* as an exact str: a str subclass (Markup, a str Enum member) becomes
    the str of its characters, as a server encoding it would send; anything
    else raises TypeError."""
    if type(s) is str:
        return s
    if isinstance(s, str):
        return str.__str__(s)
    raise TypeError(f"{what} must be str, not {type(s).__name__}.")


def content_type_for(mimetype: str) -> str:
    """``werkzeug.utils.get_content_type(mimetype, "utf-8")``, memoised."""
    mimetype = _plain_str(mimetype, "mimetype")
    rv = _content_types.get(mimetype)
    if rv is None:
        rv = mimetype
        if mimetype.startswith("text/") or mimetype in _CHARSET_MIMETYPES or mimetype.endswith("+xml"):
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
    return name.lower() in _URI_HEADERS and _bad_name(name) is None and _bad_iri_value(value) is None


def _header_error(name: str, value: str) -> ValueError:
    if _newline(value) is not None:
        # werkzeug's own message for the case werkzeug also refuses.
        return ValueError("Header values must not contain newline characters.")
    if _bad_name(name) is not None or not name:
        return ValueError(
            f"Invalid header name {name!r}: must be non-empty latin-1 without whitespace, control characters or ':'."
        )
    return ValueError(f"Invalid value for header {name!r}: must be latin-1 without NUL, CR or LF characters.")


def header_value(name: str, value: t.Any) -> str:
    """Convert and validate one header, as werkzeug's ``Headers.add`` plus fastres's checks.

    Non-str values go through ``str()``; str subclasses (Markup, str Enum
    members) become the plain str of their characters.  CR or LF in the value raises
    ``ValueError`` as werkzeug does; fastres also refuses NUL and non-latin-1
    characters in values, and control characters, whitespace, ``:`` and
    non-latin-1 characters in names.
    """
    if type(value) is not str:
        value = str.__str__(value if isinstance(value, str) else str(value))
    if type(name) is not str:
        name = _plain_str(name, "Header names")
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
        return [_header_item(name, value) for name, value in headers]
    if type(headers) is dict:  # werkzeug's iter_multi_items, for a plain dict
        out = []
        for name, value in headers.items():
            if isinstance(value, (list, tuple, set)):
                out.extend([_header_item(name, item) for item in value])
            else:
                out.append(_header_item(name, value))
        return out
    return [_header_item(name, value) for name, value in _WerkzeugHeaders(headers)._list]


def _header_item(name: t.Any, value: t.Any) -> tuple[str, str]:
    """``(name, header_value(name, value))`` with a str subclass name made a plain str."""
    value = header_value(name, value)
    return (name if type(name) is str else str.__str__(name)), value


def set_header(headers: list[tuple[str, str]], name: str, value: t.Any) -> None:
    """``Headers.set`` on a plain list: replace the first match, drop the others."""
    name, value = _header_item(name, value)
    lname = name.lower()
    for i, item in enumerate(headers):
        if item[0].lower() == lname:
            headers[i] = (name, value)
            j = i + 1
            while j < len(headers):  # rebuild the tail only if it holds another
                if headers[j][0].lower() == lname:
                    headers[i + 1 :] = [h for h in headers[i + 1 :] if h[0].lower() != lname]
                    break
                j += 1
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
    mimetype = _plain_str(content_type, "Content types").partition(";")[0].strip().lower()
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def has_header(headers: list[tuple[str, str]], name: str) -> bool:
    """Whether a header is present (case-insensitive)."""
    lname = name.lower()
    for item in headers:
        if item[0].lower() == lname:
            return True
    return False


def _drop_header(headers: list[tuple[str, str]], lname: str) -> None:
    headers[:] = [h for h in headers if h[0].lower() != lname]


def drop_header(headers: list[tuple[str, str]], name: str) -> None:
    """Remove, in place, every header called *name* (case-insensitive)."""
    if headers is None:
        raise TypeError("'NoneType' object is not iterable")
    if not isinstance(name, str):
        raise TypeError(f"Header names must be str, not {type(name).__name__}.")
    _drop_header(headers, name.lower())  # a subclass's own lower(), as werkzeug's Headers.remove


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
    for i, (name, value) in enumerate(out):
        if not trusted and (type(name) is not str or type(value) is not str or not _header_ok(name, value)):
            if type(name) is not str or type(value) is not str:
                if not isinstance(name, str) or not isinstance(value, str):
                    raise TypeError(f"Header {name!r} must be a (str, str) pair.")
                # Markup, str Enum members: a server sends their characters.
                name, value = out[i] = str.__str__(name), str.__str__(value)
            if not _header_ok(name, value) and not _iri_header_ok(name, value):
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
        body is not None and content_length is None and (response is None or response.automatically_set_content_length)
    ):
        out.append((_CONTENT_LENGTH, str(encoded_length(body))))
    return out


def _checked_wsgi_response(status: t.Any, headers: t.Iterable[t.Any]) -> tuple[str, list[tuple[str, str]]]:
    """What a subclass's own call hooks (``get_wsgi_response``, ...) built, as
    plain strs, refusing what the direct path refuses: a bad status line, a bad header."""
    line = str.__str__(status) if isinstance(status, str) else None
    code = line.partition(" ")[0] if line is not None else ""
    if not (len(code) == 3 and code.isascii() and code.isdigit()):
        raise ValueError(f"Invalid status line {status!r}: must start with a status code within 100-999.")
    check_status_code(int(code), line)
    out = []
    for item in headers:
        name, value = item
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(f"Header {name!r} must be a (str, str) pair.")
        name, value = str.__str__(name), str.__str__(value)
        if not _header_ok(name, value):
            raise _header_error(name, value)
        out.append((name, value))
    return line, out  # type: ignore[return-value]  # line: checked above


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
_COOKIE_SLASH_MAP.update((v.to_bytes(1, "big"), b"\\%03o" % v) for v in [*range(0x20), *b",;", *range(0x7F, 256)])
_cookie_path_plain = re.compile(r"[A-Za-z0-9_.\-~%!$&'()*+,/:=@]*").fullmatch
# RFC 6265 cookie-name is an RFC 7230 token; werkzeug also sends non-ASCII
# names (as latin-1 mojibake), so those stay allowed.
_bad_cookie_name = re.compile(r"[\x00-\x20\x7f()<>@,;:\\\"/\[\]?={}]").search


_good_cookie_names: set[str] = set()
_plain_paths: dict[str, str] = {}
_SAMESITE = {
    spelling: spelling.title() for name in ("strict", "lax", "none") for spelling in (name, name.title(), name.upper())
}


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
        if not isinstance(key, str):
            raise TypeError(f"Cookie name must be str, not {type(key).__name__}.")
        key = key.encode().decode("latin-1")  # a subclass's name as werkzeug writes it: its own encode()
    if key not in _good_cookie_names:
        if not key or _bad_cookie_name(key) is not None:
            raise ValueError(
                f"Invalid cookie name {key!r}: must be a non-empty token without"
                ' whitespace, control characters or any of ()<>@,;:\\"/[]?={}.'
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
    if type(value) is not str:  # a str subclass needing no quotes: formatted, as werkzeug
        value = str.__str__(f"{value}")
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


# One token of orjson's compact output; anything else is not its output.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9][-+.eE0-9]*|[\[\]{},:]|true|false|null|(?P<bad>.)', re.S)
# What json.dumps(..., ensure_ascii=True) escapes that orjson writes raw: DEL and up.
_JSON_NON_ASCII = re.compile("[\x7f-\U0010ffff]")
# orjson's spelling of 1e-9 <= |x| < 1e-4 ("0.00001"), which repr() writes as "1e-05".
_JSON_TINY_FLOAT = re.compile(r"-?0\.0000").match
_JSON_CLOSING = {"[": "]", "{": "}"}


def _json_escape(match: re.Match[str]) -> str:
    n = ord(match.group())
    if n < 0x10000:
        return f"\\u{n:04x}"
    n -= 0x10000
    return f"\\u{0xD800 | (n >> 10):04x}\\u{0xDC00 | (n & 0x3FF):04x}"


def _json_plain_finite(obj: t.Any) -> bool:
    """Whether *obj* holds only JSON's own types and no NaN or infinity."""
    if isinstance(obj, (str, int)) or obj is None:
        return True
    if isinstance(obj, float):
        return math.isfinite(obj)
    if isinstance(obj, dict):
        return all(_json_plain_finite(item) for item in obj.values())
    if isinstance(obj, (list, tuple)):
        return all(_json_plain_finite(item) for item in obj)
    return False


def json_standard(
    data: bytes, obj: t.Any, item_sep: bytes, key_sep: bytes, indent: bytes | None, ensure_ascii: bool
) -> bytes | None:
    """orjson's compact output *data* for *obj*, rewritten as :func:`json.dumps` writes it.

    One pass: *item_sep*/*key_sep* replace ``,``/``:``, *indent* (``None``
    for one line) indents each level on a new line, *ensure_ascii* escapes
    DEL and non-ASCII as ``\\uXXXX`` (surrogate pairs above U+FFFF), and the
    floats orjson spells differently (``1e-7``, ``0.00001``) are written as
    ``repr`` writes them.  orjson writes NaN and infinities as ``null``: when
    *data* holds a ``null`` and *obj* holds a non-finite float or an object
    whose encoding the pass cannot see, the answer is ``None`` (the caller
    asks :mod:`json`).  Returns *data* itself when nothing changes; raises
    ``ValueError`` for bytes that are not orjson's compact output.
    """
    for value in (data, item_sep, key_sep):
        if type(value) is not bytes:
            raise TypeError(f"json_standard() needs bytes, not {type(value).__name__}.")
    if indent is not None and type(indent) is not bytes:
        raise TypeError(f"json_standard() needs indent as bytes or None, not {type(indent).__name__}.")
    try:  # without ensure_ascii, text passes through as bytes (the compiled core copies it)
        text = data.decode("utf-8", "strict" if ensure_ascii else "surrogateescape")
    except UnicodeDecodeError:
        raise ValueError("json_standard() needs orjson's compact output.") from None
    pretty = indent is not None
    isep, ksep = item_sep.decode(), key_sep.decode()
    ind = indent.decode() if indent is not None else ""
    changed = pretty or item_sep != b"," or key_sep != b":"
    saw_null = False
    depth = 0
    out: list[str] = []
    tokens = _JSON_TOKEN.finditer(text)
    for match in tokens:
        if match.lastgroup == "bad":
            raise ValueError("json_standard() needs orjson's compact output.")
        token = match.group()
        c = token[0]
        if c == '"':
            if ensure_ascii:
                escaped = _JSON_NON_ASCII.sub(_json_escape, token)
                changed = changed or escaped != token
                token = escaped
        elif c == ",":
            token = isep + ("\n" + ind * depth if pretty else "")
        elif c == ":":
            token = ksep
        elif c in "[{":
            if pretty:
                if text.startswith(_JSON_CLOSING[c], match.end()):
                    token += next(tokens).group()
                else:
                    depth += 1
                    token += "\n" + ind * depth
        elif c in "]}":
            if pretty:
                if depth == 0:
                    raise ValueError("json_standard() needs orjson's compact output.")
                depth -= 1
                token = "\n" + ind * depth + token
        elif c == "-" or c.isdigit():
            if "e" in token or "E" in token or (_JSON_TINY_FLOAT(token) and len(token.lstrip("-")) > 6):
                token = repr(float(token))
                changed = True
        elif token == "null":
            saw_null = True
        out.append(token)
    if depth != 0:
        raise ValueError("json_standard() needs orjson's compact output.")
    if saw_null and not _json_plain_finite(obj):
        return None
    if not changed:
        return data
    return "".join(out).encode("utf-8", "surrogateescape")


# What may make orjson's compact output differ from json.dumps's compact
# output: DEL or non-ASCII bytes (escaped under ensure_ascii), a float in
# exponent form or below 1e-4, a null (which may stand for NaN).  In strings
# these are false alarms, settled by the full pass.
_JSON_MAY_DIFFER = re.compile(rb"[\x7f-\xff]|[0-9][eE]|0\.0000|null").search
_JSON_MAY_DIFFER_UTF8 = re.compile(rb"[0-9][eE]|0\.0000|null").search


def json_response(
    cls: t.Callable[..., t.Any],
    obj: t.Any,
    default: t.Callable[[t.Any], t.Any] | None,
    option: int,
    indent: bytes | None,
    ensure_ascii: bool,
    mimetype: t.Any,
) -> t.Any:
    """``cls(body, mimetype=mimetype)`` where *body* is what Flask's JSON
    provider writes for *obj*: ``json.dumps`` with separators ``(",", ":")``,
    or ``(",", ": ")`` and *indent* (bytes) on each level, then a newline.

    orjson encodes (with *default* and *option*) and :func:`json_standard`
    makes the bytes json's.  Returns ``None`` where orjson cannot express
    *obj* or cannot vouch for its output (see :func:`json_standard`): the
    caller then asks :mod:`json`.
    """
    if indent is not None and type(indent) is not bytes:
        raise TypeError(f"json_response() needs indent as bytes or None, not {type(indent).__name__}.")
    try:
        data = orjson.dumps(obj, default, option)
    except TypeError:
        return None
    # Compact output orjson already wrote as json would: skip the pass.
    if indent is not None or (_JSON_MAY_DIFFER if ensure_ascii else _JSON_MAY_DIFFER_UTF8)(data) is not None:
        body = json_standard(data, obj, b",", b":" if indent is None else b": ", indent, ensure_ascii)
        if body is None:
            return None
        data = body
    return cls(data + b"\n", mimetype=mimetype)


def json_provider_response(self: t.Any, *args: t.Any, **kwargs: t.Any) -> t.Any:
    """The JSON provider's ``response`` method, as Flask's ``DefaultJSONProvider.response``.

    A response of the app's ``response_class`` holding the arguments as JSON:
    one positional argument is the value, keyword arguments alone a dict,
    anything else what ``self._prepare_response_obj`` makes of it (several
    arguments a list, none ``null``, both kinds ``TypeError``).  The body is
    :func:`json_response`'s, indented by two spaces when ``self.compact`` is
    ``False``, or ``None`` with the app in debug mode; ``default``,
    ``sort_keys``, ``ensure_ascii`` and ``mimetype`` are the provider's.

    *self* has ``_app_ref`` (a weak reference to the app) and
    ``_response_parts``: Flask's ``default`` and the callable orjson takes in
    its place, a function turning any other ``default`` into orjson's, Flask's
    ``debug`` property (a subclass redefining it is asked), the function
    writing the response through :mod:`json` where orjson cannot, the
    orjson options with and without sorted keys, the provider's own ``dumps``
    and Flask's ``DefaultJSONProvider.response``: a subclass with its own
    ``dumps`` gets the latter, which writes the body through ``self.dumps``.
    """
    parts = self._response_parts
    if type(self).dumps is not parts[7]:  # a subclass's own dumps: Flask's response, through it
        return parts[8](self, *args, **kwargs)
    if not kwargs and len(args) == 1:
        obj = args[0]
    elif kwargs and not args:
        obj = kwargs
    else:
        obj = self._prepare_response_obj(args, kwargs)
    app = self._app_ref()
    if app is None:
        raise ReferenceError("the app of this JSON provider no longer exists")
    compact = self.compact
    indented = compact is False
    if compact is None:
        if type(app).debug is parts[3]:
            indented = bool(app.config["DEBUG"])
        else:
            indented = bool(app.debug)
    user_default = self.default
    sort_keys = self.sort_keys
    ensure_ascii = self.ensure_ascii
    mimetype = self.mimetype
    cls = app.response_class
    response = json_response(
        cls,
        obj,
        parts[1] if user_default is parts[0] else parts[2](user_default),
        parts[5] if sort_keys else parts[6],
        b"  " if indented else None,
        ensure_ascii,
        mimetype,
    )
    if response is None:  # orjson cannot express obj: json.dumps writes it
        return parts[4](cls, obj, user_default, ensure_ascii, sort_keys, indented, mimetype)
    return response


def weak_etag(data: bytes) -> str:
    """A weak ETag for a body: ``W/"<length in hex>-<first 27 chars of base64 SHA-1>"``.

    The same shape (and value) Express's ``etag`` package gives a body.
    """
    if type(data) is not bytes:
        raise TypeError(f"weak_etag() needs bytes, not {type(data).__name__}.")
    digest = b2a_base64(sha1(data).digest(), newline=False)[:27].decode("ascii")
    return f'W/"{len(data):x}-{digest}"'


# ------------------------------------------------------------- signed cookies
#
# Flask's session cookie: itsdangerous' URL-safe timed signature over Flask's
# tagged JSON.  The format, step by step (``session_sign`` writes it,
# ``session_unsign`` reads it back):
#
#   payload = compact JSON of the tagged value, keys sorted, ASCII only
#   body    = "." + b64url(zlib(payload)) if that is shorter, else b64url(payload)
#   signed  = body + "." + b64url(timestamp as big-endian bytes, no leading zeros)
#   cookie  = signed + "." + b64url(HMAC-SHA1(HMAC-SHA1(secret_key, salt), signed))
#
# b64url is URL-safe base64 without "=" padding.

#: Keys of the tags Flask's ``TaggedJSONSerializer`` registers by default.
_SESSION_TAGS = (" di", " t", " b", " m", " u", " d")
#: Deepest nesting a session value may have, written or read.
SESSION_MAX_DEPTH = 400

_session_tag_keys = frozenset(_SESSION_TAGS)
_B64URL_DECODE = bytes.maketrans(b"-_", b"+/")
_B64URL_ENCODE = bytes.maketrans(b"+/", b"-_")
_session_keys: dict[tuple[t.Any, t.Any], tuple[bytes, t.Any, t.Any]] = {}
_SESSION_KEYS_MAX = 64


def _want_bytes(value: t.Any) -> t.Any:
    return value.encode("utf-8") if isinstance(value, str) else value


def _session_hmac(secret_key: t.Any, salt: t.Any) -> tuple[bytes, t.Any, t.Any]:
    """The derived key and SHA-1 states primed with its HMAC pads, cached
    per (secret key, salt); the cache is emptied past a few dozen pairs."""
    cache_key = (secret_key, salt)
    entry = _session_keys.get(cache_key)
    if entry is None:
        key = hmac.digest(_want_bytes(secret_key), _want_bytes(salt), "sha1")
        padded = key.ljust(64, b"\x00")  # SHA-1 block size; the key is 20 bytes
        entry = (key, sha1(bytes(b ^ 0x36 for b in padded)), sha1(bytes(b ^ 0x5C for b in padded)))
        if len(_session_keys) >= _SESSION_KEYS_MAX:
            _session_keys.clear()
        _session_keys[cache_key] = entry
    return entry


def session_key(secret_key: str | bytes, salt: str | bytes) -> bytes:
    """itsdangerous' ``"hmac"`` key derivation for SHA-1: ``HMAC(secret_key, salt)``."""
    return _session_hmac(secret_key, salt)[0]


def _session_mac(secret_key: t.Any, salt: t.Any, message: bytes) -> bytes:
    """``HMAC-SHA1(session_key(secret_key, salt), message)`` from the primed states."""
    _, inner_pad, outer_pad = _session_hmac(secret_key, salt)
    inner = inner_pad.copy()
    inner.update(message)
    outer = outer_pad.copy()
    outer.update(inner.digest())
    return outer.digest()  # type: ignore[no-any-return]


def _b64url(data: bytes) -> bytes:
    return b2a_base64(data, newline=False).translate(_B64URL_ENCODE).rstrip(b"=")


def _b64url_decode(data: bytes) -> bytes:
    """itsdangerous' ``base64_decode``: padding restored, stray characters skipped."""
    return a2b_base64((data + b"=" * (-len(data) % 4)).translate(_B64URL_DECODE))


def _tag(value: t.Any, slow: list[bool], depth: int = 0) -> t.Any:
    """Flask's ``TaggedJSONSerializer.tag``, checks in its order.

    Sets ``slow[0]`` when only the standard library's encoder writes the
    result as Flask does.
    """
    tp = type(value)
    if tp is str or tp is int or tp is bool or value is None:
        return value
    if depth > SESSION_MAX_DEPTH:
        raise RecursionError("session value nested too deeply (or it contains itself)")
    depth += 1
    if tp is list:
        return [_tag(item, slow, depth) for item in value]
    if tp is float:
        slow[0] = True  # the stdlib writes 1e-05 where orjson writes 0.00001
        return value
    if isinstance(value, dict):
        if len(value) == 1:
            key = next(iter(value))
            if key in _session_tag_keys:
                return {" di": {f"{key}__": _tag(value[key], slow, depth)}}
        return {k: _tag(v, slow, depth) for k, v in value.items()}
    if isinstance(value, tuple):
        return {" t": [_tag(item, slow, depth) for item in value]}
    if isinstance(value, list):
        return [_tag(item, slow, depth) for item in value]
    if isinstance(value, bytes):
        return {" b": b2a_base64(value, newline=False).decode("ascii")}
    if callable(getattr(value, "__html__", None)):
        return {" m": str(value.__html__())}
    if isinstance(value, UUID):
        return {" u": value.hex}
    if isinstance(value, datetime):
        return {" d": http_date(value)}
    slow[0] = True  # str/int subclasses, and whatever the app's ``default`` converts
    return value


def session_json(value: t.Any, default: t.Callable[[t.Any], t.Any] | None = None) -> bytes:
    """Flask's session JSON for *value*, byte for byte.

    The tag walk of ``TaggedJSONSerializer`` (tuple, bytes, Markup, UUID,
    datetime, one-key dicts whose key is a tag), then compact JSON with
    sorted keys and ASCII escapes, as Flask's default JSON provider writes
    it.  orjson writes it when that gives the same bytes; floats, text
    outside printable ASCII, ints beyond 64 bits, non-str keys and types
    only *default* converts go to the standard library's encoder.
    """
    slow = [False]
    tagged = _tag(value, slow)
    if not slow[0]:
        try:
            data = json_dumps(tagged, None, JSON_OPT_SORT_KEYS)
        except TypeError:
            pass
        else:
            if data.isascii() and b"\x7f" not in data:
                return data
    return _json.dumps(tagged, default=default, separators=(",", ":"), sort_keys=True, ensure_ascii=True).encode(
        "ascii"
    )


def _untag_di(value: t.Any) -> t.Any:
    key = next(iter(value))
    return {key[:-2]: value[key]}


_UNTAG: dict[str, t.Callable[[t.Any], t.Any]] = {
    " di": _untag_di,
    " t": tuple,
    " b": b64decode,
    " m": Markup,
    " u": UUID,
    " d": parse_date,
}


def _untag(value: t.Any, depth: int = 0) -> t.Any:
    """Flask's ``TaggedJSONSerializer._untag_scan``, in place on a fresh parse."""
    if depth > SESSION_MAX_DEPTH:
        raise RecursionError("session JSON nested too deeply")
    depth += 1
    tp = type(value)
    if tp is dict:
        for key, item in value.items():
            if type(item) is dict or type(item) is list:
                value[key] = _untag(item, depth)
        if len(value) == 1:
            key = next(iter(value))
            untag = _UNTAG.get(key)
            if untag is not None:
                return untag(value[key])
    elif tp is list:
        for i, item in enumerate(value):
            if type(item) is dict or type(item) is list:
                value[i] = _untag(item, depth)
    return value


def session_loads(data: bytes) -> t.Any:
    """Parse session JSON (UTF-8) and undo Flask's tags.

    What orjson rejects (``NaN``, huge numbers, lone surrogates, all of
    which Flask's encoder can write) goes to the standard library's parser.
    So do 19 digits in a row: orjson reads an integer beyond 64 bits as a
    float.  Raises ``ValueError`` (or ``RecursionError``) for what neither
    accepts.
    """
    if _long_digits(data) is None:
        try:
            return _untag(orjson.loads(data))
        except orjson.JSONDecodeError:
            pass
    return _untag(_json.loads(data.decode("utf-8")))


_long_digits = re.compile(rb"[0-9]{19}").search


_deflated: dict[bytes, bytes | None] = {}
_DEFLATED_MAX = 128
_DEFLATED_LARGEST = 4096


def _compressed(payload: bytes) -> bytes | None:
    """``zlib.compress(payload)`` if that is shorter by two bytes or more, else ``None``.

    Remembered for the last hundred-odd payloads of cookie size: a permanent
    session refreshed on each request re-signs the same payload, and deflate
    is most of the cost of a cookie.
    """
    try:
        return _deflated[payload]
    except KeyError:
        pass
    compressed = zlib.compress(payload)
    result = compressed if len(compressed) < len(payload) - 1 else None
    if len(payload) <= _DEFLATED_LARGEST:
        if len(_deflated) >= _DEFLATED_MAX:
            _deflated.clear()
        _deflated[payload] = result
    return result


def session_sign(
    value: t.Any,
    secret_key: str | bytes,
    salt: str | bytes,
    timestamp: int,
    default: t.Callable[[t.Any], t.Any] | None = None,
) -> str:
    """Flask's session cookie value for *value* signed at *timestamp* (seconds)."""
    payload = session_json(value, default)
    compressed = _compressed(payload)
    body = _b64url(payload) if compressed is None else b"." + _b64url(compressed)
    stamp = timestamp.to_bytes(8, "big").lstrip(b"\x00")
    signed = body + b"." + _b64url(stamp)
    signature = _session_mac(secret_key, salt, signed)
    return (signed + b"." + _b64url(signature)).decode("ascii")


def _split_last(data: bytes) -> tuple[bytes, bytes] | None:
    """``data`` cut at its last ".": the part before and the decoded part after."""
    head, sep, tail = data.rpartition(b".")
    if not sep:
        return None
    try:
        return head, _b64url_decode(tail)
    except ValueError:
        return None


def session_unsign(
    cookie: str,
    secret_keys: t.Sequence[str | bytes],
    salt: str | bytes,
    max_age: int | None,
    now: int,
    max_size: int,
) -> t.Any:
    """The value in a session cookie, or ``None`` if it is not one to trust.

    The signature is checked (in constant time, newest key first) before
    anything else is decoded; then the timestamp against *max_age* at *now*,
    then the payload, decompressed to at most *max_size* bytes.  Any
    failure gives ``None``: a bad cookie is an empty session, never an error.
    """
    try:
        signed_cookie = cookie.encode("utf-8")
    except (AttributeError, UnicodeError):
        return None
    split = _split_last(signed_cookie)
    if split is None:
        return None
    signed, expected = split
    for secret_key in reversed(secret_keys):
        if hmac.compare_digest(_session_mac(secret_key, salt, signed), expected):
            break
    else:
        return None
    split = _split_last(signed)
    if split is None or len(split[1]) > 8:
        return None
    body, raw = split
    age = now - int.from_bytes(raw, "big")
    if max_age is not None and (age > max_age or age < 0):
        return None
    compressed = body[:1] == b"."
    try:
        payload = _b64url_decode(body[1:] if compressed else body)
        if compressed:
            inflate = zlib.decompressobj()
            payload = inflate.decompress(payload, max_size)
            if not inflate.eof:
                return None
        return session_loads(payload)
    except Exception:
        return None


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


# ------------------------------------------------------------- headers object


class Headers(_WerkzeugHeaders):
    """werkzeug's :class:`~werkzeug.datastructures.Headers` on the core's rules.

    Same methods, operators and results as werkzeug 3.1's class, of which it
    is a subclass; what it adds is the core's validation of every header that
    goes in (:func:`header_value`: a CR or LF in a value raises werkzeug's
    ``ValueError``, and so do the header names and values the core refuses).
    It compares equal to a werkzeug ``Headers`` holding the same headers.
    The list stays in ``_list``, as in werkzeug.
    """

    def __init__(self, defaults: t.Any = None) -> None:
        self._list: list[tuple[str, str]] = []
        if defaults is not None:
            self.extend(defaults)

    def __getitem__(self, key: t.Any) -> t.Any:
        if isinstance(key, str):
            return _value_at(self._list, _find_name(self._list, key, 0), key)
        if isinstance(key, int):
            return self._list[key]
        return self.__class__(self._list[key])

    def _get_key(self, key: str) -> str:
        return _value_at(self._list, _find_name(self._list, key, 0), key)

    def __eq__(self, other: object) -> bool:
        if not _same_headers_class(self, other):
            return NotImplemented
        theirs = {(item[0].lower(), *item[1:]) for item in other._list}  # type: ignore[attr-defined]
        return theirs == {(item[0].lower(), *item[1:]) for item in self._list}

    __hash__ = None

    def get(self, key: str, default: t.Any = None, type: t.Any = None) -> t.Any:  # type: ignore[override]  # noqa: A002
        headers = self._list
        i = _find_name(headers, key, 0)
        if i < 0:
            return default
        value = _value_at(headers, i, key)
        if type is None:
            return value
        try:
            return type(value)
        except ValueError:
            return default

    def getlist(self, key: str, type: t.Any = None) -> list[t.Any]:  # noqa: A002
        values = _values_of(self._list, key)
        if type is None:
            return values
        result = []
        for value in values:
            try:
                result.append(type(value))
            except ValueError:
                continue
        return result

    def get_all(self, name: str) -> list[str]:
        """All the values of header *name* (wsgiref's name for :meth:`getlist`)."""
        return self.getlist(name)

    def items(self, lower: bool = False) -> t.Iterator[tuple[str, str]]:
        for key, value in self._list:
            yield (key.lower() if lower else key), value

    def keys(self, lower: bool = False) -> t.Iterator[str]:
        for key, _ in self._list:
            yield key.lower() if lower else key

    def values(self) -> t.Iterator[str]:
        for _, value in self._list:
            yield value

    def extend(self, arg: t.Any = None, /, **kwargs: t.Any) -> None:
        if arg is not None:
            _add_all(self._list, arg)
        if kwargs:
            _add_all(self._list, kwargs)

    def __delitem__(self, key: t.Any) -> None:
        if isinstance(key, str):
            _drop_name(self._list, key)
        else:
            del self._list[key]

    def _del_key(self, key: str) -> None:
        _drop_name(self._list, key)

    def remove(self, key: str) -> None:
        """Remove every header called *key*."""
        _drop_name(self._list, key)

    def pop(self, key: t.Any = None, default: t.Any = _missing) -> t.Any:
        headers = self._list
        if key is None:
            return headers.pop()
        if isinstance(key, int):
            return headers.pop(key)
        i = _find_name(headers, key, 0)
        if i < 0:
            if default is not _missing:
                return default
            raise BadRequestKeyError(key)
        value = _value_at(headers, i, key)
        _drop_from(headers, key, i)
        return value

    def popitem(self) -> tuple[str, str]:
        return self._list.pop()

    def __contains__(self, key: object) -> bool:
        return _find_name(self._list, key, 0) >= 0

    def __iter__(self) -> t.Iterator[tuple[str, str]]:
        return iter(self._list)

    def __len__(self) -> int:
        return len(self._list)

    def add(self, key: str, value: t.Any, /, **kwargs: t.Any) -> None:
        if kwargs:
            value = _options_value(value, kwargs)
        self._list.append((key, header_value(key, value)))

    add_header = add  # wsgiref's name

    def clear(self) -> None:
        self._list.clear()

    def set(self, key: str, value: t.Any, /, **kwargs: t.Any) -> None:
        if kwargs:
            value = _options_value(value, kwargs)
        _set_name(self._list, key, header_value(key, value))

    def setlist(self, key: str, values: t.Iterable[t.Any]) -> None:
        headers = self._list
        if values:
            it = iter(values)
            _set_name(headers, key, header_value(key, next(it)))
            for value in it:
                headers.append((key, header_value(key, value)))
        else:
            _drop_name(headers, key)

    def setdefault(self, key: str, default: t.Any) -> str:
        headers = self._list
        i = _find_name(headers, key, 0)
        if i < 0:
            _set_name(headers, key, header_value(key, default))
            i = _find_name(headers, key, 0)
        return _value_at(headers, i, key)

    def setlistdefault(self, key: str, default: t.Iterable[t.Any]) -> list[str]:
        if _find_name(self._list, key, 0) < 0:
            self.setlist(key, default)
        return _values_of(self._list, key)

    def __setitem__(self, key: t.Any, value: t.Any) -> None:
        if isinstance(key, str):
            _set_name(self._list, key, header_value(key, value))
        elif isinstance(key, int):
            name = value[0]
            self._list[key] = name, header_value(name, value[1])
        else:
            self._list[key] = [(k, header_value(k, v)) for k, v in value]

    def update(self, arg: t.Any = None, /, **kwargs: t.Any) -> None:
        if arg is not None:
            if type(arg) is dict:
                _set_all(self, arg.items())
            elif isinstance(arg, (_WerkzeugHeaders, MultiDict)):
                for key in arg.keys():
                    self.setlist(key, arg.getlist(key))
            elif isinstance(arg, Mapping):
                _set_all(self, arg.items())
            else:
                for key, value in arg:
                    _set_name(self._list, key, header_value(key, value))
        if kwargs:
            _set_all(self, kwargs.items())

    def __or__(self, other: t.Any) -> t.Any:
        if type(other) is not dict and not isinstance(other, Mapping):
            return NotImplemented
        rv = self.copy()
        rv.update(other)
        return rv

    def __ior__(self, other: t.Any) -> t.Any:
        if type(other) is not dict and not isinstance(other, (Mapping, Iterable)):
            return NotImplemented
        self.update(other)
        return self

    def to_wsgi_list(self) -> list[tuple[str, str]]:
        """The headers as a new list of ``(name, value)`` for WSGI."""
        return list(self)

    def copy(self) -> t.Any:
        return self.__class__(self._list)

    def __copy__(self) -> t.Any:
        return self.copy()

    def __str__(self) -> str:
        """The headers as an HTTP header block, each line ended by CRLF, then CRLF."""
        return "".join([f"{key}: {value}\r\n" for key, value in self.to_wsgi_list()]) + "\r\n"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


_EQUAL_CLASSES = (Headers, _WerkzeugHeaders)


def _same_headers_class(a: t.Any, b: t.Any) -> bool:
    """werkzeug's ``__eq__`` rule (same class), with this class and werkzeug's as one."""
    ca, cb = a.__class__, b.__class__
    return ca is cb or (ca in _EQUAL_CLASSES and cb in _EQUAL_CLASSES)


def _options_value(value: t.Any, kwargs: dict[str, t.Any]) -> str:
    """``add``'s keyword parameters appended to *value*, as werkzeug does."""
    return dump_options_header(value, {k.replace("_", "-"): v for k, v in kwargs.items()})


def _find_name(headers: list[tuple[str, str]], key: t.Any, start: int) -> int:
    """Index of the first header at or after *start* called *key* (any case), or -1."""
    ikey = key.lower()
    i = start
    while i < len(headers):
        if headers[i][0].lower() == ikey:
            return i
        i += 1
    return -1


def _value_at(headers: list[tuple[str, str]], i: int, key: t.Any) -> str:
    """``headers[i][1]``; ``i < 0`` (not found) raises werkzeug's KeyError for *key*."""
    if i < 0:
        raise BadRequestKeyError(key)
    return headers[i][1]


def _values_of(headers: list[tuple[str, str]], key: t.Any) -> list[str]:
    """The values of every header called *key* (any case)."""
    ikey = key.lower()
    return [v for k, v in headers if k.lower() == ikey]


def _drop_name(headers: list[tuple[str, str]], key: t.Any) -> None:
    """Remove every header called *key* (any case)."""
    i = _find_name(headers, key, 0)
    if i >= 0:
        _drop_from(headers, key, i)


def _drop_from(headers: list[tuple[str, str]], key: t.Any, i: int) -> None:
    """Remove every header called *key* (any case) from ``headers[i]``, the first such, on."""
    ikey = key.lower()
    headers[i:] = [(k, v) for k, v in headers[i:] if k.lower() != ikey]


def _set_name(headers: list[tuple[str, str]], key: str, value: str) -> None:
    """``Headers.set`` with *value* validated: replace the first, drop the rest."""
    i = _find_name(headers, key, 0) if headers else -1
    if i < 0:
        headers.append((key, value))
        return
    headers[i] = (key, value)
    if _find_name(headers, key, i + 1) >= 0:
        ikey = key.lower()
        headers[i + 1 :] = [h for h in headers[i + 1 :] if h[0].lower() != ikey]


def _add_all(headers: list[tuple[str, str]], arg: t.Any) -> None:
    """``extend``: append, validated, each item of werkzeug's ``iter_multi_items(arg)``."""
    for key, value in iter_multi_items(arg):
        headers.append((key, header_value(key, value)))


def _set_all(h: Headers, items: t.Iterable[tuple[str, t.Any]]) -> None:
    """``update`` from mapping items: a list, tuple or set value replaces with all its items."""
    for key, value in items:
        if isinstance(value, (list, tuple, set)):
            h.setlist(key, value)
        else:
            _set_name(h._list, key, header_value(key, value))


def materialise_headers(obj: t.Any) -> t.Any:
    """Turn response *obj*'s lazy header list (``_hlist``) into ``obj.headers``; return that.

    The one place where fastres makes the ``Headers`` object of a response:
    the core's ``Headers`` around that very list.  A ``headers`` already in
    the instance dict (assigned meanwhile) wins.
    """
    d = _instance_dict(obj)
    hlist = d.get("_hlist")
    if hlist is not None and "headers" not in d:
        headers = Headers()
        headers._list = hlist
        d.setdefault("headers", headers)  # a thread that came first wins
    d.pop("_hlist", None)
    try:
        return d["headers"]
    except KeyError:
        raise AttributeError(f"{type(obj).__name__!r} object has no attribute 'headers'") from None


class _HeadersAttribute:
    """``Response.headers`` while the instance dict has none: :func:`materialise_headers`.

    Not a data descriptor: once ``headers`` is in the instance dict (read,
    assigned or adopted), attribute access finds it there directly.
    """

    def __get__(self, obj: t.Any, owner: type | None = None) -> t.Any:
        if obj is None:
            return self
        return materialise_headers(obj)


response_headers = _HeadersAttribute()


# ------------------------------------------------ response state (hot methods)
#
# These functions are bound as methods of fastres.wrappers.Response and use
# the attributes listed in the module docstring, through plain attribute
# access, except for the header list (see _header_list_or_none).

#: The instance ``__dict__`` of a werkzeug response, real (not materialising
#: ``headers`` as ``fastres.wrappers.Response.__dict__`` does).
_instance_dict: t.Callable[[t.Any], dict[str, t.Any]] = _SansioResponse.__dict__["__dict__"].__get__


def _header_list_or_none(self: t.Any) -> list[tuple[str, str]] | None:
    """The live header list, or None when ``resp.headers`` is not a plain
    werkzeug ``Headers`` over a list (the caller then goes through ``resp.headers``).
    Anyone may have written to it (:func:`header_list_of`): the call validates it."""
    d = _instance_dict(self)
    if "headers" not in d:
        hl = d.get("_hlist")
        if type(hl) is list:
            return hl
    headers = self.headers  # werkzeug's AttributeError if unset
    if type(headers) is Headers or type(headers) is _WerkzeugHeaders:  # either plain class
        hl = headers._list
        if type(hl) is list:
            return hl
    return None


def _header_list_of(self: t.Any) -> list[tuple[str, str]]:
    """The live header list; ``TypeError`` if ``resp.headers`` is no ``Headers`` over a list."""
    hl = _header_list_or_none(self)
    if hl is None:
        hl = _subclass_list(self)
    return hl


def _subclass_list(self: t.Any) -> list[tuple[str, str]]:
    """The list of a ``Headers`` subclass in ``resp.headers`` (edited directly,
    not through its methods); ``TypeError`` for anything else (a dict, ``EnvironHeaders``...)."""
    headers = self.headers
    usable = isinstance(headers, _WerkzeugHeaders) and not isinstance(headers, _EnvironHeaders)
    hl = getattr(headers, "_list", None) if usable else None
    if type(hl) is not list:
        raise TypeError(f"{type(self).__name__}.headers must be a werkzeug Headers over a list, not {headers!r}.")
    return hl


def header_list_of(resp: t.Any) -> list[tuple[str, str]]:
    """*resp*'s live header list (what ``resp.headers`` wraps, made or not);
    ``TypeError`` if ``resp.headers`` is no ``Headers`` over a list.  What is written
    to it is validated when the response is sent, as through ``resp.headers``."""
    if not isinstance(resp, _SansioResponse):
        raise TypeError(f"header_list_of() needs a werkzeug Response, not {type(resp).__name__}.")
    return _header_list_of(resp)


def _headers_to_send(self: t.Any) -> list[tuple[str, str]]:
    """The header list for the WSGI call: werkzeug's ``Headers(self.headers)``
    if ``resp.headers`` is anything but a plain ``Headers`` (a dict, a list, ...)."""
    hl = _header_list_or_none(self)
    if hl is None:
        return _WerkzeugHeaders(self.headers)._list
    return hl


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
    elif isinstance(headers, _WerkzeugHeaders):
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
        hl = _header_list_or_none(self)
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
    hl = _headers_to_send(self)
    return _wsgi_headers(
        hl,
        code,
        environ,
        self,
        False,
        body if isinstance(body, (list, tuple)) else None,
        False,
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


def response_call(
    self: t.Any, environ: t.Mapping[str, t.Any], start_response: t.Callable[..., t.Any]
) -> t.Iterable[bytes]:
    """``Response.__call__``: start the response and return its body iterator.

    :func:`response_wsgi_headers` and :func:`response_app_iter`, inlined:
    each attribute is read once.
    """
    if not self._fastres_direct_call:
        app_iter, status, headers = self.get_wsgi_response(environ)
        status, headers = _checked_wsgi_response(status, headers)
        start_response(status, headers)
        return app_iter  # type: ignore[no-any-return]
    code = self._status_code
    status = self._status
    if status not in _VALID_STATUS_LINES or not 100 <= code <= 999:
        check_status_code(code, status)
    body = self.response
    hl = _headers_to_send(self)
    headers = _wsgi_headers(
        hl,
        code,
        environ,
        self,
        False,
        body if isinstance(body, (list, tuple)) else None,
        False,
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
    cookie = header_value(
        "Set-Cookie",
        dump_cookie(
            key,
            value,
            max_age,
            expires,
            path,
            domain,
            secure,
            httponly,
            True,
            self.max_cookie_size,
            samesite,
            partitioned,
        ),
    )
    hl = _header_list_or_none(self)
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
    Anything but a fastres Response class raises TypeError, as there.
    """
    if not (isinstance(cls, type) and issubclass(cls, _WerkzeugResponse) and hasattr(cls, "_fastres_direct_call")):
        raise TypeError(f"accelerate() needs a fastres Response class, not {cls!r}.")
