# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: freethreading_compatible=False
# distutils: libraries = z
"""Compiled core of fastres (``fastres._core``).

Same functions, same output as the pure-Python twin ``fastres/_core_py.py``;
read that module's docstrings for the contract of each function.  What this
one adds is typed C: one scan per header that validates while it copies,
table-driven cookie quoting, ``http_date`` without ``email.utils``, and an
``EncodedIterator`` extension type.
"""

cimport cython
from cpython.datetime cimport (
    datetime_day,
    datetime_hour,
    datetime_minute,
    datetime_month,
    datetime_second,
    datetime_tzinfo,
    datetime_year,
    import_datetime,
)
from cpython.contextvars cimport get_value
from cpython.dict cimport PyDict_GetItem, PyDict_SetItem
from cpython.list cimport PyList_GET_SIZE
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF, Py_XDECREF
from cpython.tuple cimport PyTuple_GET_ITEM, PyTuple_GET_SIZE, PyTuple_New, PyTuple_SET_ITEM
from cpython.unicode cimport PyUnicode_AsUTF8String
from libc.math cimport fabs, modf, round as c_round
from libc.stdio cimport snprintf
from libc.string cimport memcpy, memset
from posix.time cimport CLOCK_REALTIME, clock_gettime, timespec
from _cpython cimport (
    PyBytes_AS_STRING,
    PyBytes_FromStringAndSize,
    PyBytes_GET_SIZE,
    PyDict_Copy,
    PyDict_GET_SIZE,
    PyDict_GetItemWithError,
    PyDict_Next,
    PyFloat_AS_DOUBLE,
    PyGetSetDef,
    PyGetSetDescrObject,
    PyList_GET_ITEM,
    PyList_GetSlice,
    PyLong_AsLongAndOverflow,
    PyNumber_Long,
    PyObject_Vectorcall,
    PyObject_GC_IsTracked,
    PyObject_GC_Track,
    PyObject_GenericGetDict,
    PY_SSIZE_T_MAX,
    PyType_HasFeature,
    PyTypeObject,
    PyUnicode_1BYTE_KIND,
    PyUnicode_CopyCharacters,
    PyUnicode_DATA,
    PyUnicode_DecodeASCII,
    PyUnicode_FromObject,
    PyUnicode_GET_LENGTH,
    PyUnicode_IS_ASCII,
    PyUnicode_KIND,
    PyUnicode_MAX_CHAR_VALUE,
    PyUnicode_New,
    Py_TPFLAGS_IS_ABSTRACT,
    PyVectorcall_NARGS,
    ternaryfunc,
    vectorcallfunc,
)

import hmac as _hmac
import json as _json
import zlib as _zlib
from base64 import b64decode as _b64decode
from binascii import a2b_base64 as _a2b_base64
from binascii import b2a_base64 as _b2a_base64
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from hashlib import sha1 as _sha1
import warnings
from datetime import datetime, timedelta, timezone
from types import GetSetDescriptorType
from urllib.parse import quote
from uuid import UUID

import orjson
from markupsafe import Markup
from werkzeug._internal import _missing
from werkzeug.datastructures import EnvironHeaders as _EnvironHeaders
from werkzeug.datastructures import Headers as _WerkzeugHeaders
from werkzeug.datastructures import MultiDict
from werkzeug.datastructures import iter_multi_items as _iter_multi_items
from werkzeug.exceptions import BadRequestKeyError
from werkzeug.http import HTTP_STATUS_CODES, remove_entity_headers
from werkzeug.http import parse_date as _parse_date
from werkzeug.http import http_date as _werkzeug_http_date
from werkzeug.sansio.response import Response as _SansioResponse
from werkzeug.urls import iri_to_uri
from werkzeug.wrappers import Response as _WerkzeugResponse
from werkzeug.wsgi import get_current_url

import_datetime()

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

BACKEND = "cython"

JSON_OPT_SORT_KEYS = orjson.OPT_SORT_KEYS
JSON_OPT_INDENT_2 = orjson.OPT_INDENT_2
JSON_OPT_NON_STR_KEYS = orjson.OPT_NON_STR_KEYS

cdef object _utc = timezone.utc
# The names of the headers the core adds itself.  _wsgi_headers knows an item
# whose name is one of these very objects without scanning or comparing it.
cdef str _CONTENT_TYPE = "Content-Type"
cdef str _CONTENT_LENGTH = "Content-Length"
cdef object _orjson_dumps = orjson.dumps

# --------------------------------------------------------------------- status

cdef dict _STATUS_LINES = {
    code: (f"{code} {HTTP_STATUS_CODES[code].upper()}", code) for code in HTTP_STATUS_CODES
}


cpdef tuple clean_status(value):
    cdef object cached
    cdef str s, code_str, sep
    if isinstance(value, int):
        code = int(value)
        cached = _STATUS_LINES.get(code)
        if cached is not None:
            return <tuple>cached
        return f"{code} UNKNOWN", code
    stripped = value.strip()
    if not stripped:  # before the str check: werkzeug says this of b"" too
        raise ValueError("Empty status argument")
    if type(stripped) is not str and isinstance(stripped, str):  # Markup, a str Enum member
        stripped = PyUnicode_FromObject(stripped)
    s = stripped
    code_str, sep, _ = s.partition(" ")
    try:
        code = int(code_str)
    except ValueError:
        return f"0 {s}", 0
    if sep:
        return s, code
    return clean_status(code)


cpdef check_status_code(code, status=None):
    cdef int overflow = 0
    cdef long value
    if type(code) is int:
        value = PyLong_AsLongAndOverflow(code, &overflow)
        if not overflow and 100 <= value <= 999 and (
            status is None or (type(status) is str and _scan_ok(<str>status, _BAD_VALUE))
        ):
            return
    if not 100 <= code <= 999:
        raise ValueError(f"Invalid status code {code!r}: must be within 100-999.")
    if status is not None and (
        not isinstance(status, str) or not _scan_ok(PyUnicode_FromObject(status), _BAD_VALUE)
    ):
        raise ValueError(
            f"Invalid status line {status!r}: must be latin-1 without NUL, CR or LF characters."
        )


# --------------------------------------------------------------- content type

cdef frozenset _CHARSET_MIMETYPES = frozenset({
    "application/ecmascript",
    "application/javascript",
    "application/sql",
    "application/xml",
    "application/xml-dtd",
    "application/xml-external-parsed-entity",
})
cdef dict _content_types = {}


cdef inline str _plain_str(object s, str what):
    """*s* as an exact str: a str subclass (Markup, a str Enum member) becomes
    the str of its characters, as a server encoding it would send; anything
    else raises TypeError."""
    if type(s) is str:
        return <str>s
    if isinstance(s, str):
        return PyUnicode_FromObject(s)
    raise TypeError(f"{what} must be str, not {type(s).__name__}.")


cpdef str content_type_for(mimetype):
    mimetype = _plain_str(mimetype, "mimetype")
    cdef object rv = _content_types.get(mimetype)
    if rv is None:
        rv = mimetype
        if (
            (<str>mimetype).startswith("text/")
            or mimetype in _CHARSET_MIMETYPES
            or (<str>mimetype).endswith("+xml")
        ):
            rv = f"{mimetype}; charset=utf-8"
        if len(_content_types) < 256:
            _content_types[mimetype] = rv
    return <str>rv


# -------------------------------------------------------------------- headers

# str.lower() of each latin-1 code unit (always one latin-1 code unit).
cdef unsigned char _LOWER[256]
# 1 for each latin-1 code unit that may not appear in a header name.
cdef unsigned char _BAD_NAME[256]
# 1 for each latin-1 code unit that may not appear in a header value.
cdef unsigned char _BAD_VALUE[256]
# 1 for each latin-1 code unit that may not appear in a cookie name.
cdef unsigned char _BAD_COOKIE_NAME[256]
# 1 for each ASCII code unit a cookie value may hold unquoted.
cdef unsigned char _COOKIE_PLAIN[256]
# 1 for each byte of a cookie value that is slash-escaped when quoting.
cdef unsigned char _COOKIE_SLASH[256]
# 1 for each code unit urllib's quote() would escape in a cookie path.
cdef unsigned char _PATH_QUOTED[256]


cdef void _init_tables():
    cdef int c
    for c in range(256):
        _LOWER[c] = ord(chr(c).lower())
        _BAD_NAME[c] = c <= 0x20 or c == 0x7F or c == ord(":")
        _BAD_VALUE[c] = c == 0 or c == 10 or c == 13
        _BAD_COOKIE_NAME[c] = c <= 0x20 or c == 0x7F
        _COOKIE_PLAIN[c] = (
            (ord("a") <= c <= ord("z")) or (ord("A") <= c <= ord("Z"))
            or (ord("0") <= c <= ord("9"))
        )
        _PATH_QUOTED[c] = not _COOKIE_PLAIN[c]
        _COOKIE_SLASH[c] = c <= 0x19 or c >= 0x7F
    for c in b"()<>@,;:\\\"/[]?={}":
        _BAD_COOKIE_NAME[c] = 1
    for c in b"_!#$%&'()*+-./:<=>?@[]^`{|}~":
        _COOKIE_PLAIN[c] = 1
    for c in b'",;\\':
        _COOKIE_SLASH[c] = 1
    for c in b"_.-~%!$&'()*+,/:=@":
        _PATH_QUOTED[c] = 0


_init_tables()


cdef inline bint _scan_ok(str s, const unsigned char* bad):
    """True if *s* is latin-1 and holds no code unit marked in *bad*."""
    if PyUnicode_KIND(s) != PyUnicode_1BYTE_KIND:
        return False
    cdef const unsigned char* p = <const unsigned char*>PyUnicode_DATA(s)
    cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(s)
    for i in range(n):
        if bad[p[i]]:
            return False
    return True


cdef inline bint _has_newline(str s):
    return "\r" in s or "\n" in s


cdef object _header_error(str name, str value):
    if _has_newline(value):
        return ValueError("Header values must not contain newline characters.")
    if not name or not _scan_ok(name, _BAD_NAME):
        return ValueError(
            f"Invalid header name {name!r}: must be non-empty latin-1 without"
            " whitespace, control characters or ':'."
        )
    return ValueError(
        f"Invalid value for header {name!r}: must be latin-1 without NUL,"
        " CR or LF characters."
    )


cdef inline bint _header_ok(str name, str value):
    return (
        PyUnicode_GET_LENGTH(name) != 0
        and _scan_ok(name, _BAD_NAME)
        and _scan_ok(value, _BAD_VALUE)
    )


cdef bint _iri_header_ok(str name, str value):
    """Location and Content-Location may hold an IRI: werkzeug sends it converted to a URI."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(name)
    if n != 8 and n != 16:
        return False
    if not _scan_ok(name, _BAD_NAME):
        return False
    cdef str lname = name.lower()
    if lname != "location" and lname != "content-location":
        return False
    return not ("\r" in value or "\n" in value or "\0" in value)


cpdef str header_value(name, value):
    if type(value) is not str:
        value = PyUnicode_FromObject(value if isinstance(value, str) else str(value))
    if type(name) is not str:
        name = _plain_str(name, "Header names")
    if not _header_ok(<str>name, <str>value) and not _iri_header_ok(<str>name, <str>value):
        raise _header_error(<str>name, <str>value)
    return <str>value


cpdef list header_list(headers):
    cdef list out
    if isinstance(headers, (list, tuple)):
        return [_header_item(name, value) for name, value in headers]
    if type(headers) is dict:  # werkzeug's iter_multi_items, for a plain dict
        out = []
        for name, value in (<dict>headers).items():
            if isinstance(value, (list, tuple, set)):
                for item in value:
                    out.append(_header_item(name, item))
            else:
                out.append(_header_item(name, value))
        return out
    return [_header_item(name, value) for name, value in _WerkzeugHeaders(headers)._list]


cdef tuple _header_item(name, value):
    """``(name, header_value(name, value))`` with a str subclass name made a plain str."""
    value = header_value(name, value)
    return (name if type(name) is str else PyUnicode_FromObject(name)), value


cdef inline int _need_list(list headers) except -1:
    """A ``list``-typed argument also admits None: refuse it as iterating it would."""
    if headers is None:
        raise TypeError("'NoneType' object is not iterable")
    return 0


cdef bint _same_name(object a, object b) except -1:
    """``a.lower() == b.lower()`` without allocating for latin-1 names.

    *a* comes out of a header list anyone can write to, *b* from the caller:
    anything but an exact str gets the generic ``lower()`` (and its
    AttributeError), as in the pure twin.
    """
    cdef Py_ssize_t i, n
    if type(a) is not str or type(b) is not str:
        return a.lower() == b.lower()
    if PyUnicode_KIND(a) != PyUnicode_1BYTE_KIND or PyUnicode_KIND(b) != PyUnicode_1BYTE_KIND:
        return a.lower() == b.lower()
    n = PyUnicode_GET_LENGTH(a)
    if n != PyUnicode_GET_LENGTH(b):
        return False
    cdef const unsigned char* pa = <const unsigned char*>PyUnicode_DATA(<str>a)
    cdef const unsigned char* pb = <const unsigned char*>PyUnicode_DATA(b)
    for i in range(n):
        if _LOWER[pa[i]] != _LOWER[pb[i]]:
            return False
    return True


@cython.boundscheck(True)
cpdef set_header(list headers, name, value):
    # _same_name may run Python code (a str subclass's lower()) that changes
    # *headers*: every loop re-reads its size and every index is checked.
    name, v = _header_item(name, value)
    cdef Py_ssize_t i = 0, j
    _need_list(headers)
    while i < PyList_GET_SIZE(headers):
        if _same_name(headers[i][0], name):
            headers[i] = (name, v)
            j = i + 1
            while j < PyList_GET_SIZE(headers):  # rebuild the tail only if it holds another
                if _same_name(headers[j][0], name):
                    headers[i + 1:] = [h for h in headers[i + 1:] if not _same_name(h[0], name)]
                    break
                j += 1
            return
        i += 1
    headers.append((name, v))


cpdef object header_get(list headers, name):
    _need_list(headers)
    for item in headers:  # Cython re-reads the list's size on each step
        if _same_name(item[0], name):
            return item[1]
    return None


cpdef bint is_json_type(content_type):
    cdef str mimetype = _plain_str(content_type, "Content types").partition(";")[0].strip().lower()
    return mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    )


cpdef bint has_header(list headers, name):
    cdef object lname = name.lower()
    _need_list(headers)
    if type(name) is not str:  # a subclass's lower() answers once, as in the pure twin
        for item in headers:
            if item[0].lower() == lname:
                return True
        return False
    for item in headers:
        if _same_name(item[0], lname):
            return True
    return False


cdef void _drop_header(list headers, str lname):
    headers[:] = [h for h in headers if not _same_name(h[0], lname)]


cpdef drop_header(list headers, name):
    _need_list(headers)
    if not isinstance(name, str):
        raise TypeError(f"Header names must be str, not {type(name).__name__}.")
    if type(name) is str:
        _drop_header(headers, name.lower())
    else:  # a subclass's own lower(), compared as is, as werkzeug's Headers.remove
        lname = name.lower()
        headers[:] = [h for h in headers if h[0].lower() != lname]


cpdef Py_ssize_t encoded_length(body) except -1:
    cdef Py_ssize_t total = 0
    for item in body:
        if type(item) is bytes:
            total += PyBytes_GET_SIZE(item)
        elif type(item) is str:
            if PyUnicode_IS_ASCII(item):
                total += PyUnicode_GET_LENGTH(item)
            else:
                total += PyBytes_GET_SIZE(PyUnicode_AsUTF8String(item))
        elif isinstance(item, str):  # its own encode(): what the body iterator sends
            total += len(item.encode())
        else:
            total += len(item)
    return total


cdef dict _uris = {}


cdef str _uri(str iri):
    """werkzeug's ``iri_to_uri``, memoised: redirects go to the same few places."""
    uri = _uris.get(iri)
    if uri is None:
        uri = iri_to_uri(iri)
        if len(_uris) >= 256:
            _uris.clear()
        _uris[iri] = uri
    return uri


cpdef list wsgi_headers(list headers, int status_code, environ, bint autocorrect_location, body, bint trusted=False):
    # The compiled core always validates, *trusted* or not: it costs a scan.
    _need_list(headers)
    return _wsgi_headers(headers, status_code, environ, None, autocorrect_location, body)


cdef list _wsgi_headers(
    list headers, long status_code, environ, object response, bint autocorrect, object body,
    object known_value=None,
):
    """wsgi_headers(); with a *response*, its ``autocorrect_location_header`` and
    ``automatically_set_content_length`` are read from it, and only when needed.

    *known_value* is a str validated already (the class's default
    ``Content-Type``): an item holding that very object is not scanned again.
    """
    cdef Py_ssize_t i, n = PyList_GET_SIZE(headers), nlen
    cdef list out = PyList_GetSlice(headers, 0, n)
    cdef object location = None, content_location = None, content_length = None
    cdef object item, name, value
    for i in range(n):
        item = <object>PyList_GET_ITEM(out, i)
        if type(item) is tuple and PyTuple_GET_SIZE(item) == 2:
            name = <object>PyTuple_GET_ITEM(item, 0)
            value = <object>PyTuple_GET_ITEM(item, 1)
        else:
            name, value = item
            out[i] = (name, value)
        if type(name) is not str or type(value) is not str:
            if not isinstance(name, str) or not isinstance(value, str):
                raise TypeError(f"Header {name!r} must be a (str, str) pair.")
            # Markup, str Enum members: a server sends their characters.
            name = PyUnicode_FromObject(name)
            value = PyUnicode_FromObject(value)
            out[i] = (name, value)
        if name is _CONTENT_TYPE or name is _CONTENT_LENGTH:  # the core's own names
            if value is not known_value and not _scan_ok(<str>value, _BAD_VALUE):
                raise _header_error(<str>name, <str>value)
            if name is _CONTENT_LENGTH:
                content_length = value
            continue
        if not _header_ok(<str>name, <str>value) and not _iri_header_ok(<str>name, <str>value):
            raise _header_error(<str>name, <str>value)
        nlen = PyUnicode_GET_LENGTH(name)
        if nlen == 8:
            if _same_name(name, "location"):
                location = value
        elif nlen == 16:
            if _same_name(name, "content-location"):
                content_location = value
        elif nlen == 14:
            if _same_name(name, "content-length"):
                content_length = value
    if location is not None:
        location = _uri(location)
        if autocorrect if response is None else response.autocorrect_location_header:
            from urllib.parse import urljoin

            current_url = iri_to_uri(get_current_url(environ, strip_querystring=True))
            location = urljoin(current_url, location)
        set_header(out, "Location", location)
    if content_location is not None:
        set_header(out, "Content-Location", _uri(content_location))
    if 100 <= status_code < 200 or status_code == 204:
        _drop_header(out, "content-length")
    elif status_code == 304:
        remove_entity_headers(out)
    elif (
        body is not None and content_length is None
        and (response is None or response.automatically_set_content_length)
    ):
        out.append((_CONTENT_LENGTH, _length_str(encoded_length(body))))
    return out


cdef tuple _checked_wsgi_response(status, headers):
    """What a subclass's own call hooks (``get_wsgi_response``, ...) built, as
    plain strs, refusing what the direct path refuses: a bad status line, a bad header."""
    cdef str line = status if type(status) is str else (
        PyUnicode_FromObject(status) if isinstance(status, str) else None
    )
    cdef str code = line.partition(" ")[0] if line is not None else ""
    if not (PyUnicode_GET_LENGTH(code) == 3 and code.isascii() and code.isdigit()):
        raise ValueError(
            f"Invalid status line {status!r}: must start with a status code within 100-999."
        )
    check_status_code(int(code), line)
    cdef list out = []
    for item in headers:
        name, value = item
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError(f"Header {name!r} must be a (str, str) pair.")
        name = PyUnicode_FromObject(name)
        value = PyUnicode_FromObject(value)
        if not _header_ok(<str>name, <str>value):
            raise _header_error(<str>name, <str>value)
        out.append((name, value))
    return line, out


# -------------------------------------------------------------------- cookies

cdef const char* _DAYS[7]
cdef const char* _MONTHS[12]
_DAYS[:] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"]
_MONTHS[:] = [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"]
cdef long long _MIN_TS = -62135596800  # 0001-01-01T00:00:00Z
cdef long long _MAX_TS = 253402300799  # 9999-12-31T23:59:59Z


# The last date formatted: cookies set in the same second share it.
cdef long long _last_epoch = -1
cdef str _last_date = None


cdef inline void _put2(char* out, int v):
    out[0] = <char>(48 + v // 10)
    out[1] = <char>(48 + v % 10)


cdef str _format_epoch(long long ts):
    """RFC 2822 GMT date of a Unix time in [_MIN_TS, _MAX_TS] (proleptic Gregorian)."""
    global _last_epoch, _last_date
    if ts == _last_epoch:
        return _last_date
    cdef long long days = ts // 86400  # C division truncates: floor it
    cdef long long secs = ts - days * 86400
    if secs < 0:
        days -= 1
        secs += 86400
    # Howard Hinnant's civil_from_days.
    cdef long long z = days + 719468
    cdef long long era = (z if z >= 0 else z - 146096) // 146097
    cdef long long doe = z - era * 146097
    cdef long long yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    cdef long long y = yoe + era * 400
    cdef long long doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    cdef long long mp = (5 * doy + 2) // 153
    cdef int d = <int>(doy - (153 * mp + 2) // 5 + 1)
    cdef int m = <int>(mp + 3 if mp < 10 else mp - 9)
    if m <= 2:
        y += 1
    # 1970-01-01 was a Thursday (index 3 with Monday = 0).
    cdef int wday = <int>((days % 7 + 7 + 3) % 7)
    # "Thu, 01 Jan 1970 00:00:00 GMT": fixed width, written digit by digit.
    cdef char buf[29]
    memcpy(buf, _DAYS[wday], 3)
    buf[3] = b","
    buf[4] = b" "
    _put2(buf + 5, d)
    buf[7] = b" "
    memcpy(buf + 8, _MONTHS[m - 1], 3)
    buf[11] = b" "
    _put2(buf + 12, <int>(y // 100))
    _put2(buf + 14, <int>(y % 100))
    buf[16] = b" "
    _put2(buf + 17, <int>(secs // 3600))
    buf[19] = b":"
    _put2(buf + 20, <int>(secs % 3600 // 60))
    buf[22] = b":"
    _put2(buf + 23, <int>(secs % 60))
    memcpy(buf + 25, b" GMT", 4)
    cdef str rv = PyUnicode_DecodeASCII(buf, 29, NULL)
    _last_epoch = ts
    _last_date = rv
    return rv


cdef inline double _round_half_even(double x):
    cdef double rounded = c_round(x)
    if fabs(x - rounded) == 0.5:
        rounded = 2.0 * c_round(x / 2.0)
    return rounded


cdef object _float_seconds(double ts):
    """Whole seconds of *ts* after datetime.fromtimestamp's microsecond rounding, or None."""
    cdef double intpart
    cdef double frac = modf(ts, &intpart)
    frac = _round_half_even(frac * 1e6)
    if frac >= 1e6:
        intpart += 1.0
    elif frac < 0:
        intpart -= 1.0
    if not (_MIN_TS <= intpart <= _MAX_TS):
        return None
    return <long long>intpart


cpdef str http_date(timestamp=None):
    cdef object tp = type(timestamp)
    cdef object secs
    if tp is int:
        if _MIN_TS <= timestamp <= _MAX_TS:
            return _format_epoch(<long long>timestamp)
    elif tp is float:
        secs = _float_seconds(PyFloat_AS_DOUBLE(timestamp))
        if secs is not None:
            return _format_epoch(<long long>secs)
    elif tp is datetime:
        tz = datetime_tzinfo(timestamp)
        if tz is None or tz is _utc:
            return _format_epoch(_civil_to_epoch(timestamp))
    return _werkzeug_http_date(timestamp)


cdef long long _civil_to_epoch(dt):
    """Unix time (whole seconds) of a naive-as-UTC datetime (Hinnant's days_from_civil)."""
    cdef long long y = datetime_year(dt)
    cdef long long m = datetime_month(dt)
    cdef long long d = datetime_day(dt)
    if m <= 2:
        y -= 1
    cdef long long era = (y if y >= 0 else y - 399) // 400
    cdef long long yoe = y - era * 400
    cdef long long doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    cdef long long doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    cdef long long days = era * 146097 + doe - 719468
    return (
        days * 86400 + datetime_hour(dt) * 3600 + datetime_minute(dt) * 60
        + datetime_second(dt)
    )


cdef str _expires_in(max_age):
    """``http_date(now + max_age)``, reading the wall clock in C when it can."""
    cdef timespec now
    cdef object secs
    if type(max_age) is int and -(1 << 40) < max_age < (1 << 40):
        clock_gettime(CLOCK_REALTIME, &now)
        secs = _float_seconds(<double>now.tv_sec + now.tv_nsec * 1e-9 + <double><long long>max_age)
        if secs is not None:
            return _format_epoch(<long long>secs)
    return http_date(datetime.now(tz=_utc).timestamp() + max_age)


cdef str _quote_cookie_value(str value):
    """*value* itself when it needs no quoting, else its quoted form."""
    cdef Py_ssize_t i, n
    cdef const unsigned char* p
    if PyUnicode_IS_ASCII(value):
        p = <const unsigned char*>PyUnicode_DATA(value)
        n = PyUnicode_GET_LENGTH(value)
        for i in range(n):
            if not _COOKIE_PLAIN[p[i]]:
                break
        else:
            return value
    return _quote_cookie_bytes(PyUnicode_AsUTF8String(value))


cdef str _quote_cookie_bytes(bytes raw):
    """The quoted cookie value of UTF-8 bytes: slash escapes inside double quotes."""
    if raw is None:  # a str subclass's encode() returned None
        raise TypeError("expected a bytes-like object, got 'NoneType'")
    cdef Py_ssize_t i, n
    cdef const unsigned char* b = <const unsigned char*>PyBytes_AS_STRING(raw)
    n = PyBytes_GET_SIZE(raw)
    cdef bytearray out = bytearray(b'"')
    cdef unsigned char c
    for i in range(n):
        c = b[i]
        if not _COOKIE_SLASH[c]:
            out.append(c)
        elif c == 34 or c == 92:  # '"' and '\\'
            out.append(92)
            out.append(c)
        else:
            out.append(92)
            out.append(48 + (c >> 6))
            out.append(48 + ((c >> 3) & 7))
            out.append(48 + (c & 7))
    out.append(34)
    return out.decode("ascii")


cdef str _quote_cookie_value_of(object value):
    """A str subclass's value as werkzeug writes it: formatted when it needs no
    quoting, else quoted from its own ``encode()``; anything else is a TypeError."""
    if not isinstance(value, str):
        raise TypeError(f"expected string or bytes-like object, got {type(value).__name__!r}")
    cdef str plain = PyUnicode_FromObject(value)
    if _quote_cookie_value(plain) is plain:
        return PyUnicode_FromObject(f"{value}")
    return _quote_cookie_bytes(value.encode())


# The attributes in werkzeug's order, each as it starts in the cookie.
cdef const char* _ATTR_NAMES[8]
cdef Py_ssize_t _ATTR_LENGTHS[8]
_ATTR_NAMES[:] = [
    b"; Domain", b"; Expires", b"; Max-Age", b"; Secure", b"; HttpOnly", b"; Path",
    b"; SameSite", b"; Partitioned",
]
for _i in range(8):
    _ATTR_LENGTHS[_i] = len(<bytes>_ATTR_NAMES[_i])
del _i


cdef object _true = True
cdef PyObject* _BARE = <PyObject*>_true  # a bare flag's text (True itself)


cdef inline object _attr_text(object value):
    """An attribute's text after ``=``: None for no attribute (None, False),
    True for a bare flag (True), else the value as a str."""
    if value is None or value is False or value is True:
        return value if value is not False else None
    return value if type(value) is str else f"{value}"


cdef str _cookie_string(str key, str value, PyObject** texts):
    """``key=value`` then each attribute of *texts* (see :func:`_attr_text`),
    written in one pass into a new one-byte str (every part is latin-1 but for
    the rare wide attribute text, which goes through ``str.join``)."""
    cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(key) + 1 + PyUnicode_GET_LENGTH(value)
    cdef bint ascii = PyUnicode_IS_ASCII(key) and PyUnicode_IS_ASCII(value)
    cdef PyObject* t
    if PyUnicode_KIND(key) != PyUnicode_1BYTE_KIND or PyUnicode_KIND(value) != PyUnicode_1BYTE_KIND:
        return _cookie_joined(key, value, texts)
    for i in range(8):
        t = texts[i]
        if t == NULL:
            continue
        n += _ATTR_LENGTHS[i]
        if t != _BARE:
            if PyUnicode_KIND(<object>t) != PyUnicode_1BYTE_KIND:
                return _cookie_joined(key, value, texts)
            ascii = ascii and PyUnicode_IS_ASCII(<object>t)
            n += 1 + PyUnicode_GET_LENGTH(<object>t)
    cdef str rv = PyUnicode_New(n, 127 if ascii else 255)
    cdef char* q = <char*>PyUnicode_DATA(rv)
    n = PyUnicode_GET_LENGTH(key)
    memcpy(q, PyUnicode_DATA(key), n)
    q[n] = b"="
    q += n + 1
    n = PyUnicode_GET_LENGTH(value)
    memcpy(q, PyUnicode_DATA(value), n)
    q += n
    for i in range(8):
        t = texts[i]
        if t == NULL:
            continue
        memcpy(q, _ATTR_NAMES[i], _ATTR_LENGTHS[i])
        q += _ATTR_LENGTHS[i]
        if t != _BARE:
            q[0] = b"="
            n = PyUnicode_GET_LENGTH(<object>t)
            memcpy(q + 1, PyUnicode_DATA(<object>t), n)
            q += n + 1
    return rv


cdef str _cookie_joined(str key, str value, PyObject** texts):
    """:func:`_cookie_string` for parts that are not all latin-1."""
    cdef list parts = [key, "=", value]
    cdef PyObject* t
    for i in range(8):
        t = texts[i]
        if t != NULL:
            parts.append((<bytes>_ATTR_NAMES[i]).decode("ascii"))
            if t != _BARE:
                parts.append("=")
                parts.append(<object>t)
    return "".join(parts)


# samesite spellings already seen, to their title() form (only valid ones).
cdef dict _SAMESITE = {
    spelling: spelling.title()
    for name in ("strict", "lax", "none")
    for spelling in (name, name.title(), name.upper())
}


cdef inline bint _bad_cookie_name(str key):
    """Whether *key* is no cookie name: empty, or holding a code unit an RFC 7230
    token forbids (whitespace, controls, separators).  Code units beyond ASCII
    are allowed: werkzeug sends such names (as latin-1 mojibake)."""
    if PyUnicode_GET_LENGTH(key) == 0:
        return True
    if PyUnicode_KIND(key) == PyUnicode_1BYTE_KIND:
        return not _scan_ok(key, _BAD_COOKIE_NAME)
    for ch in key:  # a wide name: only its ASCII code units can be forbidden
        if ch < 256 and _BAD_COOKIE_NAME[<unsigned char>ch]:
            return True
    return False


cpdef str dump_cookie(
    key,
    value="",
    max_age=None,
    expires=None,
    path="/",
    domain=None,
    secure=False,
    httponly=False,
    sync_expires=True,
    max_size=4093,
    samesite=None,
    partitioned=False,
):
    if type(key) is not str:
        if not isinstance(key, str):
            raise TypeError(f"Cookie name must be str, not {type(key).__name__}.")
        key = key.encode().decode("latin-1")  # a subclass's name as werkzeug writes it: its own encode()
    if _bad_cookie_name(key):
        raise ValueError(
            f"Invalid cookie name {key!r}: must be a non-empty token without"
            " whitespace, control characters or any of ()<>@,;:\\\"/[]?={}."
        )
    if path is not None and not (type(path) is str and _scan_ok(path, _PATH_QUOTED)):
        path = quote(path, safe="%!$&'()*+,/:=@")
    if domain:
        domain = domain.partition(":")[0].lstrip(".").encode("idna").decode("ascii")
    if max_age is not None and type(max_age) is not int and isinstance(max_age, timedelta):
        max_age = int(max_age.total_seconds())
    if expires is not None:
        if not isinstance(expires, str):
            expires = http_date(expires)
    elif max_age is not None and sync_expires:
        expires = _expires_in(max_age)
    cdef PyObject* known
    if samesite is not None:
        known = PyDict_GetItem(_SAMESITE, samesite) if type(samesite) is str else NULL
        if known != NULL:
            samesite = <object>known
        else:
            samesite = samesite.title()
            if samesite != "Strict" and samesite != "Lax" and samesite != "None":
                raise ValueError("SameSite must be 'Strict', 'Lax', or 'None'.")
    if partitioned:
        secure = True
    value = _quote_cookie_value(value) if type(value) is str else _quote_cookie_value_of(value)
    cdef str name = key if PyUnicode_IS_ASCII(key) else key.encode().decode("latin1")
    # Each text is held by a local while the C array points at it.
    domain = _attr_text(domain)
    expires = _attr_text(expires)
    max_age_text = _attr_text(max_age)
    secure = _attr_text(secure)
    httponly = _attr_text(httponly)
    path = _attr_text(path)
    samesite = _attr_text(samesite)
    partitioned = _attr_text(partitioned)
    cdef PyObject* texts[8]
    texts[0] = <PyObject*>domain if domain is not None else NULL
    texts[1] = <PyObject*>expires if expires is not None else NULL
    texts[2] = <PyObject*>max_age_text if max_age_text is not None else NULL
    texts[3] = <PyObject*>secure if secure is not None else NULL
    texts[4] = <PyObject*>httponly if httponly is not None else NULL
    texts[5] = <PyObject*>path if path is not None else NULL
    texts[6] = <PyObject*>samesite if samesite is not None else NULL
    texts[7] = <PyObject*>partitioned if partitioned is not None else NULL
    cdef str rv = _cookie_string(name, value, texts)
    if max_size and PyUnicode_GET_LENGTH(rv) > max_size:
        _warn_cookie_size(key, value, PyUnicode_GET_LENGTH(rv), max_size)
    return rv


cdef void _warn_cookie_size(str key, str value, Py_ssize_t cookie_size, max_size) except *:
    cdef Py_ssize_t value_size = PyUnicode_GET_LENGTH(value)
    warnings.warn(
        f"The '{key}' cookie is too large: the value was {value_size} bytes but the"
        f" header required {cookie_size - value_size} extra bytes. The final size"
        f" was {cookie_size} bytes but the limit is {max_size} bytes. Browsers may"
        " silently ignore cookies larger than this.",
        stacklevel=2,
    )


# ----------------------------------------------------------------------- json


cpdef bytes json_dumps(obj, default=None, int option=0):
    cdef bytes data = _orjson_dumps(obj, default, option)
    cdef Py_ssize_t n = PyBytes_GET_SIZE(data)
    if n < 4096:  # orjson's 4 KiB scratch buffer comes back cut short: copy to size
        return PyBytes_FromStringAndSize(PyBytes_AS_STRING(data), n)
    return data


# json_standard: orjson's compact output rewritten as json.dumps writes it.
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from libc.math cimport isfinite
from libc.string cimport memcmp

cdef struct _JsonBuf:
    char* p
    Py_ssize_t n
    Py_ssize_t cap

cdef const char* _JSON_HEX = b"0123456789abcdef"


cdef int _jbuf_reserve(_JsonBuf* b, Py_ssize_t extra, Py_ssize_t hint) except -1:
    # hint: the input's length, so the first allocation usually suffices
    cdef Py_ssize_t cap = b.n + extra
    cdef char* p
    if cap <= b.cap and b.p != NULL:
        return 0
    if cap < 2 * b.cap:
        cap = 2 * b.cap
    if cap < hint + (hint >> 1) + 16:
        cap = hint + (hint >> 1) + 16
    p = <char*>PyMem_Realloc(b.p, <size_t>cap)
    if p == NULL:
        raise MemoryError()
    b.p = p
    b.cap = cap
    return 0


cdef inline int _jbuf_put(_JsonBuf* b, const char* s, Py_ssize_t k, Py_ssize_t hint) except -1:
    # Always allocates (even for k == 0): a non-NULL buffer means "changed".
    if b.p == NULL or b.n + k > b.cap:
        _jbuf_reserve(b, k, hint)
    memcpy(b.p + b.n, s, <size_t>k)
    b.n += k
    return 0


cdef int _jbuf_escape(_JsonBuf* b, unsigned int u) except -1:
    cdef char esc[6]
    esc[0] = b"\\"
    esc[1] = b"u"
    esc[2] = _JSON_HEX[(u >> 12) & 15]
    esc[3] = _JSON_HEX[(u >> 8) & 15]
    esc[4] = _JSON_HEX[(u >> 4) & 15]
    esc[5] = _JSON_HEX[u & 15]
    return _jbuf_put(b, esc, 6, 0)


cdef int _jbuf_newline(_JsonBuf* b, const char* indent, Py_ssize_t indent_n, Py_ssize_t depth) except -1:
    cdef Py_ssize_t _k
    _jbuf_reserve(b, 1 + indent_n * depth, 0)
    b.p[b.n] = b"\n"
    b.n += 1
    for _k in range(depth):
        memcpy(b.p + b.n, indent, <size_t>indent_n)
        b.n += indent_n
    return 0


cdef bint _json_plain_finite(obj) except -1:
    # Recursion is bounded: orjson has already refused anything deeper than 254.
    if isinstance(obj, str) or isinstance(obj, int) or obj is None:
        return True
    if isinstance(obj, float):
        return isfinite(PyFloat_AS_DOUBLE(obj))
    if isinstance(obj, dict):
        for item in (<dict>obj).values():
            if not _json_plain_finite(item):
                return False
        return True
    if isinstance(obj, (list, tuple)):
        for item in obj:
            if not _json_plain_finite(item):
                return False
        return True
    return False


cdef inline bint _json_tiny_float(const unsigned char* s, Py_ssize_t k):
    # "0.0000..." (or negative): orjson's spelling of 1e-9 <= |x| < 1e-4.
    if k > 0 and s[0] == b"-":
        s += 1
        k -= 1
    return k > 6 and memcmp(s, b"0.0000", 6) == 0


cdef inline bint _json_cont(const unsigned char* s, Py_ssize_t k):
    # k UTF-8 continuation bytes at s
    cdef Py_ssize_t j
    for j in range(k):
        if s[j] & 0xC0 != 0x80:
            return False
    return True


cpdef object json_standard(bytes data, obj, bytes item_sep, bytes key_sep, indent, bint ensure_ascii):
    """orjson's compact *data* for *obj* as ``json.dumps`` writes it (see the pure twin)."""
    if data is None or item_sep is None or key_sep is None:
        raise TypeError("json_standard() needs bytes, not NoneType.")
    if indent is not None and type(indent) is not bytes:
        raise TypeError(f"json_standard() needs indent as bytes or None, not {type(indent).__name__}.")
    return _json_standard(data, PyBytes_GET_SIZE(data), obj, item_sep, key_sep, indent, ensure_ascii)


cdef object _json_standard(bytes data, Py_ssize_t n, obj, bytes item_sep, bytes key_sep, indent, bint ensure_ascii):
    """json_standard() of the first *n* bytes of *data*; the rest (a newline) is kept as it is."""
    cdef const unsigned char* s = <const unsigned char*>PyBytes_AS_STRING(data)
    cdef Py_ssize_t total = PyBytes_GET_SIZE(data)
    # run: where the bytes not yet copied start.  Unchanged spans are copied
    # whole when something after them changes; the buffer is only allocated
    # then, so output that needs no change costs one scan.
    cdef Py_ssize_t i = 0, run = 0, start, depth = 0, k
    cdef bint pretty = indent is not None
    cdef const char* ind = PyBytes_AS_STRING(indent) if pretty else NULL
    cdef Py_ssize_t ind_n = PyBytes_GET_SIZE(indent) if pretty else 0
    cdef const char* isep = PyBytes_AS_STRING(item_sep)
    cdef Py_ssize_t isep_n = PyBytes_GET_SIZE(item_sep)
    cdef const char* ksep = PyBytes_AS_STRING(key_sep)
    cdef Py_ssize_t ksep_n = PyBytes_GET_SIZE(key_sep)
    cdef bint new_item = pretty or isep_n != 1 or isep[0] != b","
    cdef bint new_key = ksep_n != 1 or ksep[0] != b":"
    cdef bint saw_null = False, sci
    cdef unsigned char c
    cdef unsigned int u
    cdef bytes spelled
    cdef _JsonBuf b
    b.p = NULL
    b.n = 0
    b.cap = 0
    try:
        while i < n:
            c = s[i]
            if c == b'"':
                i += 1
                while True:
                    if i >= n:
                        raise ValueError("json_standard() needs orjson's compact output.")
                    c = s[i]
                    if c == b'"':
                        i += 1
                        break
                    if c == b"\\":
                        i += 2
                    elif c < 0x7F or not ensure_ascii:
                        i += 1
                    else:
                        if c == 0x7F:
                            u, k = c, 1
                        elif 0xF0 <= c <= 0xF4 and i + 3 < n and _json_cont(s + i + 1, 3):
                            u = ((c & 7) << 18) | ((s[i + 1] & 63) << 12) | ((s[i + 2] & 63) << 6) | (s[i + 3] & 63)
                            k = 4
                        elif 0xE0 <= c < 0xF0 and i + 2 < n and _json_cont(s + i + 1, 2):
                            u, k = ((c & 15) << 12) | ((s[i + 1] & 63) << 6) | (s[i + 2] & 63), 3
                        elif 0xC2 <= c < 0xE0 and i + 1 < n and _json_cont(s + i + 1, 1):
                            u, k = ((c & 31) << 6) | (s[i + 1] & 63), 2
                        else:
                            raise ValueError("json_standard() needs orjson's compact output.")
                        _jbuf_put(&b, <const char*>s + run, i - run, n)
                        if u >= 0x10000:
                            u -= 0x10000
                            _jbuf_escape(&b, 0xD800 | (u >> 10))
                            _jbuf_escape(&b, 0xDC00 | (u & 0x3FF))
                        else:
                            _jbuf_escape(&b, u)
                        i += k
                        run = i
            elif c == b",":
                if new_item:
                    _jbuf_put(&b, <const char*>s + run, i - run, n)
                    _jbuf_put(&b, isep, isep_n, n)
                    if pretty:
                        _jbuf_newline(&b, ind, ind_n, depth)
                    run = i + 1
                i += 1
            elif c == b":":
                if new_key:
                    _jbuf_put(&b, <const char*>s + run, i - run, n)
                    _jbuf_put(&b, ksep, ksep_n, n)
                    run = i + 1
                i += 1
            elif c == b"[" or c == b"{":
                if not pretty:
                    i += 1
                elif i + 1 < n and s[i + 1] == c + 2:  # "[]" or "{}": "]" and "}" follow "[" and "{" by 2
                    i += 2
                else:
                    depth += 1
                    i += 1
                    _jbuf_put(&b, <const char*>s + run, i - run, n)
                    _jbuf_newline(&b, ind, ind_n, depth)
                    run = i
            elif c == b"]" or c == b"}":
                if pretty:
                    if depth == 0:
                        raise ValueError("json_standard() needs orjson's compact output.")
                    depth -= 1
                    _jbuf_put(&b, <const char*>s + run, i - run, n)
                    _jbuf_newline(&b, ind, ind_n, depth)
                    run = i
                i += 1
            elif c == b"-" or (c >= b"0" and c <= b"9"):
                start = i
                sci = False
                if c == b"-" and not (i + 1 < n and s[i + 1] >= b"0" and s[i + 1] <= b"9"):
                    raise ValueError("json_standard() needs orjson's compact output.")
                while i < n:
                    c = s[i]
                    if c == b"e" or c == b"E":
                        sci = True
                    elif not (c == b"." or c == b"+" or c == b"-" or (c >= b"0" and c <= b"9")):
                        break
                    i += 1
                if sci or _json_tiny_float(s + start, i - start):
                    spelled = PyBytes_FromStringAndSize(<const char*>s + start, i - start)
                    spelled = PyUnicode_AsUTF8String(repr(float(spelled)))
                    _jbuf_put(&b, <const char*>s + run, start - run, n)
                    _jbuf_put(&b, PyBytes_AS_STRING(spelled), PyBytes_GET_SIZE(spelled), n)
                    run = i
            else:
                if c == b"n" and i + 4 <= n and memcmp(s + i, b"null", 4) == 0:
                    saw_null = True
                    i += 4
                elif c == b"t" and i + 4 <= n and memcmp(s + i, b"true", 4) == 0:
                    i += 4
                elif c == b"f" and i + 5 <= n and memcmp(s + i, b"false", 5) == 0:
                    i += 5
                else:
                    raise ValueError("json_standard() needs orjson's compact output.")
        if depth != 0:
            raise ValueError("json_standard() needs orjson's compact output.")
        if saw_null and not _json_plain_finite(obj):
            return None
        if b.p == NULL:
            return data
        _jbuf_put(&b, <const char*>s + run, total - run, n)
        return PyBytes_FromStringAndSize(b.p, b.n)
    finally:
        PyMem_Free(b.p)


cdef object _OPT_APPEND_NEWLINE = orjson.OPT_APPEND_NEWLINE
cdef tuple _MIMETYPE_KEYWORD = ("mimetype",)


cpdef object json_response(cls, obj, default, int option, indent, bint ensure_ascii, mimetype):
    """``cls(body, mimetype=mimetype)``, *body* Flask's JSON response body for *obj* (see the pure twin)."""
    if indent is not None and type(indent) is not bytes:
        raise TypeError(f"json_response() needs indent as bytes or None, not {type(indent).__name__}.")
    return _json_response(cls, obj, default, option, indent, ensure_ascii, mimetype)


cdef object _json_response(cls, obj, default, int option, indent, bint ensure_ascii, mimetype):
    try:
        data = _orjson_dumps(obj, default, option | _OPT_APPEND_NEWLINE)
    except TypeError:
        return None
    cdef Py_ssize_t n = PyBytes_GET_SIZE(data)
    body = _json_standard(data, n - 1, obj, b",", b":" if indent is None else b": ", indent, ensure_ascii)
    if body is None:
        return None
    if body is data and n < 4096:  # orjson's 4 KiB scratch buffer: copy to size (see json_dumps)
        body = PyBytes_FromStringAndSize(PyBytes_AS_STRING(data), n)
    cdef PyObject* args[4]
    args[0] = <PyObject*>body
    if isinstance(cls, type) and _class_info(cls).plain_construct:
        # Its __init__ is response_init: mimetype goes by position, no keyword to match.
        args[1] = args[2] = <PyObject*>None
        args[3] = <PyObject*>mimetype
        return _construct(cls, args, 4, NULL)
    args[1] = <PyObject*>mimetype
    return PyObject_Vectorcall(cls, args, 1, <PyObject*>_MIMETYPE_KEYWORD)


cdef bytes _INDENT_2 = b"  "


def json_provider_response(self, *args, **kwargs):
    """The JSON provider's ``response`` method, as Flask's (see the pure twin)."""
    cdef tuple parts = self._response_parts
    if type(self).dumps is not parts[7]:  # a subclass's own dumps: Flask's response, through it
        return parts[8](self, *args, **kwargs)
    if not kwargs and PyTuple_GET_SIZE(args) == 1:
        obj = <object>PyTuple_GET_ITEM(args, 0)
    elif kwargs and not args:
        obj = kwargs
    else:
        obj = self._prepare_response_obj(args, kwargs)
    app = self._app_ref()
    if app is None:
        raise ReferenceError("the app of this JSON provider no longer exists")
    compact = self.compact
    cdef bint indented = compact is False
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
    response = _json_response(
        cls,
        obj,
        parts[1] if user_default is parts[0] else parts[2](user_default),
        parts[5] if sort_keys else parts[6],
        _INDENT_2 if indented else None,
        ensure_ascii,
        mimetype,
    )
    if response is None:  # orjson cannot express obj: json.dumps writes it
        return parts[4](cls, obj, user_default, ensure_ascii, sort_keys, indented, mimetype)
    return response


cdef str _etag_of(bytes data):
    cdef bytes digest = _b2a_base64(_sha1(data).digest(), newline=False)
    cdef char buf[64]
    cdef int n = snprintf(
        buf, sizeof(buf), "W/\"%zx-%.27s\"", <size_t>PyBytes_GET_SIZE(data), PyBytes_AS_STRING(digest)
    )
    return PyUnicode_DecodeASCII(buf, n, NULL)


cpdef str weak_etag(data):
    """A weak ETag for a body (see the pure twin)."""
    if type(data) is not bytes:
        raise TypeError(f"weak_etag() needs bytes, not {type(data).__name__}.")
    return _etag_of(<bytes>data)


# ------------------------------------------------------------- signed cookies
# Flask's session cookie (format: see the pure twin).  What is compiled here:
# the tag walk over exact types, base64url both ways, and deflate/inflate on
# z_streams kept for reuse (a reset, not a fresh init with its allocations,
# which costs as much as the rest of the cookie together).

cdef extern from "zlib.h":
    ctypedef struct z_stream:
        const unsigned char* next_in
        unsigned int avail_in
        unsigned char* next_out
        unsigned int avail_out
        unsigned long total_out
        void* zalloc
        void* zfree
        void* opaque
    int inflateInit(z_stream* strm)
    int inflateReset(z_stream* strm)
    int inflate(z_stream* strm, int flush)
    int deflateInit(z_stream* strm, int level)
    int deflateReset(z_stream* strm)
    int deflate(z_stream* strm, int flush)
    unsigned long deflateBound(z_stream* strm, unsigned long source_len)
    enum:
        Z_OK
        Z_STREAM_END
        Z_BUF_ERROR
        Z_NO_FLUSH
        Z_FINISH
        Z_DEFAULT_COMPRESSION

_SESSION_TAGS = (" di", " t", " b", " m", " u", " d")
SESSION_MAX_DEPTH = 400

cdef frozenset _session_tag_keys = frozenset(_SESSION_TAGS)
cdef int _SESSION_MAX_DEPTH = SESSION_MAX_DEPTH
cdef dict _session_keys = {}
cdef Py_ssize_t _SESSION_KEYS_MAX = 64
cdef bytes _B64URL_DECODE = bytes.maketrans(b"-_", b"+/")
cdef const char* _B64URL = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
cdef object _hmac_digest = _hmac.digest
cdef object _compare_digest = _hmac.compare_digest
cdef object _zlib_compress = _zlib.compress
cdef object _json_dumps = _json.dumps
cdef object _json_loads = _json.loads
cdef object _orjson_loads = orjson.loads
cdef object _JSONDecodeError = orjson.JSONDecodeError
cdef object _OPT_SORT_KEYS = orjson.OPT_SORT_KEYS


cdef tuple _session_hmac(secret_key, salt):
    """The derived key and SHA-1 states primed with its HMAC pads (see the pure twin)."""
    cdef tuple cache_key = (secret_key, salt)
    cdef object entry = _session_keys.get(cache_key)
    cdef bytes key, padded
    if entry is None:
        key = _hmac_digest(
            secret_key.encode("utf-8") if isinstance(secret_key, str) else secret_key,
            salt.encode("utf-8") if isinstance(salt, str) else salt,
            "sha1",
        )
        padded = key.ljust(64, b"\x00")
        entry = (key, _sha1(bytes([b ^ 0x36 for b in padded])), _sha1(bytes([b ^ 0x5C for b in padded])))
        if len(_session_keys) >= _SESSION_KEYS_MAX:
            _session_keys.clear()
        _session_keys[cache_key] = entry
    return <tuple>entry


cpdef bytes session_key(secret_key, salt):
    return _session_hmac(secret_key, salt)[0]


cdef bytes _session_mac(secret_key, salt, bytes message):
    cdef tuple entry = _session_hmac(secret_key, salt)
    inner = entry[1].copy()
    inner.update(message)
    outer = entry[2].copy()
    outer.update(inner.digest())
    return outer.digest()


cdef inline Py_ssize_t _b64url_length(Py_ssize_t n):
    return (n * 4 + 2) // 3


cdef Py_ssize_t _b64url_into(const unsigned char* src, Py_ssize_t n, char* dst):
    """Unpadded URL-safe base64 of src[:n] into dst; returns the length written."""
    cdef Py_ssize_t i = 0, j = 0
    cdef unsigned int v
    while i + 3 <= n:
        v = (src[i] << 16) | (src[i + 1] << 8) | src[i + 2]
        dst[j] = _B64URL[v >> 18]
        dst[j + 1] = _B64URL[(v >> 12) & 63]
        dst[j + 2] = _B64URL[(v >> 6) & 63]
        dst[j + 3] = _B64URL[v & 63]
        i += 3
        j += 4
    if n - i == 1:
        v = src[i] << 16
        dst[j] = _B64URL[v >> 18]
        dst[j + 1] = _B64URL[(v >> 12) & 63]
        j += 2
    elif n - i == 2:
        v = (src[i] << 16) | (src[i + 1] << 8)
        dst[j] = _B64URL[v >> 18]
        dst[j + 1] = _B64URL[(v >> 12) & 63]
        dst[j + 2] = _B64URL[(v >> 6) & 63]
        j += 3
    return j


cdef signed char _B64URL_VALUES[256]
memset(_B64URL_VALUES, -1, sizeof(_B64URL_VALUES))
for _i in range(64):
    _B64URL_VALUES[<unsigned char>_B64URL[_i]] = <signed char>_i


cdef inline int _b64url_value(unsigned char c):
    return _B64URL_VALUES[c]


cdef bytes _b64url_decode(bytes data):
    """itsdangerous' ``base64_decode``; plain input decoded here, the rest by binascii."""
    cdef const unsigned char* src = <const unsigned char*>PyBytes_AS_STRING(data)
    cdef Py_ssize_t n = PyBytes_GET_SIZE(data), i, j = 0
    cdef int a, b, c, d
    cdef bytes out
    cdef unsigned char* dst
    if n % 4 != 1:
        out = PyBytes_FromStringAndSize(NULL, n * 3 // 4)
        dst = <unsigned char*>PyBytes_AS_STRING(out)
        i = 0
        while i < n:
            a = _b64url_value(src[i])
            b = _b64url_value(src[i + 1]) if i + 1 < n else 0
            c = _b64url_value(src[i + 2]) if i + 2 < n else 0
            d = _b64url_value(src[i + 3]) if i + 3 < n else 0
            if a < 0 or b < 0 or c < 0 or d < 0:
                break
            dst[j] = <unsigned char>((a << 2) | (b >> 4))
            if i + 2 < n:
                dst[j + 1] = <unsigned char>(((b & 15) << 4) | (c >> 2))
            if i + 3 < n:
                dst[j + 2] = <unsigned char>(((c & 3) << 6) | d)
            j += min(n - i, 4) - 1
            i += 4
        else:
            return out
    return _a2b_base64((data + b"=" * ((4 - n % 4) % 4)).translate(_B64URL_DECODE))


cdef bint _deflate_ready = False
cdef bint _deflate_checked = False
cdef z_stream _deflate_stream


cdef bytes _deflate(bytes data):
    """``zlib.compress(data)``, on a stream reused across calls."""
    global _deflate_ready, _deflate_checked
    cdef Py_ssize_t n = PyBytes_GET_SIZE(data)
    cdef bytes out
    cdef int rc
    if not _deflate_checked:
        _deflate_checked = True
        memset(&_deflate_stream, 0, sizeof(z_stream))
        if deflateInit(&_deflate_stream, Z_DEFAULT_COMPRESSION) == Z_OK:
            _deflate_ready = True
            # The same libz as the zlib module is expected; prove it.
            for sample in (b"", b"a" * 300, bytes(range(256)) * 3, b'{"_fresh":true,"_id":"x"}'):
                if _deflate(sample) != _zlib_compress(sample):
                    _deflate_ready = False
                    break
    if not _deflate_ready or n > 0xFFFFFFF:
        return _zlib_compress(data)
    if deflateReset(&_deflate_stream) != Z_OK:
        return _zlib_compress(data)
    out = PyBytes_FromStringAndSize(NULL, deflateBound(&_deflate_stream, n))
    _deflate_stream.next_in = <const unsigned char*>PyBytes_AS_STRING(data)
    _deflate_stream.avail_in = <unsigned int>n
    _deflate_stream.next_out = <unsigned char*>PyBytes_AS_STRING(out)
    _deflate_stream.avail_out = <unsigned int>PyBytes_GET_SIZE(out)
    rc = deflate(&_deflate_stream, Z_FINISH)
    if rc != Z_STREAM_END:
        return _zlib_compress(data)
    return PyBytes_FromStringAndSize(PyBytes_AS_STRING(out), _deflate_stream.total_out)


cdef bint _inflate_ready = False
cdef z_stream _inflate_stream


cdef object _inflate(bytes data, Py_ssize_t max_size):
    """``zlib.decompress(data)`` if that is at most *max_size* bytes, else ``None``
    (also for a truncated or corrupt stream)."""
    global _inflate_ready
    cdef Py_ssize_t n = PyBytes_GET_SIZE(data), cap
    cdef unsigned char* buf
    cdef unsigned char* grown
    cdef int rc
    if not _inflate_ready:
        memset(&_inflate_stream, 0, sizeof(z_stream))
        if inflateInit(&_inflate_stream) != Z_OK:
            raise MemoryError("zlib inflateInit failed")
        _inflate_ready = True
    if n > 0xFFFFFFF or max_size < 0 or inflateReset(&_inflate_stream) != Z_OK:
        return None
    cap = min(max_size, 4 * n + 256)
    buf = <unsigned char*>PyMem_Malloc(cap + 1)
    if buf == NULL:
        raise MemoryError()
    try:
        _inflate_stream.next_in = <const unsigned char*>PyBytes_AS_STRING(data)
        _inflate_stream.avail_in = <unsigned int>n
        _inflate_stream.next_out = buf
        _inflate_stream.avail_out = <unsigned int>cap
        while True:
            rc = inflate(&_inflate_stream, Z_NO_FLUSH)
            if rc == Z_STREAM_END:
                return PyBytes_FromStringAndSize(<char*>buf, _inflate_stream.total_out)
            if (rc != Z_OK and rc != Z_BUF_ERROR) or _inflate_stream.avail_out != 0 or cap >= max_size:
                return None  # corrupt, truncated, or bigger than max_size
            grown = <unsigned char*>PyMem_Realloc(buf, min(cap * 2, max_size) + 1)
            if grown == NULL:
                raise MemoryError()
            buf = grown
            _inflate_stream.next_out = buf + cap
            _inflate_stream.avail_out = <unsigned int>(min(cap * 2, max_size) - cap)
            cap = min(cap * 2, max_size)
    finally:
        PyMem_Free(buf)


cdef object _tag(object value, bint* slow, int depth):
    cdef type tp = type(value)
    if tp is str or tp is int or tp is bool or value is None:
        return value
    if depth > _SESSION_MAX_DEPTH:
        raise RecursionError("session value nested too deeply (or it contains itself)")
    depth += 1
    if tp is list:
        return [_tag(item, slow, depth) for item in <list>value]
    if tp is float:
        slow[0] = True
        return value
    if tp is dict:
        if len(<dict>value) == 1:
            for key, item in (<dict>value).items():
                if key in _session_tag_keys:
                    return {" di": {f"{key}__": _tag(item, slow, depth)}}
        return {k: _tag(v, slow, depth) for k, v in (<dict>value).items()}
    return _tag_other(value, slow, depth)


cdef object _tag_other(object value, bint* slow, int depth):
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
        return {" b": _b2a_base64(value, newline=False).decode("ascii")}
    if callable(getattr(value, "__html__", None)):
        return {" m": str(value.__html__())}
    if isinstance(value, UUID):
        return {" u": value.hex}
    if isinstance(value, datetime):
        return {" d": http_date(value)}
    slow[0] = True
    return value


cdef bint _printable_ascii(bytes data):
    cdef const unsigned char* p = <const unsigned char*>PyBytes_AS_STRING(data)
    cdef Py_ssize_t i
    for i in range(PyBytes_GET_SIZE(data)):
        if p[i] < 0x20 or p[i] > 0x7E:
            return False
    return True


cpdef bytes session_json(value, default=None):
    """Flask's session JSON for *value*, byte for byte (see the pure twin)."""
    cdef bint slow = False
    cdef object tagged = _tag(value, &slow, 0)
    cdef bytes data
    if not slow:
        try:
            data = json_dumps(tagged, None, _OPT_SORT_KEYS)
        except TypeError:
            pass
        else:
            if _printable_ascii(data):
                return data
    return _json_dumps(
        tagged, default=default, separators=(",", ":"), sort_keys=True, ensure_ascii=True
    ).encode("ascii")


def _untag_di(value):
    key = next(iter(value))
    return {key[:-2]: value[key]}


cdef dict _UNTAG = {
    " di": _untag_di,
    " t": tuple,
    " b": _b64decode,
    " m": Markup,
    " u": UUID,
    " d": _parse_date,
}


cdef object _untag(object value, int depth):
    cdef type tp = type(value)
    cdef Py_ssize_t i
    if depth > _SESSION_MAX_DEPTH:
        raise RecursionError("session JSON nested too deeply")
    depth += 1
    if tp is dict:
        for key, item in (<dict>value).items():
            if type(item) is dict or type(item) is list:
                (<dict>value)[key] = _untag(item, depth)
        if len(<dict>value) == 1:
            for key, item in (<dict>value).items():
                untag = _UNTAG.get(key)
                if untag is not None:
                    return untag(item)
    elif tp is list:
        for i in range(len(<list>value)):
            item = (<list>value)[i]
            if type(item) is dict or type(item) is list:
                (<list>value)[i] = _untag(item, depth)
    return value


cpdef object session_loads(data):
    """Parse session JSON and undo Flask's tags (see the pure twin)."""
    if not _long_digits(data):
        try:
            return _untag(_orjson_loads(data), 0)
        except _JSONDecodeError:
            pass
    return _untag(_json_loads(data.decode("utf-8")), 0)


cdef bint _long_digits(bytes data):
    """19 digits in a row: an integer orjson may read as a float."""
    cdef const unsigned char* p = <const unsigned char*>PyBytes_AS_STRING(data)
    cdef Py_ssize_t i, run = 0
    for i in range(PyBytes_GET_SIZE(data)):
        if c'0' <= p[i] <= c'9':
            run += 1
            if run >= 19:
                return True
        else:
            run = 0
    return False


cdef dict _deflated = {}
cdef Py_ssize_t _DEFLATED_MAX = 128
cdef Py_ssize_t _DEFLATED_LARGEST = 4096


cdef object _compressed(bytes payload):
    """``zlib.compress(payload)`` if shorter by two bytes or more, else ``None``
    (remembered for recent payloads: see the pure twin)."""
    cdef object found = _deflated.get(payload, _deflated)  # the dict itself: "not there"
    if found is not _deflated:
        return found
    cdef bytes compressed = _deflate(payload)
    cdef object result = compressed if PyBytes_GET_SIZE(compressed) < PyBytes_GET_SIZE(payload) - 1 else None
    if PyBytes_GET_SIZE(payload) <= _DEFLATED_LARGEST:
        if len(_deflated) >= _DEFLATED_MAX:
            _deflated.clear()
        _deflated[payload] = result
    return result


cpdef str session_sign(value, secret_key, salt, timestamp, default=None):
    """Flask's session cookie value for *value* signed at *timestamp* (seconds)."""
    cdef bytes payload = session_json(value, default)
    cdef object compressed = _compressed(payload)
    cdef bint use_compressed = compressed is not None
    cdef bytes body = compressed if use_compressed else payload
    cdef bytes stamp = (<object>timestamp).to_bytes(8, "big").lstrip(b"\x00")
    cdef Py_ssize_t body_len = PyBytes_GET_SIZE(body), stamp_len = PyBytes_GET_SIZE(stamp)
    cdef Py_ssize_t n = use_compressed + _b64url_length(body_len) + 1 + _b64url_length(stamp_len)
    cdef bytes signed = PyBytes_FromStringAndSize(NULL, n)
    cdef char* p = PyBytes_AS_STRING(signed)
    cdef Py_ssize_t j = 0
    if use_compressed:
        p[0] = c'.'
        j = 1
    j += _b64url_into(<const unsigned char*>PyBytes_AS_STRING(body), body_len, p + j)
    p[j] = c'.'
    j += 1
    _b64url_into(<const unsigned char*>PyBytes_AS_STRING(stamp), stamp_len, p + j)
    cdef bytes signature = _session_mac(secret_key, salt, signed)
    cdef Py_ssize_t sig_len = PyBytes_GET_SIZE(signature)
    cdef str cookie = PyUnicode_New(n + 1 + _b64url_length(sig_len), 127)
    cdef char* q = <char*>PyUnicode_DATA(cookie)
    memcpy(q, p, n)
    q[n] = c'.'
    _b64url_into(<const unsigned char*>PyBytes_AS_STRING(signature), sig_len, q + n + 1)
    return cookie


cpdef object session_unsign(cookie, secret_keys, salt, max_age, long long now, Py_ssize_t max_size):
    """The value in a session cookie, or ``None`` if it is not one to trust (see the pure twin)."""
    cdef bytes raw_cookie, signed, payload, expected, raw
    cdef const char* p
    cdef Py_ssize_t n, dot
    cdef long long stamp = 0, age
    cdef Py_ssize_t i
    cdef bint compressed
    if not isinstance(cookie, str):
        return None
    try:
        raw_cookie = PyUnicode_AsUTF8String(cookie)
    except UnicodeError:
        return None
    p = PyBytes_AS_STRING(raw_cookie)
    n = PyBytes_GET_SIZE(raw_cookie)
    dot = n - 1
    while dot >= 0 and p[dot] != c'.':
        dot -= 1
    if dot < 0:
        return None
    signed = PyBytes_FromStringAndSize(p, dot)
    try:
        expected = _b64url_decode(PyBytes_FromStringAndSize(p + dot + 1, n - dot - 1))
    except ValueError:
        return None
    for secret_key in reversed(secret_keys):
        if _compare_digest(_session_mac(secret_key, salt, signed), expected):
            break
    else:
        return None
    n = dot
    dot = n - 1
    while dot >= 0 and p[dot] != c'.':
        dot -= 1
    if dot < 0:
        return None
    try:
        raw = _b64url_decode(PyBytes_FromStringAndSize(p + dot + 1, n - dot - 1))
    except ValueError:
        return None
    if PyBytes_GET_SIZE(raw) > 8:
        return None
    for i in range(PyBytes_GET_SIZE(raw)):
        stamp = (stamp << 8) | <unsigned char>PyBytes_AS_STRING(raw)[i]
    if max_age is not None:
        age = now - stamp
        if stamp < 0 or age > max_age or age < 0:
            return None
    compressed = dot > 0 and p[0] == c'.'
    try:
        payload = _b64url_decode(PyBytes_FromStringAndSize(p + compressed, dot - compressed))
        if compressed:
            payload = _inflate(payload, max_size)
            if payload is None:
                return None
        return session_loads(payload)
    except Exception:
        return None


# ------------------------------------------------------------ configuration


@cython.final
cdef class ContextConfig:
    """Descriptor: ``var.get().app.config[key]`` while the context variable
    *var* is set (Flask's app context), else *default*."""

    cdef object _var
    cdef object _key
    cdef object _default

    def __init__(self, var, key, default):
        self._var = var
        self._key = key
        self._default = default

    def __get__(self, obj, owner):
        if obj is None:
            return self
        cdef object ctx = get_value(self._var, None)
        if ctx is None:
            return self._default
        return ctx.app.config[self._key]


# ------------------------------------------------------------------ iteration


@cython.freelist(16)
cdef class EncodedIterator:
    """Iterate a response body as bytes; ``close()`` calls *on_close* once."""

    cdef object _seq      # a list iterated by index, or None
    cdef Py_ssize_t _pos
    cdef object _it       # any other iterable's iterator
    cdef object _on_close  # a callable, or None
    cdef object _owner    # a response whose close() runs on close(), or None
    cdef bint _own_close  # the owner's close is response_close: call it directly

    def __init__(self, iterable, on_close=None):
        if type(iterable) is list:
            self._seq = iterable
        else:
            self._it = iter(iterable)
        self._on_close = on_close

    def __iter__(self):
        return self

    def __next__(self):
        cdef object item
        if self._seq is not None:
            if self._pos >= PyList_GET_SIZE(self._seq):
                raise StopIteration
            item = <object>PyList_GET_ITEM(self._seq, self._pos)
            self._pos += 1
        else:
            item = next(self._it)
        if type(item) is str:
            return PyUnicode_AsUTF8String(item)
        if isinstance(item, str):  # str subclasses (markupsafe.Markup)
            return item.encode()
        return item

    def close(self):
        cdef object on_close = self._on_close
        cdef object owner = self._owner
        self._on_close = None
        self._owner = None
        if owner is not None:
            if self._own_close:
                _close_response(owner)
            else:
                owner.close()
        if on_close is not None:
            on_close()


cdef inline EncodedIterator _body_iterator(object body, object owner):
    """An EncodedIterator over *body* whose close() calls ``owner.close()`` once."""
    cdef EncodedIterator it = EncodedIterator.__new__(EncodedIterator)
    if type(body) is list:
        it._seq = body
    else:
        it._it = iter(body)
    it._owner = owner
    return it


cpdef bytes join_encoded(body):
    cdef list parts = []
    for item in body:
        if type(item) is str:
            parts.append(PyUnicode_AsUTF8String(item))
        elif isinstance(item, str):  # str subclasses (markupsafe.Markup)
            parts.append(item.encode())
        else:
            parts.append(item)
    return b"".join(parts)


# ------------------------------------------------------------- headers object
#
# A Python class (a cdef class cannot subclass werkzeug's Headers) whose
# methods compile to C and whose loops are the typed helpers below.  Every
# loop re-reads the list's size after anything that may run Python code (a
# str subclass's lower() or __eq__, a value's __str__), so code that edits
# the list meanwhile never reads past its end; and every item[0] or item[1]
# of an item anyone may have put in the list is bounds-checked.


class Headers(_WerkzeugHeaders):
    """werkzeug's :class:`~werkzeug.datastructures.Headers` on the core's rules.

    See the pure twin for the contract.
    """

    def __init__(self, defaults=None):
        self._list = []
        if defaults is not None:
            self.extend(defaults)

    def __getitem__(self, key):
        cdef list headers = _list_of(self)
        if isinstance(key, str):
            return _value_at(headers, _find_name(headers, key, 0), key)
        if isinstance(key, int):
            return headers[key]
        return self.__class__(headers[key])

    def _get_key(self, key):
        cdef list headers = _list_of(self)
        return _value_at(headers, _find_name(headers, key, 0), key)

    @cython.boundscheck(True)  # item[0] of whatever someone put in the list
    def __eq__(self, other):
        if not _same_headers_class(self, other):
            return NotImplemented
        cdef int same = _same_pairs(_list_of(self), other._list)
        if same >= 0:
            return <bint>same
        theirs = {(item[0].lower(), *item[1:]) for item in other._list}
        return theirs == {(item[0].lower(), *item[1:]) for item in _list_of(self)}

    __hash__ = None

    def get(self, key, default=None, type=None):
        cdef list headers = _list_of(self)
        cdef Py_ssize_t i = _find_name(headers, key, 0)
        if i < 0:
            return default
        value = _value_at(headers, i, key)
        if type is None:
            return value
        try:
            return PyNumber_Long(value) if type is int else type(value)  # int(value), without the call
        except ValueError:
            return default

    def getlist(self, key, type=None):
        cdef list values = _values_of(_list_of(self), key)
        if type is None:
            return values
        result = []
        for value in values:
            try:
                result.append(type(value))
            except ValueError:
                continue
        return result

    def get_all(self, name):
        """All the values of header *name* (wsgiref's name for :meth:`getlist`)."""
        if type(self) is Headers:
            return _values_of(_list_of(self), name)
        return self.getlist(name)

    def items(self, lower=False):
        return _header_iterator(self, _ITEMS_LOWER if lower else _ITEMS)

    def keys(self, lower=False):
        return _header_iterator(self, _KEYS_LOWER if lower else _KEYS)

    def values(self):
        return _header_iterator(self, _VALUES)

    def extend(self, arg=None, /, **kwargs):
        if arg is not None:
            _add_all(_list_of(self), arg)
        if kwargs:
            _add_all(_list_of(self), kwargs)

    def __delitem__(self, key):
        if isinstance(key, str):
            _drop_name(_list_of(self), key)
        else:
            del _list_of(self)[key]

    def _del_key(self, key):
        _drop_name(_list_of(self), key)

    def remove(self, key):
        """Remove every header called *key*."""
        _drop_name(_list_of(self), key)

    def pop(self, key=None, default=_missing):
        cdef list headers = _list_of(self)
        if key is None:
            return headers.pop()
        if isinstance(key, int):
            return headers.pop(key)
        cdef Py_ssize_t i = _find_name(headers, key, 0)
        if i < 0:
            if default is not _missing:
                return default
            raise BadRequestKeyError(key)
        value = _value_at(headers, i, key)
        _drop_from(headers, key, i)
        return value

    def popitem(self):
        return _list_of(self).pop()

    def __contains__(self, key):
        return _find_name(_list_of(self), key, 0) >= 0

    def __iter__(self):
        return iter(_list_of(self))

    def __len__(self):
        return len(_list_of(self))

    def add(self, key, value, /, **kwargs):
        if kwargs:
            value = _options_value(value, kwargs)
        _list_of(self).append((key, header_value(key, value)))

    add_header = add  # wsgiref's name

    def clear(self):
        _list_of(self).clear()

    def set(self, key, value, /, **kwargs):
        if kwargs:
            value = _options_value(value, kwargs)
        _set_name(_list_of(self), key, header_value(key, value))

    def setlist(self, key, values):
        cdef list headers = _list_of(self)
        if values:
            it = iter(values)
            _set_name(headers, key, header_value(key, next(it)))
            for value in it:
                headers.append((key, header_value(key, value)))
        else:
            _drop_name(headers, key)

    def setdefault(self, key, default):
        cdef list headers = _list_of(self)
        cdef Py_ssize_t i = _find_name(headers, key, 0)
        if i < 0:
            _set_name(headers, key, header_value(key, default))
            i = _find_name(headers, key, 0)
        return _value_at(headers, i, key)

    def setlistdefault(self, key, default):
        if _find_name(_list_of(self), key, 0) < 0:
            self.setlist(key, default)
        return _values_of(_list_of(self), key)

    @cython.boundscheck(True)  # value[0], value[1] of any sequence
    def __setitem__(self, key, value):
        if isinstance(key, str):
            _set_name(_list_of(self), key, header_value(key, value))
        elif isinstance(key, int):
            name = value[0]
            _list_of(self)[key] = name, header_value(name, value[1])
        else:
            _list_of(self)[key] = [(k, header_value(k, v)) for k, v in value]

    def update(self, arg=None, /, **kwargs):
        if arg is not None:
            if type(arg) is dict:
                _set_all(self, (<dict>arg).items())
            elif isinstance(arg, (_WerkzeugHeaders, MultiDict)):
                for key in arg.keys():
                    self.setlist(key, arg.getlist(key))
            elif isinstance(arg, _Mapping):
                _set_all(self, arg.items())
            else:
                for key, value in arg:
                    _set_name(_list_of(self), key, header_value(key, value))
        if kwargs:
            _set_all(self, kwargs.items())

    def __or__(self, other):
        if type(other) is not dict and not isinstance(other, _Mapping):
            return NotImplemented
        rv = self.copy()
        rv.update(other)
        return rv

    def __ior__(self, other):
        if type(other) is not dict and not isinstance(other, (_Mapping, _Iterable)):
            return NotImplemented
        self.update(other)
        return self

    def to_wsgi_list(self):
        """The headers as a new list of ``(name, value)`` for WSGI."""
        if type(self) is Headers:
            return PyList_GetSlice(_list_of(self), 0, PY_SSIZE_T_MAX)
        return list(self)

    def copy(self):
        cdef object h
        if type(self) is Headers:  # Headers(self._list) without the class call
            h = _headers_around([])
            _add_all(<list>h._list, _list_of(self))
            return h
        return self.__class__(_list_of(self))

    def __copy__(self):
        if type(self) is Headers:
            return Headers.copy(self)
        return self.copy()

    def __str__(self):
        """The headers as an HTTP header block, each line ended by CRLF, then CRLF."""
        items = _list_of(self) if type(self) is Headers else self.to_wsgi_list()
        if type(items) is list and _plain_pairs(<list>items):  # no Python code runs from here
            return _header_block(<list>items)
        if type(self) is Headers:
            items = _snapshot(self)
        cdef list parts = []
        cdef object item, key, value
        for item in items:
            if type(item) is tuple and PyTuple_GET_SIZE(item) == 2:
                key = <object>PyTuple_GET_ITEM(item, 0)
                value = <object>PyTuple_GET_ITEM(item, 1)
            else:
                key, value = item
            parts += (f"{key}", ": ", f"{value}", "\r\n")
        parts.append("\r\n")
        return "".join(parts)

    def __repr__(self):
        name = type(self).__name__
        cdef list items = _snapshot(self) if type(self) is Headers else list(self)
        if type(name) is str and PyUnicode_KIND(name) == PyUnicode_1BYTE_KIND and _plain_repr_pairs(items):
            return _repr_block(<str>name, items)
        return f"{name}({items!r})"


cdef inline list _list_of(object h):
    """``h._list``, which the typed helpers below need to be a list."""
    headers = h._list
    if not isinstance(headers, list):
        raise TypeError(f"Headers._list must be a list, not {type(headers).__name__}.")
    return <list>headers


cdef inline list _snapshot(object h):
    """A copy of ``h._list``, to walk while Python code may edit the original."""
    return PyList_GetSlice(_list_of(h), 0, PY_SSIZE_T_MAX)


cdef object _headers_class = Headers
cdef tuple _no_args = ()


cdef object _headers_around(list headers):
    """A new core ``Headers`` whose ``_list`` is *headers* itself (nothing validated).

    ``object.__new__(Headers)`` through the class's ``tp_new`` slot (object's:
    neither class defines ``__new__``), as ``Headers()`` would without ``__init__``.
    """
    h = (<PyTypeObject*>_headers_class).tp_new(_headers_class, _no_args, NULL)
    h._list = headers
    return h


cdef enum:
    _ITEMS
    _ITEMS_LOWER
    _KEYS
    _KEYS_LOWER
    _VALUES


@cython.final
@cython.boundscheck(True)
cdef class _HeaderIterator:
    """What ``items()``, ``keys()`` and ``values()`` return.

    werkzeug's are generators over the headers; this steps like them, lazily:
    the list is read at the first step, and its size at every step.
    """

    cdef object owner
    cdef list headers
    cdef Py_ssize_t i
    cdef int kind

    def __iter__(self):
        return self

    def __next__(self):
        cdef object item, key, value
        if self.headers is None:
            if self.owner is None:
                raise StopIteration
            self.headers = _list_of(self.owner)
            self.owner = None
        if self.i >= PyList_GET_SIZE(self.headers):
            self.headers = None
            raise StopIteration
        item = <object>PyList_GET_ITEM(self.headers, self.i)
        self.i += 1
        if type(item) is tuple and PyTuple_GET_SIZE(item) == 2:
            if self.kind == _ITEMS:
                return item
            key = <object>PyTuple_GET_ITEM(item, 0)
            value = <object>PyTuple_GET_ITEM(item, 1)
        else:
            key, value = item
        if self.kind == _ITEMS:
            return key, value
        if self.kind == _ITEMS_LOWER:
            return key.lower(), value
        if self.kind == _KEYS:
            return key
        if self.kind == _KEYS_LOWER:
            return key.lower()
        return value


cdef _HeaderIterator _header_iterator(object owner, int kind):
    cdef _HeaderIterator it = _HeaderIterator.__new__(_HeaderIterator)
    it.owner = owner
    it.kind = kind
    return it


cdef int _same_pairs(list mine, object theirs) except -2:
    """``__eq__`` without its sets, for short lists of exact ``(str, str)`` items.

    1 or 0 for equal or not, -1 where the sets must decide: each side's
    ``{(name.lower(), value)}`` equal means each item has a match on the
    other side.
    """
    cdef Py_ssize_t n = PyList_GET_SIZE(mine)
    if type(theirs) is not list or n > 16 or PyList_GET_SIZE(theirs) > 16:
        return -1
    if not _plain_pairs(mine) or not _plain_pairs(<list>theirs):
        return -1
    return _pairs_within(mine, <list>theirs) and _pairs_within(<list>theirs, mine)


cdef inline Py_ssize_t _put_str(char* out, Py_ssize_t pos, object s):
    """Copy *s*, a one-byte-kind str, to ``out + pos``; the position after it."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(s)
    memcpy(out + pos, PyUnicode_DATA(s), n)
    return pos + n


cdef inline bint _plain_repr_pairs(list items):
    """Every item an exact 2-tuple whose ``repr()`` is each str between single quotes."""
    cdef object item
    cdef Py_ssize_t i
    for i in range(PyList_GET_SIZE(items)):
        item = <object>PyList_GET_ITEM(items, i)
        if (
            type(item) is not tuple or PyTuple_GET_SIZE(item) != 2
            or not _plain_repr(<object>PyTuple_GET_ITEM(item, 0))
            or not _plain_repr(<object>PyTuple_GET_ITEM(item, 1))
        ):
            return False
    return True


cdef str _repr_block(str name, list items):
    """``name([('k', 'v'), ...])`` for items that pass :func:`_plain_repr_pairs`."""
    cdef Py_ssize_t i, n = PyList_GET_SIZE(items), pos = 0
    cdef Py_ssize_t total = PyUnicode_GET_LENGTH(name) + 4 + (2 * n - 2 if n else 0)
    cdef object item
    for i in range(n):
        item = <object>PyList_GET_ITEM(items, i)
        total += 8 + PyUnicode_GET_LENGTH(<object>PyTuple_GET_ITEM(item, 0))
        total += PyUnicode_GET_LENGTH(<object>PyTuple_GET_ITEM(item, 1))
    cdef str out = PyUnicode_New(total, PyUnicode_MAX_CHAR_VALUE(name))
    cdef char* p = <char*>PyUnicode_DATA(out)
    pos = _put_str(p, pos, name)
    memcpy(p + pos, b"([", 2)
    pos += 2
    for i in range(n):
        item = <object>PyList_GET_ITEM(items, i)
        if i:
            memcpy(p + pos, b", ", 2)
            pos += 2
        memcpy(p + pos, b"('", 2)
        pos = _put_str(p, pos + 2, <object>PyTuple_GET_ITEM(item, 0))
        memcpy(p + pos, b"', '", 4)
        pos = _put_str(p, pos + 4, <object>PyTuple_GET_ITEM(item, 1))
        memcpy(p + pos, b"')", 2)
        pos += 2
    memcpy(p + pos, b"])", 2)
    return out


cdef str _header_block(list items):
    """``name: value`` CRLF for each of *items* (plain pairs: exact str, latin-1 names), then CRLF."""
    cdef Py_ssize_t i, n = PyList_GET_SIZE(items), total = 2, pos = 0
    cdef unsigned int maxchar = 127
    cdef object item
    cdef char* p
    for i in range(n):
        item = <object>PyList_GET_ITEM(items, i)
        total += 4 + PyUnicode_GET_LENGTH(<object>PyTuple_GET_ITEM(item, 0))
        total += PyUnicode_GET_LENGTH(<object>PyTuple_GET_ITEM(item, 1))
        maxchar = max(maxchar, PyUnicode_MAX_CHAR_VALUE(<object>PyTuple_GET_ITEM(item, 0)))
        maxchar = max(maxchar, PyUnicode_MAX_CHAR_VALUE(<object>PyTuple_GET_ITEM(item, 1)))
    cdef str out = PyUnicode_New(total, maxchar)
    if maxchar <= 255:  # every part one byte a character: copy the bytes
        p = <char*>PyUnicode_DATA(out)
        for i in range(n):
            item = <object>PyList_GET_ITEM(items, i)
            pos = _put_str(p, pos, <object>PyTuple_GET_ITEM(item, 0))
            memcpy(p + pos, b": ", 2)
            pos = _put_str(p, pos + 2, <object>PyTuple_GET_ITEM(item, 1))
            memcpy(p + pos, b"\r\n", 2)
            pos += 2
        memcpy(p + pos, b"\r\n", 2)
        return out
    for i in range(n):
        item = <object>PyList_GET_ITEM(items, i)
        pos += PyUnicode_CopyCharacters(out, pos, <object>PyTuple_GET_ITEM(item, 0), 0, PY_SSIZE_T_MAX)
        pos += PyUnicode_CopyCharacters(out, pos, ": ", 0, 2)
        pos += PyUnicode_CopyCharacters(out, pos, <object>PyTuple_GET_ITEM(item, 1), 0, PY_SSIZE_T_MAX)
        pos += PyUnicode_CopyCharacters(out, pos, "\r\n", 0, 2)
    PyUnicode_CopyCharacters(out, pos, "\r\n", 0, 2)
    return out


cdef bint _plain_pairs(list headers):
    cdef object item
    cdef Py_ssize_t i
    for i in range(PyList_GET_SIZE(headers)):
        item = <object>PyList_GET_ITEM(headers, i)
        if (
            type(item) is not tuple or PyTuple_GET_SIZE(item) != 2
            or type(<object>PyTuple_GET_ITEM(item, 0)) is not str
            or PyUnicode_KIND(<object>PyTuple_GET_ITEM(item, 0)) != PyUnicode_1BYTE_KIND
            or type(<object>PyTuple_GET_ITEM(item, 1)) is not str
        ):
            return False
    return True


cdef bint _pairs_within(list a, list b) except -1:
    """Each item of *a* has one in *b* of the same name (any case) and value (both plain pairs)."""
    cdef Py_ssize_t i, j
    cdef object x, y
    cdef str vx, vy
    for i in range(PyList_GET_SIZE(a)):
        x = <object>PyList_GET_ITEM(a, i)
        for j in range(PyList_GET_SIZE(b)):
            y = <object>PyList_GET_ITEM(b, j)
            vx = <object>PyTuple_GET_ITEM(x, 1)
            vy = <object>PyTuple_GET_ITEM(y, 1)
            if vx == vy and _same_name(<object>PyTuple_GET_ITEM(x, 0), <object>PyTuple_GET_ITEM(y, 0)):
                break
        else:
            return False
    return True


cdef tuple _EQUAL_CLASSES = (Headers, _WerkzeugHeaders)


cdef bint _same_headers_class(object a, object b) except -1:
    """werkzeug's ``__eq__`` rule (same class), with this class and werkzeug's as one."""
    ca = a.__class__
    cb = b.__class__
    return ca is cb or (ca in _EQUAL_CLASSES and cb in _EQUAL_CLASSES)


# 1 for each code unit werkzeug's quote_header_value leaves unquoted (a token's).
cdef unsigned char _TOKEN[256]
# 1 for each code unit repr() shows as itself between single quotes.
cdef unsigned char _REPR_PLAIN[256]


cdef void _init_object_tables():
    cdef int c
    for c in range(256):
        _TOKEN[c] = (
            (ord("a") <= c <= ord("z")) or (ord("A") <= c <= ord("Z"))
            or (ord("0") <= c <= ord("9"))
        )
        _REPR_PLAIN[c] = 0x20 <= c < 0x7F and c != ord("'") and c != ord("\\")
    for c in b"!#$%&'*+-.^_`|~":
        _TOKEN[c] = 1


_init_object_tables()


cdef inline bint _plain_repr(object s):
    """True if ``repr(s)`` is *s* between single quotes (an exact str of printable ASCII)."""
    if type(s) is not str or not PyUnicode_IS_ASCII(s):
        return False
    cdef const unsigned char* p = <const unsigned char*>PyUnicode_DATA(s)
    cdef Py_ssize_t i
    for i in range(PyUnicode_GET_LENGTH(s)):
        if not _REPR_PLAIN[p[i]]:
            return False
    return True


cdef str _quoted_option(value):
    """werkzeug's ``quote_header_value(value)``: a token as it is, else quoted."""
    cdef str s = str(value)
    if PyUnicode_GET_LENGTH(s) == 0:
        return '""'
    if PyUnicode_IS_ASCII(s):
        p = <const unsigned char*>PyUnicode_DATA(s)
        for i in range(PyUnicode_GET_LENGTH(s)):
            if not _TOKEN[p[i]]:
                break
        else:
            return s
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


@cython.wraparound(True)  # key[-1]
cdef str _options_value(value, dict kwargs):
    """``add``'s keyword parameters appended to *value*, as werkzeug's ``dump_options_header`` does."""
    cdef dict options = {k.replace("_", "-"): v for k, v in kwargs.items()}
    cdef list segments = []
    if value is not None:
        segments.append(value)
    for key, option in options.items():
        if option is None:
            continue
        if key[-1] == "*":
            segments.append(f"{key}={option}")
        else:
            segments.append(f"{key}={_quoted_option(option)}")
    return "; ".join(segments)


@cython.boundscheck(True)
cdef inline object _name_of(object item):
    """``item[0]``, without the generic call for a tuple."""
    if type(item) is tuple and PyTuple_GET_SIZE(item) >= 1:
        return <object>PyTuple_GET_ITEM(item, 0)
    return item[0]


cdef Py_ssize_t _find_name(list headers, object key, Py_ssize_t start) except -2:
    """Index of the first header at or after *start* called *key* (any case), or -1."""
    cdef Py_ssize_t i = start
    cdef object item
    if type(key) is str:
        while i < PyList_GET_SIZE(headers):
            item = <object>PyList_GET_ITEM(headers, i)
            if _same_name(_name_of(item), <str>key):
                return i
            i += 1
        return -1
    ikey = key.lower()
    while i < PyList_GET_SIZE(headers):
        item = <object>PyList_GET_ITEM(headers, i)
        if _name_of(item).lower() == ikey:
            return i
        i += 1
    return -1


@cython.boundscheck(True)
cdef object _value_at(list headers, Py_ssize_t i, object key):
    """``headers[i][1]``; ``i < 0`` (not found) raises werkzeug's KeyError for *key*."""
    if i < 0:
        raise BadRequestKeyError(key)
    if i >= PyList_GET_SIZE(headers):  # shortened by the scan's Python code
        raise IndexError("list index out of range")
    return (<object>PyList_GET_ITEM(headers, i))[1]


cdef list _values_of(list headers, object key):
    """The values of every header called *key* (any case)."""
    cdef list out = []
    cdef Py_ssize_t i = 0
    cdef object item, name, value
    cdef bint exact = type(key) is str
    ikey = key if exact else key.lower()
    while i < PyList_GET_SIZE(headers):
        item = <object>PyList_GET_ITEM(headers, i)
        i += 1
        if type(item) is tuple and PyTuple_GET_SIZE(item) == 2:
            name = <object>PyTuple_GET_ITEM(item, 0)
            value = <object>PyTuple_GET_ITEM(item, 1)
        else:
            name, value = item
        if _same_name(name, <str>ikey) if exact else name.lower() == ikey:
            out.append(value)
    return out


cdef int _drop_name(list headers, object key) except -1:
    """Remove every header called *key* (any case)."""
    cdef Py_ssize_t i = _find_name(headers, key, 0)
    if i >= 0:
        _drop_from(headers, key, i)
    return 0


@cython.boundscheck(True)
cdef int _drop_from(list headers, object key, Py_ssize_t i) except -1:
    """Remove every header called *key* (any case) from ``headers[i]``, the first such, on."""
    if type(key) is str and _find_name(headers, key, i + 1) < 0:
        del headers[i]  # the only one: no rebuild
        return 0
    cdef list kept = headers[:i]
    cdef object item, name, value
    cdef bint exact = type(key) is str
    ikey = key if exact else key.lower()
    while i < PyList_GET_SIZE(headers):
        item = <object>PyList_GET_ITEM(headers, i)
        i += 1
        if type(item) is tuple and PyTuple_GET_SIZE(item) == 2:
            name = <object>PyTuple_GET_ITEM(item, 0)
        else:
            name, value = item
            item = (name, value)
        if not (_same_name(name, <str>ikey) if exact else name.lower() == ikey):
            kept.append(item)
    headers[:] = kept
    return 0


cdef int _set_name(list headers, object key, str value) except -1:
    """``Headers.set`` with *value* validated: replace the first, drop the rest."""
    cdef Py_ssize_t i = _find_name(headers, key, 0) if PyList_GET_SIZE(headers) else -1
    if i < 0:
        headers.append((key, value))
        return 0
    if i >= PyList_GET_SIZE(headers):  # shortened by the scan's Python code
        raise IndexError("list assignment index out of range")
    headers[i] = (key, value)
    if _find_name(headers, key, i + 1) >= 0:
        tail = headers[i + 1:]
        _drop_name(tail, key)
        headers[i + 1:] = tail
    return 0


cdef int _add_all(list headers, object arg) except -1:
    """``extend``: append, validated, each item of werkzeug's ``iter_multi_items(arg)``."""
    cdef object item
    if type(arg) is list or type(arg) is tuple:
        for item in arg:
            if (
                type(item) is tuple and PyTuple_GET_SIZE(item) == 2
                and type(<object>PyTuple_GET_ITEM(item, 1)) is str
                and type(<object>PyTuple_GET_ITEM(item, 0)) is str
            ):  # validated, and kept: the very tuple header_value would rebuild
                header_value(<object>PyTuple_GET_ITEM(item, 0), <object>PyTuple_GET_ITEM(item, 1))
                headers.append(item)
            else:
                key, value = item
                headers.append((key, header_value(key, value)))
    elif type(arg) is dict:
        for key, value in (<dict>arg).items():
            if isinstance(value, (list, tuple, set)):
                for item in value:
                    headers.append((key, header_value(key, item)))
            else:
                headers.append((key, header_value(key, value)))
    else:
        for key, value in _iter_multi_items(arg):
            headers.append((key, header_value(key, value)))
    return 0


cdef int _set_all(object h, object items) except -1:
    """``update`` from mapping items: a list, tuple or set value replaces with all its items."""
    for key, value in items:
        if isinstance(value, (list, tuple, set)):
            h.setlist(key, value)
        else:
            _set_name(_list_of(h), key, header_value(key, value))
    return 0


cpdef object materialise_headers(obj):
    """Turn response *obj*'s lazy header list (``_hlist``) into ``obj.headers``; return that.

    The one place where fastres makes the ``Headers`` object of a response:
    the core's ``Headers`` around that very list.  A ``headers`` already in
    the instance dict (assigned meanwhile) wins.
    """
    cdef dict d = _instance_dict(obj)
    hlist = d.get("_hlist")
    if hlist is not None and "headers" not in d:
        if type(hlist) is list:
            headers = _headers_around(<list>hlist)
        else:
            headers = Headers()
            headers._list = hlist
        d.setdefault("headers", headers)  # a thread that came first wins
    d.pop("_hlist", None)
    cdef PyObject* found = PyDict_GetItemWithError(d, "headers")
    if found == NULL:
        raise AttributeError(f"{type(obj).__name__!r} object has no attribute 'headers'")
    return <object>found


@cython.final
cdef class _HeadersAttribute:
    """``Response.headers`` while the instance dict has none: :func:`materialise_headers`.

    Not a data descriptor: once ``headers`` is in the instance dict (read,
    assigned or adopted), attribute access finds it there directly.
    """

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return materialise_headers(obj)


response_headers = _HeadersAttribute()


# ------------------------------------------------ response state (hot methods)

# The attributes the hot methods read and write on every response live where
# werkzeug keeps them, in the instance ``__dict__`` under werkzeug's names, so
# ``vars()``, ``__dict__`` and ``__class__`` assignment, copy and pickle work
# as they do on werkzeug's own responses.  The one lazy entry: until someone
# reads ``resp.headers``, the dict holds the plain header list as ``_hlist``;
# the first read (fastres.wrappers) replaces it by ``headers``, a werkzeug
# ``Headers`` around that same list.  ``headers`` always wins over ``_hlist``.
# How the core reads and writes them is in "CPython internals" below.


cdef inline bint _auto_length(object self, _ClassInfo info, bint new_instance) except -1:
    """``self.automatically_set_content_length``; a *new_instance* has no own attributes."""
    if new_instance and info.auto_length >= 0:
        return info.auto_length
    return bool(self.automatically_set_content_length)


def _class_cache_misses():
    """How many times the per-class cache was (re)built: a steady state adds none."""
    return _misses


cdef inline list _header_list_or_none(object self, _ClassInfo info, dict d=None):
    """The live header list, or None when ``resp.headers`` is not a plain werkzeug
    ``Headers`` over a list (the caller then goes through ``resp.headers``).
    *d*: the instance dict, if the caller has it."""
    cdef PyObject* found
    if info.plain_layout:
        if d is None:
            d = _instance_dict(self)
        found = _find(d, S_HEADERS)
        if found == NULL:
            found = _find(d, S_HLIST)
            if found != NULL and type(<object>found) is list:
                return <list>found
            headers = self.headers  # werkzeug's AttributeError if unset
        else:
            headers = <object>found
    else:
        headers = self.headers
    if type(headers) is Headers or type(headers) is _WerkzeugHeaders:  # either plain class
        hl = headers._list
        if type(hl) is list:
            return <list>hl
    return None


cdef list _header_list_of(object self, _ClassInfo info):
    """The live header list; ``TypeError`` if ``resp.headers`` is no ``Headers`` over a list."""
    cdef list hl = _header_list_or_none(self, info)
    if hl is None:
        hl = _subclass_list(self)
    return hl


cdef list _subclass_list(object self):
    """The list of a ``Headers`` subclass in ``resp.headers`` (edited directly,
    not through its methods); ``TypeError`` for anything else (a dict, ``EnvironHeaders``...)."""
    headers = self.headers
    usable = isinstance(headers, _WerkzeugHeaders) and not isinstance(headers, _EnvironHeaders)
    hl = getattr(headers, "_list", None) if usable else None
    if type(hl) is not list:
        raise TypeError(f"{type(self).__name__}.headers must be a werkzeug Headers over a list, not {headers!r}.")
    return <list>hl


def header_list_of(resp):
    if not isinstance(resp, _SansioResponse):
        raise TypeError(f"header_list_of() needs a werkzeug Response, not {type(resp).__name__}.")
    return _header_list_of(resp, _class_info(type(resp)))


cdef inline list _headers_to_send(object self, _ClassInfo info, dict d=None):
    """The header list for the WSGI call: werkzeug's ``Headers(self.headers)`` if
    ``resp.headers`` is anything but a plain ``Headers`` (a dict, a list, ...)."""
    cdef list hl = _header_list_or_none(self, info, d)
    if hl is None:
        hl = _WerkzeugHeaders(self.headers)._list
    return hl


# "0" .. "4095": Content-Length values without a str() per response.
cdef tuple _LENGTHS = tuple([str(n) for n in range(4096)])


cdef inline str _length_str(Py_ssize_t n):
    if 0 <= n < 4096:
        return <str>PyTuple_GET_ITEM(_LENGTHS, n)
    return str(n)


cdef dict _checked_content_types = {}


cdef str _checked_content_type(content_type):
    """*content_type* validated as a header value, memoised for the usual few."""
    cdef PyObject* hit = NULL
    if type(content_type) is str:
        hit = PyDict_GetItem(_checked_content_types, content_type)
    if hit != NULL:
        return <str>hit
    cdef str checked = header_value("Content-Type", content_type)
    if len(_checked_content_types) < 256:
        _checked_content_types[checked] = checked
    return checked


def response_init(
    self,
    response=None,
    status=None,
    headers=None,
    mimetype=None,
    content_type=None,
    direct_passthrough=False,
):
    """``Response.__init__`` with werkzeug's semantics and a lazy ``Headers``."""
    _init(
        self, _class_info(type(self)), None, NULL,
        response, status, headers, mimetype, content_type, direct_passthrough,
    )


cdef int _init(
    self, _ClassInfo info, dict d, fastres_entry* e,
    response, status, headers, mimetype, content_type, direct_passthrough,
) except -1:
    """``__init__``; *d*: self is fresh and *d*, a copy of its class's template, is its dict
    (*e*: its entries, or NULL)."""
    if (
        e != NULL and headers is None and content_type is None and status is None
        and direct_passthrough is False and info.own_set_data and info.auto_length >= 0
        and (type(response) is bytes or type(response) is str)
        and (mimetype is None or type(mimetype) is str)
    ):
        return _init_body(info, e, response, mimetype)
    cdef list hl
    cdef tuple st
    cdef bint new_instance = d is not None
    cdef bint fresh = False  # hl holds nothing but what this call added
    headers_object = None  # a Headers passed in: it becomes resp.headers
    if headers is None:
        hl = []
        fresh = True
    elif isinstance(headers, _WerkzeugHeaders):
        headers_object = headers
        hl = headers._list
    elif not headers:
        hl = []
        fresh = True
    else:
        hl = header_list(headers)
    if d is None and info.plain_layout:
        d = _instance_dict(self)
    if headers_object is None:
        _put(self, d, e, info, S_HLIST, hl)
        if not new_instance:
            _forget(self, S_HEADERS)
    else:
        if new_instance:
            del d["_hlist"]
            e = NULL
        else:
            _forget(self, S_HLIST)
        _put(self, d, e, info, S_HEADERS, headers_object)
    if content_type is None:
        if mimetype is None and (fresh or not has_header(hl, "content-type")):
            if info.content_type_item is not None:
                if fresh:
                    hl.append(info.content_type_item)
                else:
                    set_header(hl, _CONTENT_TYPE, (<tuple>info.content_type_item)[1])
        elif mimetype is not None:
            content_type = content_type_for(mimetype)
    if content_type is not None:
        if fresh:
            hl.append((_CONTENT_TYPE, _checked_content_type(content_type)))
        else:
            set_header(hl, _CONTENT_TYPE, content_type)
    if not (new_instance and status is None):  # else the template's default is in place
        st = info.default_status if status is None else clean_status(status)
        _put(self, d, e, info, S_STATUS, <object>PyTuple_GET_ITEM(st, 0))
        _put(self, d, e, info, S_STATUS_CODE, <object>PyTuple_GET_ITEM(st, 1))
    if not new_instance or direct_passthrough is not False:
        _put(self, d, e, info, S_PASSTHROUGH, direct_passthrough)
    if not new_instance:
        _put(self, d, e, info, S_ON_CLOSE, ())
    if response is None:
        _put(self, d, e, info, S_RESPONSE, [])
    elif type(response) is str or type(response) is bytes or isinstance(response, (str, bytes, bytearray)):
        if info.own_set_data:
            if type(response) is str:
                response = PyUnicode_AsUTF8String(response)
            elif isinstance(response, str):  # its own encode(), as the pure twin
                response = response.encode()
            _put(self, d, e, info, S_RESPONSE, [response])
            if _auto_length(self, info, new_instance):
                if fresh:
                    hl.append((_CONTENT_LENGTH, _length_str(len(response))))
                else:
                    set_header(hl, _CONTENT_LENGTH, _length_str(len(response)))
        else:
            self.set_data(response)
    else:
        _put(self, d, e, info, S_RESPONSE, response)
    return 0


cdef dict _content_type_items = {}


cdef object _content_type_item(str mimetype):
    """``("Content-Type", content type of *mimetype*)``, validated and memoised."""
    cdef PyObject* hit = PyDict_GetItem(_content_type_items, mimetype)
    if hit != NULL:
        return <object>hit
    item = (_CONTENT_TYPE, _checked_content_type(content_type_for(mimetype)))
    if len(_content_type_items) < 256:
        _content_type_items[mimetype] = item
    return item


cdef int _init_body(_ClassInfo info, fastres_entry* e, object response, object mimetype) except -1:
    """_init of a fresh instance (entries *e*) given a str or bytes body and at
    most a str *mimetype*: its header list built whole, in _init's order."""
    ct_item = info.content_type_item if mimetype is None else _content_type_item(<str>mimetype)
    body = PyUnicode_AsUTF8String(response) if type(response) is str else response
    cdef list hl
    if info.auto_length:
        length_item = (_CONTENT_LENGTH, _length_str(PyBytes_GET_SIZE(body)))
        hl = [length_item] if ct_item is None else [ct_item, length_item]
    else:
        hl = [] if ct_item is None else [ct_item]
    _put_entry(e, S_HLIST, hl)
    _put_entry(e, S_RESPONSE, [body])
    return 0


def response_set_data(self, value):
    """``Response.set_data``: store the body as one bytes item and set ``Content-Length``."""
    cdef _ClassInfo info = _class_info(type(self))
    if isinstance(value, str):
        value = value.encode()
    _set(self, info, S_RESPONSE, [value])
    if self.automatically_set_content_length:
        hl = _header_list_or_none(self, info)
        if hl is None:
            self.headers["Content-Length"] = _length_str(len(value))
        else:
            set_header(hl, _CONTENT_LENGTH, _length_str(len(value)))


def response_get_data(self, as_text=False):
    """``Response.get_data``: the body as bytes (or str with *as_text*)."""
    cdef _ClassInfo info = _class_info(type(self))
    body = _get(self, info, S_RESPONSE)
    if not isinstance(body, (list, tuple)):
        self._ensure_sequence()
        body = _get(self, info, S_RESPONSE)
    cdef bytes rv = join_encoded(body)
    if as_text:
        return rv.decode()
    return rv


cdef inline object _sequence_or_none(object body):
    if type(body) is list or isinstance(body, (list, tuple)):
        return body
    return None


cpdef list response_wsgi_headers(self, environ):
    cdef _ClassInfo info = _class_info(type(self))
    code = _get(self, info, S_STATUS_CODE)
    check_status_code(code, _get(self, info, S_STATUS))
    return _wsgi_headers(
        _headers_to_send(self, info), code, environ, self, False,
        _sequence_or_none(_get(self, info, S_RESPONSE)), info.known_content_type,
    )


cdef inline long _small_code(object code) except? -1:
    """*code* as a C long, or 0 when it does not fit (no bodiless status is that large)."""
    cdef int overflow = 0
    cdef long value = PyLong_AsLongAndOverflow(code, &overflow)
    return 0 if overflow else value


cdef inline bint _bodiless(environ, long code) except -1:
    method = environ["REQUEST_METHOD"]
    if type(method) is str:
        if (<str>method) == "HEAD":
            return True
    elif method == "HEAD":  # a str subclass's own __eq__, as werkzeug compares
        return True
    return 100 <= code < 200 or code == 204 or code == 304


cpdef object response_app_iter(self, environ):
    cdef _ClassInfo info = _class_info(type(self))
    if _bodiless(environ, _small_code(_get(self, info, S_STATUS_CODE))):
        return _body_iterator((), self)
    if _get(self, info, S_PASSTHROUGH):
        return _get(self, info, S_RESPONSE)
    return _body_iterator(_get(self, info, S_RESPONSE), self)


def response_call(self, environ, start_response):
    """``Response.__call__``: start the response and return its body iterator."""
    return _call(self, _class_info(type(self)), environ, start_response)


cdef object _call(self, _ClassInfo info, environ, start_response):
    if not info.direct_call:
        app_iter, status, headers = self.get_wsgi_response(environ)
        status, headers = _checked_wsgi_response(status, headers)
        start_response(status, headers)
        return app_iter
    cdef dict d = _instance_dict(self) if info.plain_layout else None
    cdef PyObject* fresh[N_READ]
    cdef list hl = None
    if d is not None and _read_fresh(d, fresh):
        code = <object>fresh[T_STATUS_CODE]
        status = <object>fresh[T_STATUS]
        body = <object>fresh[T_RESPONSE]
        passthrough = <object>fresh[T_PASSTHROUGH]
        if type(<object>fresh[T_HLIST]) is list:
            hl = <list>fresh[T_HLIST]
    else:
        code = _get_in(self, d, S_STATUS_CODE)
        status = _get_in(self, d, S_STATUS)
        body = _get_in(self, d, S_RESPONSE)
        passthrough = None  # read when needed
    if hl is None:
        hl = _headers_to_send(self, info, d)
    if not (  # the class's default status line and code, checked already
        info.default_status_ok
        and status is <object>PyTuple_GET_ITEM(info.default_status, 0)
        and code is <object>PyTuple_GET_ITEM(info.default_status, 1)
    ):
        check_status_code(code, status)
    cdef list headers_out = _wsgi_headers(
        hl, code, environ, self, False, _sequence_or_none(body), info.known_content_type,
    )
    if _bodiless(environ, <long>code):
        app_iter = _body_iterator((), self)
    elif (_get_in(self, d, S_PASSTHROUGH) if passthrough is None else passthrough):
        app_iter = body
    else:
        app_iter = _body_iterator(body, self)
        (<EncodedIterator>app_iter)._own_close = info.own_close
    start_response(status, headers_out)
    return app_iter


def response_close(self):
    """``Response.close``: close the wrapped body if it can be, then run ``call_on_close`` callbacks."""
    _close_response(self)


cdef int _close_response(self) except -1:
    cdef _ClassInfo info = _class_info(type(self))
    cdef dict d = _instance_dict(self) if info.plain_layout else None
    cdef fastres_entry* e = _fresh_entries(d) if d is not None else NULL
    body = <object>e[S_RESPONSE].value if e != NULL else _get_in(self, d, S_RESPONSE)
    close = None if type(body) is list else getattr(body, "close", None)
    if close is not None:
        close()
        e = NULL  # its code may have changed the dict
    on_close = <object>e[S_ON_CLOSE].value if e != NULL else _get_in(self, d, S_ON_CLOSE)
    if type(on_close) is tuple and PyTuple_GET_SIZE(on_close) == 0:
        return 0
    for func in on_close:
        func()
    return 0


def response_set_cookie(
    self,
    key,
    value="",
    max_age=None,
    expires=None,
    path="/",
    domain=None,
    secure=False,
    httponly=False,
    samesite=None,
    partitioned=False,
):
    """``Response.set_cookie``: append a ``Set-Cookie`` header built by :func:`dump_cookie`."""
    cdef str cookie = dump_cookie(
        key, value, max_age, expires, path, domain, secure, httponly, True,
        self.max_cookie_size, samesite, partitioned,
    )
    if not _scan_ok(cookie, _BAD_VALUE):  # header_value's check, for a plain str under a valid name
        raise _header_error("Set-Cookie", cookie)
    hl = _header_list_or_none(self, _class_info(type(self)))
    if hl is None:
        self.headers.add("Set-Cookie", cookie)  # werkzeug's exception for a dict, EnvironHeaders, ...
    else:
        (<list>hl).append(("Set-Cookie", cookie))


def response_send(self, body, content_type=None, bint etag=False, bint json=False):
    """Install *body* as the whole body, as Express's ``res.send`` does (see the pure twin).

    One scan of the header list finds what is set already; a fresh response
    (the usual case) gets its headers appended without any scan.
    """
    cdef _ClassInfo info = _class_info(type(self))
    if type(body) is str:
        body = PyUnicode_AsUTF8String(body)
    elif type(body) is not bytes:
        raise TypeError(f"response_send() needs str or bytes, not {type(body).__name__}.")
    cdef list hl = _header_list_of(self, info)
    _set(self, info, S_RESPONSE, [body])
    cdef bint has_length = False, has_etag = False
    cdef object current_type = None
    cdef object item, name
    for item in hl:  # re-reads the size: a name's lower() may change hl
        name = item[0]
        if _same_name(name, "content-type"):
            if current_type is None:
                current_type = item[1]
        elif _same_name(name, "content-length"):
            has_length = True
        elif _same_name(name, "etag"):
            has_etag = True
    if content_type is not None:
        if current_type is None:
            hl.append((_CONTENT_TYPE, _checked_content_type(content_type)))
        elif json and not is_json_type(current_type):
            set_header(hl, _CONTENT_TYPE, content_type)
    if self.automatically_set_content_length:
        length = _length_str(PyBytes_GET_SIZE(body))
        if has_length:
            set_header(hl, _CONTENT_LENGTH, length)
        else:
            hl.append((_CONTENT_LENGTH, length))
    if etag and not has_etag:
        hl.append(("ETag", _etag_of(<bytes>body)))


# ------------------------------------------------------- CPython internals
#
# The code that could crash the interpreter if an assumption below stopped
# holding is all here: the per-class cache, the state attributes read and
# written in the instance dict, the dict entries written in place, and the
# construct and call slots.  The sections above reach a response's state only
# through _class_info(), _get()/_set()/_find() and _header_list_or_none().
# Each assumption names the CPython versions it holds for (read in CPython's
# source, 3.10 to 3.14, with and without free threading) and what runs where
# it does not.  Invariants the code relies on throughout:
#
# * A state attribute is an instance-dict entry under werkzeug's name (no
#   member slot, nothing at a fixed offset in the object): a missing entry
#   means unset, and reading it goes through getattr() for werkzeug's own
#   AttributeError.  The dict is reached only for classes _plain_layout()
#   accepts (a werkzeug response subclass with an instance dict, object's own
#   __getattribute__/__setattr__, no descriptor of a state name); every other
#   class gets getattr()/setattr().
# * werkzeug's ``__dict__`` setter (2. below) is called only on instances of
#   subclasses of its ``__objclass__`` (werkzeug's sansio Response), which is
#   what CPython's descriptor check would allow.
# * A _ClassInfo is used only while its class's version tag is what it was
#   when built (1. below): any class or base change makes it unused.
# * Free threading: the module is not declared free-threading compatible
#   (``freethreading_compatible=False`` above), so a free-threaded CPython
#   (3.13t, 3.14t) re-enables the GIL when it imports the core.  The cache
#   (``_last_info``, ``_class_infos``), the in-place entry writes and the slot
#   rewrites in accelerate() assume that lock: a process that forces the GIL
#   off (``PYTHON_GIL=0``) runs them unlocked.  The entry code (4. below) is
#   compiled out on free-threaded builds, which use the dict API.
#
# 1. Type version tags (Objects/typeobject.c).  A class gets a tag from a
#    global counter when an attribute is looked up on it, and loses it (the tag
#    is set to 0) whenever the class or any base is modified: attribute
#    assignment or deletion, ``__bases__``, ``__mro__``.  A tag is never given
#    out twice (3.11-3.14: a class past its limit, or a full counter, gets no
#    tag; 3.10 wraps the 32-bit counter around after 2**32 assignments).  A tag
#    is valid when it is non-zero and, on 3.10-3.12 only, the type has
#    Py_TPFLAGS_VALID_VERSION_TAG: 3.13 stopped setting that flag and 3.14
#    removed it.  So (class identity, valid tag) names one state of one class,
#    and _ClassInfo, keyed by it, needs no reference to the class: a class that
#    dies and whose address is reused gets a new tag.
#
# 2. The instance dict (Objects/object.c, dictobject.c, typeobject.c).  The
#    state lives in the instance ``__dict__`` (werkzeug's layout).  The core
#    reads it with PyObject_GenericGetDict (public since 3.3; on 3.11-3.14,
#    managed dicts and 3.13+ inline values, it makes the dict on first use and
#    the object uses that dict after, as after a Python ``obj.__dict__`` read).
#    It installs a fresh instance's dict through the setter of werkzeug's
#    ``__dict__`` descriptor (subtype_setdict, what ``obj.__dict__ = d`` runs),
#    called directly: PyObject_GenericSetDict is not that on 3.13, where it
#    leaves the inline values valid, so attribute lookup never sees the dict.
#
# 3. Construct and call slots (Objects/typeobject.c, call.c).  ``cls(...)`` is
#    a vectorcall through the class's own ``tp_vectorcall`` when it is set (a
#    type is called through PyType_Type.tp_vectorcall_offset, which points at
#    that field), else ``tp_call`` of its metaclass (type_call); an instance
#    call uses the class's ``tp_call``.  accelerate() points both at the
#    functions below.  CPython resets ``tp_call`` (through the slot update of
#    ``__call__``) and ``tp_vectorcall`` (on 3.12-3.14 when ``__init__`` or
#    ``__new__`` change; fastres's own classes re-run accelerate() whenever it
#    binds them) and both functions re-check the class through _class_info()
#    on every call, falling back to the generic path for anything unusual, so
#    behaviour never differs.  ``tp_alloc`` of a class without its own
#    ``__new__`` is PyType_GenericAlloc, which on 3.13+ also initialises the
#    inline values; object.__new__ adds nothing else for a class already
#    checked (not abstract, metaclass ``type``, ``tp_new`` object's).
#
# 4. Dict entries (Include/cpython/dictobject.h, Include/internal/pycore_dict.h),
#    3.11-3.13 without free threading only (elsewhere _fresh_entries() finds
#    nothing and the dict API does the work).  A combined table (``ma_values``
#    NULL) keeps its keys object in ``ma_keys``: refcnt, three uint8 (log2
#    size, log2 index bytes, kind), uint32 keys version, usable, nentries, then
#    the index table of ``1 << log2_index_bytes`` bytes, then ``nentries``
#    entries in insertion order, ``{key, value}`` pairs for kind 1 (all keys
#    str).  With ``ma_used == nentries`` no entry is deleted.  PyDict_Copy of
#    such a table with no deletions clones it as it is (same kind, same order)
#    into a keys object of its own.  A value is replaced in place as
#    PyDict_SetItem replaces the value of a present key (no keys change, so no
#    keys version or lookup cache is affected); the core does that only on a
#    fresh copy nobody else has seen (no dict watcher, no cached version), and
#    tracks that copy for the GC itself, as insertdict would for a list value.

cdef extern from *:
    """
    typedef struct { PyObject *key; PyObject *value; } fastres_entry;
    #if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030E0000 && !defined(Py_GIL_DISABLED)
    typedef struct {
        Py_ssize_t refcnt;
        uint8_t log2_size, log2_index_bytes, kind;
        uint32_t version;
        Py_ssize_t usable, nentries;
        char indices[];
    } fastres_dict_keys;
    #endif
    /* The entries of dict d if it is a combined table of exactly the n str keys
       of the tuple names, in that order, with nothing deleted; else NULL. */
    static inline fastres_entry *fastres_dict_entries(PyObject *d, PyObject *names, Py_ssize_t n) {
    #if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030E0000 && !defined(Py_GIL_DISABLED)
        PyDictObject *mp = (PyDictObject *)d;
        fastres_dict_keys *dk = (fastres_dict_keys *)mp->ma_keys;
        fastres_entry *e;
        Py_ssize_t i;
        if (mp->ma_values != NULL || mp->ma_used != n || dk->kind != 1 || dk->nentries != n)
            return NULL;
        e = (fastres_entry *)&dk->indices[(size_t)1 << dk->log2_index_bytes];
        for (i = 0; i < n; i++) {
            if (e[i].key != PyTuple_GET_ITEM(names, i))
                return NULL;
        }
        return e;
    #else
        (void)d; (void)names; (void)n;
        return NULL;
    #endif
    }
    static inline unsigned int fastres_version_tag(PyTypeObject *tp) {
    #if PY_VERSION_HEX >= 0x030D0000
        return tp->tp_version_tag;
    #else
        return PyType_HasFeature(tp, Py_TPFLAGS_VALID_VERSION_TAG) ? tp->tp_version_tag : 0;
    #endif
    }
    """
    unsigned int fastres_version_tag(PyTypeObject*)
    ctypedef struct fastres_entry:
        PyObject* key
        PyObject* value
    fastres_entry* fastres_dict_entries(object, object, Py_ssize_t)


cdef inline fastres_entry* _fresh_entries(dict d):
    """*d*'s entries if it holds exactly the template's keys in order (see 4. above), else NULL."""
    return fastres_dict_entries(d, _TEMPLATE_KEYS, N_TEMPLATE)


cdef inline unsigned int _version_tag(object cls):
    """*cls*'s valid version tag, or 0."""
    return fastres_version_tag(<PyTypeObject*>cls)


# The state attributes, by slot; names interned once.  The first six in the
# template's order (T_* below), so a slot indexes a fresh dict's entries too.
cdef enum:
    S_HLIST
    S_STATUS
    S_STATUS_CODE
    S_PASSTHROUGH
    S_RESPONSE
    S_ON_CLOSE
    S_HEADERS
    N_SLOTS

cdef tuple _SLOT_NAMES = (
    "_hlist", "_status", "_status_code", "direct_passthrough", "response", "_on_close", "headers"
)
cdef object _object_getattribute = object.__getattribute__
cdef object _object_setattr = object.__setattr__

# A fresh instance's dict is a copy of its class's template (_template_for),
# filled in: these keys, interned, in this order, so that _read_fresh() can
# read them all in one pass over the dict instead of one lookup each.
cdef enum:
    T_HLIST
    T_STATUS
    T_STATUS_CODE
    T_PASSTHROUGH
    T_RESPONSE
    N_READ  # the call reads these, the first entries
    T_ON_CLOSE = N_READ
    N_TEMPLATE

cdef tuple _TEMPLATE_KEYS = _SLOT_NAMES[:N_TEMPLATE]


cdef dict _template_for(tuple default_status):
    """The dict a fresh instance starts from: the class's default status in place."""
    return dict(zip(_TEMPLATE_KEYS, (None, default_status[0], default_status[1], False, None, ())))


cdef inline bint _read_fresh(dict d, PyObject** values) except -1:
    """Fill *values* (borrowed, the first N_READ entries) if *d* holds exactly the
    template's keys in the template's order (a response as built, headers never
    read), else False."""
    cdef Py_ssize_t i, pos = 0
    cdef PyObject* key
    cdef fastres_entry* e = _fresh_entries(d)
    if e != NULL:
        for i in range(N_READ):
            values[i] = e[i].value
        return True
    if PyDict_GET_SIZE(d) != N_TEMPLATE:
        return False
    for i in range(N_READ):
        if not PyDict_Next(d, &pos, &key, &values[i]) or key != PyTuple_GET_ITEM(_TEMPLATE_KEYS, i):
            return False
    return True


@cython.final
cdef class _ClassInfo:
    """What the hot methods need from a Response class, read once per class version.

    A class attribute assignment (``Response.default_mimetype = ...``) gives
    the type a new version tag, so a stale entry is never used (see 1. in
    this section's banner).  The entry holds no reference to its class.
    """

    cdef void* cls  # identity only: never dereferenced
    cdef unsigned int version  # the class's version tag when this was built; 0: not cacheable
    cdef dict template  # what a fresh instance's dict starts as
    cdef object content_type_item  # ("Content-Type", default) validated, or None
    cdef object known_content_type  # its value, or None
    cdef tuple default_status
    cdef bint default_status_ok  # default_status passes check_status_code
    cdef bint own_set_data
    cdef bint own_close
    cdef bint direct_call
    cdef bint plain_construct  # cls(...) is object.__new__ then response_init
    cdef bint own_call
    cdef int auto_length  # automatically_set_content_length as a plain class value; -1: unknown
    cdef bint plain_layout  # the state attributes are plain entries of the instance dict


cdef object _class_attribute(object cls, str name):
    """The raw entry *name* of *cls*'s MRO (no descriptor called), or None."""
    for klass in cls.__mro__:
        namespace = klass.__dict__
        if name in namespace:
            return namespace[name]
    return None


cdef bint _plain_layout(object cls) except -1:
    """Whether every state attribute of *cls* instances is a plain instance-dict entry."""
    if not (issubclass(cls, _SansioResponse) and cls.__dictoffset__):
        return False
    if cls.__getattribute__ is not _object_getattribute or cls.__setattr__ is not _object_setattr:
        return False
    for name in _SLOT_NAMES:
        kind = type(_class_attribute(cls, <str>name))
        if hasattr(kind, "__set__") or hasattr(kind, "__delete__"):
            return False
    return True


cdef int _plain_class_flag(object cls, str name) except -2:
    """*cls*'s attribute *name* as 0/1 if it is a plain value (no descriptor), else -1."""
    value = _class_attribute(cls, name)
    if type(value) is bool or type(value) is int:
        return 1 if value else 0
    return -1


cdef Py_ssize_t _misses = 0


cdef _ClassInfo _build_class_info(object cls):
    global _misses
    _misses += 1
    cdef _ClassInfo info = _ClassInfo.__new__(_ClassInfo)
    info.cls = <void*>cls
    mimetype = cls.default_mimetype  # a type attribute lookup: gives the type a version tag
    cdef unsigned int version = _version_tag(cls)
    info.content_type_item = (
        None if mimetype is None
        else (_CONTENT_TYPE, header_value(_CONTENT_TYPE, content_type_for(mimetype)))
    )
    info.known_content_type = None if mimetype is None else info.content_type_item[1]
    info.default_status = clean_status(cls.default_status)
    info.template = _template_for(info.default_status)
    try:
        check_status_code(info.default_status[1], info.default_status[0])
        info.default_status_ok = True
    except ValueError:  # raised again, at call time, by each response using it
        info.default_status_ok = False
    info.own_set_data = cls.set_data is response_set_data
    info.own_close = cls.close is response_close
    info.direct_call = bool(getattr(cls, "_fastres_direct_call", False))
    info.plain_construct = _plain_construct(cls) and cls.__init__ is response_init
    info.own_call = cls.__call__ is response_call
    info.auto_length = _plain_class_flag(cls, "automatically_set_content_length")
    info.plain_layout = _plain_layout(cls)
    # Cache only what no Python code run above changed meanwhile.
    info.version = version if version == _version_tag(cls) else 0
    return info


# Entries by version tag (dead classes' entries go when the table is full),
# and the last one used: most processes build one Response class.
cdef dict _class_infos = {}
cdef _ClassInfo _last_info = _ClassInfo.__new__(_ClassInfo)  # matches nothing (version 0)


cdef inline _ClassInfo _class_info(object cls):
    global _last_info
    cdef _ClassInfo info = _last_info
    cdef unsigned int version = _version_tag(cls)
    if info.cls == <void*>cls and info.version == version and version != 0:
        return info
    cdef PyObject* hit = NULL
    if version != 0:
        hit = PyDict_GetItem(_class_infos, version)
    if hit != NULL and (<_ClassInfo>hit).cls == <void*>cls:
        info = <_ClassInfo>hit
    else:
        info = _build_class_info(cls)
        if info.version != 0:
            if len(_class_infos) >= 1024:
                _class_infos.clear()
            _class_infos[info.version] = info
    _last_info = info
    return info


# ``obj.__dict__ = d`` for werkzeug's responses (see 2. above).
cdef object _dict_descriptor = _SansioResponse.__dict__["__dict__"]
assert type(_dict_descriptor) is GetSetDescriptorType
cdef PyGetSetDef* _dict_setter = (<PyGetSetDescrObject*>_dict_descriptor).d_getset


cdef inline int _install_dict(object obj, dict d) except -1:
    """``obj.__dict__ = d`` for *obj* a werkzeug response."""
    return _dict_setter.set(<PyObject*>obj, <PyObject*>d, _dict_setter.closure)


cdef inline dict _instance_dict(object obj):
    """*obj*'s instance ``__dict__`` (made if it has none yet)."""
    return <dict>PyObject_GenericGetDict(obj, NULL)


cdef inline PyObject* _find(dict d, int slot) except? NULL:
    """The state attribute *slot* in *d*, an instance dict (borrowed), or NULL: unset."""
    return PyDict_GetItemWithError(d, <str>PyTuple_GET_ITEM(_SLOT_NAMES, slot))


cdef inline object _get_in(object obj, dict d, int slot):
    """``obj.<state attribute slot>`` from *d*, its instance dict (None: not a plain layout)."""
    cdef PyObject* value
    if d is not None:
        value = _find(d, slot)
        if value != NULL:
            return <object>value
    return getattr(obj, <str>PyTuple_GET_ITEM(_SLOT_NAMES, slot))  # werkzeug's AttributeError if unset


cdef inline object _get(object obj, _ClassInfo info, int slot):
    """``obj.<state attribute slot>`` (an unset one raises werkzeug's AttributeError)."""
    return _get_in(obj, _instance_dict(obj) if info.plain_layout else None, slot)


cdef inline int _set(object obj, _ClassInfo info, int slot, object value) except -1:
    """``obj.<state attribute slot> = value``."""
    if info.plain_layout:
        PyDict_SetItem(_instance_dict(obj), <str>PyTuple_GET_ITEM(_SLOT_NAMES, slot), value)
    else:
        setattr(obj, <str>PyTuple_GET_ITEM(_SLOT_NAMES, slot), value)
    return 0


cdef int _forget(object obj, int slot) except -1:
    """Remove the state attribute *slot* from *obj*'s instance dict, if there."""
    d = _instance_dict(obj)
    if _find(d, slot) != NULL:
        del d[<str>PyTuple_GET_ITEM(_SLOT_NAMES, slot)]
    return 0


cdef inline int _put_entry(fastres_entry* e, int slot, object value) except -1:
    """Store a state attribute into *e*, a fresh dict's entries (slot < N_TEMPLATE)."""
    cdef PyObject* old = e[slot].value
    Py_INCREF(value)
    e[slot].value = <PyObject*>value
    Py_XDECREF(old)  # the template holds it too: no code runs
    return 0


cdef inline int _put(object self, dict d, fastres_entry* e, _ClassInfo info, int slot, object value) except -1:
    """Store a state attribute: into *e* (a fresh dict's entries) or *d* (the instance dict) when given."""
    if e != NULL and slot < N_TEMPLATE:
        return _put_entry(e, slot, value)
    if d is not None:
        PyDict_SetItem(d, <str>PyTuple_GET_ITEM(_SLOT_NAMES, slot), value)
        return 0
    return _set(self, info, slot, value)


cdef bint _plain_construct(object cls) except -1:
    """Whether ``cls(...)`` is object.__new__ (plus ``__init__``): no own ``__new__``
    (read from the slot itself: CPython keeps a stale tp_new after ``del cls.__new__``),
    metaclass ``type``, not abstract."""
    return (
        type(cls) is type
        and <void*>(<PyTypeObject*>cls).tp_new == <void*>(<PyTypeObject*>object).tp_new
        and not PyType_HasFeature(<PyTypeObject*>cls, Py_TPFLAGS_IS_ABSTRACT)
    )


ctypedef object (*_call_function)(object, object, PyObject*)  # tp_call, error-checked by Cython
cdef _call_function _type_call = <_call_function>(<PyTypeObject*>type).tp_call  # CPython's type_call

cdef tuple _INIT_ARGS = ("response", "status", "headers", "mimetype", "content_type", "direct_passthrough")


cdef object _construct(object cls, PyObject** args, size_t nargsf, PyObject* kwnames):
    """``cls(*args, **kwargs)`` (vectorcall): object.__new__ plus _init, no tuple or dict."""
    cdef Py_ssize_t i, j, nargs = PyVectorcall_NARGS(nargsf), nkw = 0
    cdef PyObject* values[6]
    cdef fastres_entry* e
    cdef _ClassInfo info = _class_info(cls)
    if kwnames != NULL:
        nkw = PyTuple_GET_SIZE(<object>kwnames)
    if info.plain_construct and info.plain_layout and nargs <= 6:
        for i in range(6):
            values[i] = args[i] if i < nargs else NULL
        for i in range(nkw):
            name = <object>PyTuple_GET_ITEM(<object>kwnames, i)
            for j in range(6):
                if name is <object>PyTuple_GET_ITEM(_INIT_ARGS, j) or name == <object>PyTuple_GET_ITEM(_INIT_ARGS, j):
                    break
            else:
                j = -1
            if j < 0 or values[j] != NULL:
                break  # unknown or repeated keyword: the generic path raises the TypeError
            values[j] = args[nargs + i]
        else:
            # object.__new__ minus its checks (done above, per class), then the
            # instance dict installed whole: a copy of the template, filled in.
            self = (<PyTypeObject*>cls).tp_alloc(cls, 0)
            d = PyDict_Copy(info.template)
            e = _fresh_entries(<dict>d)
            if e != NULL and not PyObject_GC_IsTracked(d):
                PyObject_GC_Track(d)  # the template holds no container: its copy starts untracked
            _install_dict(self, <dict>d)
            _init(
                self, info, <dict>d, e,
                <object>values[0] if values[0] != NULL else None,
                <object>values[1] if values[1] != NULL else None,
                <object>values[2] if values[2] != NULL else None,
                <object>values[3] if values[3] != NULL else None,
                <object>values[4] if values[4] != NULL else None,
                <object>values[5] if values[5] != NULL else False,
            )
            return self
    return _generic_construct(cls, args, nargs, kwnames)


cdef object _generic_construct(object cls, PyObject** args, Py_ssize_t nargs, PyObject* kwnames):
    """CPython's own ``type.__call__``, with the tuple and dict it would build."""
    cdef Py_ssize_t i
    cdef tuple positional = PyTuple_New(nargs)
    for i in range(nargs):
        Py_INCREF(<object>args[i])
        PyTuple_SET_ITEM(positional, i, <object>args[i])
    cdef dict keywords = None
    if kwnames != NULL and PyTuple_GET_SIZE(<object>kwnames):
        keywords = {
            <object>PyTuple_GET_ITEM(<object>kwnames, i): <object>args[nargs + i]
            for i in range(PyTuple_GET_SIZE(<object>kwnames))
        }
    return _type_call(cls, positional, <PyObject*>keywords if keywords is not None else NULL)


cdef object _call_slot(object self, object args, PyObject* kwargs):
    """``self(*args, **kwargs)`` (tp_call): straight to _call for ``(environ, start_response)``."""
    cdef _ClassInfo info = _class_info(type(self))
    if info.own_call and kwargs == NULL and PyTuple_GET_SIZE(args) == 2:
        return _call(self, info, <object>PyTuple_GET_ITEM(args, 0), <object>PyTuple_GET_ITEM(args, 1))
    if kwargs == NULL:
        return type(self).__call__(self, *args)
    return type(self).__call__(self, *args, **<dict>kwargs)


cdef int _check_response_class(cls) except -1:
    """TypeError unless *cls* is a fastres Response class: the slots of ``int``,
    or of any other type, are never rewritten."""
    if not (
        isinstance(cls, type) and issubclass(cls, _WerkzeugResponse)
        and hasattr(cls, "_fastres_direct_call")
    ):
        raise TypeError(f"accelerate() needs a fastres Response class, not {cls!r}.")
    return 0


def accelerate(cls):
    """Point *cls*'s construct and call slots straight at this core (see above).

    A class whose ``__init__`` is not this core's gets CPython's generic
    construct path back (a subclass inherits the slot); one whose metaclass
    is not ``type`` is left alone.  Anything but a fastres Response class
    raises TypeError.
    """
    _check_response_class(cls)
    if type(cls) is not type:
        return
    cdef PyTypeObject* tp = <PyTypeObject*>cls
    tp.tp_vectorcall = <vectorcallfunc>_construct if cls.__init__ is response_init else NULL
    if cls.__call__ is response_call:
        tp.tp_call = <ternaryfunc>_call_slot
