"""Differential tests: werkzeug/Flask is the oracle.

The same generated inputs go to werkzeug's (or Flask's) Response and to
fastres's on both cores; status line, header list and body bytes must be
identical, or both must raise the same exception type.

Inputs that hit fastres's deliberate strictness (README, "Deliberate
differences from werkzeug") are kept out of the generators by name:

- ``strict-header-name``: header names are RFC 7230 tokens here;
- ``strict-header-value``: values hold no NUL and only latin-1;
- ``strict-status``: status codes stay within 100-999;
- ``strict-cookie-name``: cookie names are tokens (or non-ASCII text);
- ``close-once``: iterators are closed once.
"""

from __future__ import annotations

import string
import warnings
from datetime import date, datetime, timedelta, timezone
from http import HTTPStatus

import flask
import orjson
from markupsafe import Markup
import pytest
import werkzeug
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import Headers
from werkzeug.http import dump_cookie as werkzeug_dump_cookie
from werkzeug.http import http_date as werkzeug_http_date

from support import WSGI_ENVIRON, run_wsgi

EXAMPLES = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TOKEN_CHARS = string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~"
header_names = st.one_of(
    st.sampled_from(
        [
            "Content-Type",
            "content-type",
            "Content-Length",
            "X-Custom",
            "Location",
            "location",
            "Content-Location",
            "ETag",
            "Set-Cookie",
            "Expires",
            "Allow",
        ]
    ),
    st.text(TOKEN_CHARS, min_size=1, max_size=20),  # strict-header-name
)
# strict-header-value: latin-1, no NUL; CR/LF included (werkzeug refuses them too).
header_values = st.one_of(
    st.text(st.characters(min_codepoint=1, max_codepoint=255), max_size=40),
    st.sampled_from(["/relative", "http://example.com/ä?q=1", "text/plain", "12", "0"]),
    st.integers(min_value=-5, max_value=10**6),
)
headers_st = st.one_of(
    st.none(),
    st.lists(st.tuples(header_names, header_values), max_size=6),
    st.dictionaries(header_names, header_values, max_size=4),
)
statuses = st.one_of(
    st.none(),
    st.integers(min_value=100, max_value=999),  # strict-status
    st.sampled_from(list(HTTPStatus)),
    st.sampled_from(["200 OK", "404", "201 Created", " 302 Found ", "418 I'm a teapot", "299"]),
)
mimetypes = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "text/plain",
            "text/html",
            "application/json",
            "application/xml",
            "image/svg+xml",
            "application/octet-stream",
            "application/javascript",
        ]
    ),
)
chunks = st.lists(st.one_of(st.text(max_size=20), st.binary(max_size=20)), max_size=8)
bodies = st.one_of(
    st.none(),
    st.text(max_size=200),
    st.text(max_size=50).map(Markup),  # a str subclass, as templates return
    st.binary(max_size=200),
    chunks,
    chunks.map(tuple),
    chunks.map(lambda items: ("generator", items)),
)
methods = st.sampled_from(["GET", "HEAD", "POST"])


def _materialise(body):
    if isinstance(body, tuple) and body[:1] == ("generator",):
        return (item for item in body[1])
    return body


def _outcome(fn):
    """``("ok", value)`` or ``("raised", exception type)``."""
    try:
        return ("ok", fn())
    except Exception as exc:  # noqa: BLE001 - compared by type
        return ("raised", type(exc))


def _lifecycle(cls, body, status, headers, mimetype, content_type, method):
    response = cls(_materialise(body), status, headers, mimetype, content_type)
    environ = dict(WSGI_ENVIRON, REQUEST_METHOD=method)
    return run_wsgi(response, environ)


@EXAMPLES
@given(
    body=bodies,
    status=statuses,
    headers=headers_st,
    mimetype=mimetypes,
    content_type=st.one_of(st.none(), st.sampled_from(["text/x-a; q=1", "application/json"])),
    method=methods,
)
def test_response_lifecycle_matches_werkzeug(backend, body, status, headers, mimetype, content_type, method):
    args = (body, status, headers, mimetype, content_type, method)
    expected = _outcome(lambda: _lifecycle(werkzeug.Response, *args))
    assert _outcome(lambda: _lifecycle(backend.Response, *args)) == expected


@EXAMPLES
@given(body=bodies, status=statuses, headers=headers_st, mimetype=mimetypes, method=methods)
def test_flask_response_lifecycle_matches_flask(backend, body, status, headers, mimetype, method):
    args = (body, status, headers, mimetype, None, method)
    expected = _outcome(lambda: _lifecycle(flask.Response, *args))
    assert _outcome(lambda: _lifecycle(backend.FlaskResponse, *args)) == expected


cookie_keys = st.one_of(
    st.text(TOKEN_CHARS, min_size=1, max_size=12),  # strict-cookie-name
    st.text(st.characters(min_codepoint=0xA0, max_codepoint=0x2FFF), min_size=1, max_size=4),
)
aware = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30))]),
)
expires_st = st.one_of(
    st.none(),
    st.integers(min_value=-(10**11), max_value=2 * 10**11),
    st.floats(min_value=-1e10, max_value=1e11, allow_nan=False),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    aware,
    st.dates(),
    st.text(st.characters(min_codepoint=1, max_codepoint=255), max_size=30),  # strict-header-value
)
max_ages = st.one_of(
    st.none(),
    st.integers(min_value=-10, max_value=10**9),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=1000)),
)
cookie_args = st.fixed_dictionaries(
    {
        "value": st.text(max_size=40),
        "max_age": max_ages,
        "expires": expires_st,
        "path": st.one_of(st.none(), st.just("/"), st.text(max_size=20)),
        "domain": st.one_of(
            st.none(),
            st.sampled_from(["example.com", ".Example.COM:8080", "xn--bcher-kva.example", "bücher.example", ""]),
        ),
        "secure": st.one_of(st.booleans(), st.sampled_from([0, 1])),
        "httponly": st.booleans(),
        "samesite": st.one_of(st.none(), st.sampled_from(["lax", "Strict", "NONE", "bogus"])),
        "partitioned": st.booleans(),
        "max_size": st.sampled_from([4093, 0, 60]),
    }
)


def _dump(fn, key, args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = _outcome(lambda: fn(key, **args))
    if outcome[0] == "ok" and args["expires"] is None and args["max_age"] is not None:
        # Expires is derived from the clock: compare everything else.
        outcome = ("ok", "; ".join(p for p in outcome[1].split("; ") if not p.startswith("Expires=")))
    return outcome, [str(w.message) for w in caught]


@EXAMPLES
@given(key=cookie_keys, args=cookie_args)
def test_dump_cookie_matches_werkzeug(backend, key, args):
    assert _dump(backend.core.dump_cookie, key, args) == _dump(werkzeug_dump_cookie, key, args)


@EXAMPLES
@given(key=cookie_keys, args=cookie_args)
def test_set_cookie_matches_werkzeug(backend, key, args):
    max_size = args.pop("max_size")

    def headers(cls):
        response = cls()
        response.max_cookie_size = max_size
        response.set_cookie(key, **args)
        response.delete_cookie(key, path=args["path"], domain=args["domain"])
        return response.headers.getlist("Set-Cookie")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = _outcome(lambda: headers(werkzeug.Response))
        actual = _outcome(lambda: headers(backend.Response))
    if args["expires"] is None and args["max_age"] is not None and expected[0] == "ok":
        strip = lambda cs: [c.split("; Expires=")[0] + c[c.find("; Max-Age") :] if "; Max-Age" in c else c for c in cs]  # noqa: E731
        expected, actual = ("ok", strip(expected[1])), ("ok", strip(actual[1]))
    assert actual == expected


@EXAMPLES
@given(
    timestamp=st.one_of(
        st.integers(min_value=-62135596800, max_value=253402300799),
        st.integers(min_value=-(10**13), max_value=10**13),
        st.floats(min_value=-62135596800.0, max_value=253402300799.0),
        st.floats(allow_nan=True, allow_infinity=True),
        st.datetimes(),
        aware,
        st.dates(),
    )
)
def test_http_date_matches_werkzeug(backend, timestamp):
    assert _outcome(lambda: backend.core.http_date(timestamp)) == _outcome(lambda: werkzeug_http_date(timestamp))


@EXAMPLES
@given(
    headers=st.one_of(
        st.lists(st.tuples(header_names, header_values), max_size=8),
        st.dictionaries(header_names, st.one_of(header_values, st.lists(header_values, max_size=3)), max_size=5),
    )
)
def test_header_list_matches_werkzeug_headers(backend, headers):
    assert _outcome(lambda: backend.core.header_list(headers)) == _outcome(lambda: Headers(headers).to_wsgi_list())


@EXAMPLES
@given(initial=st.lists(st.tuples(header_names, header_values), max_size=6), name=header_names, value=header_values)
def test_set_header_matches_headers_set(backend, initial, name, value):
    try:
        expected_headers = Headers(initial)
    except ValueError:
        assume(False)
    expected = _outcome(lambda: expected_headers.set(name, value))
    actual_list = backend.core.header_list(initial)
    actual = _outcome(lambda: backend.core.set_header(actual_list, name, value))
    assert actual == expected
    assert actual_list == expected_headers.to_wsgi_list()


@EXAMPLES
@given(items=chunks)
def test_encoded_iteration_matches_werkzeug(backend, items):
    expected = list(werkzeug.Response(items).iter_encoded())
    assert list(backend.core.EncodedIterator(items)) == expected
    assert list(backend.Response(items).iter_encoded()) == expected
    assert backend.core.join_encoded(items) == b"".join(expected)
    assert backend.core.encoded_length(items) == len(b"".join(expected))


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)


@EXAMPLES
@given(value=json_values, option=st.sampled_from([0, orjson.OPT_SORT_KEYS, orjson.OPT_INDENT_2]))
def test_json_dumps_matches_orjson_and_round_trips(backend, value, option):
    encoded = backend.core.json_dumps(value, None, option)
    assert encoded == orjson.dumps(value, None, option)
    assert orjson.loads(encoded) == value


def test_twins_agree_on_plain_date_and_struct_time(backend):
    import time

    for value in (date(2024, 2, 29), time.gmtime(0), None):
        if value is None:
            continue
        assert backend.core.http_date(value) == werkzeug_http_date(value)


@pytest.mark.parametrize("status", [100, 101, 204, 304, 200, 404])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_bodiless_statuses_match_werkzeug(backend, status, method):
    headers = [
        ("Content-Length", "3"),
        ("Content-Type", "text/plain"),
        ("Expires", "0"),
        ("Content-Location", "/ä"),
        ("Last-Modified", "x"),
        ("Allow", "GET"),
    ]
    args = ("abc", status, headers, None, None, method)
    assert _lifecycle(backend.Response, *args) == _lifecycle(werkzeug.Response, *args)


# Attribute values of any type and text (wide, control and latin-1 code
# units): the core writes latin-1 cookies in one pass and others through a join.
attr_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=5),
    st.text(max_size=8),
    st.text(st.characters(min_codepoint=1, max_codepoint=255), max_size=8),
)


@EXAMPLES
@given(
    key=cookie_keys,
    value=st.text(max_size=10),
    texts=st.fixed_dictionaries(
        {
            "expires": st.text(max_size=10),  # a str: Max-Age is then written as given
            "max_age": attr_values,
            "path": st.one_of(st.none(), st.text(max_size=8)),
            "secure": attr_values,
            "httponly": attr_values,
            "partitioned": attr_values,
        }
    ),
)
def test_cookie_attribute_texts_match_werkzeug(backend, key, value, texts):
    expected = _outcome(lambda: werkzeug_dump_cookie(key, value, **texts))
    assert _outcome(lambda: backend.core.dump_cookie(key, value, **texts)) == expected

    def set_cookie(cls):
        response = cls()
        response.set_cookie(key, value, **texts)
        return response.headers.getlist("Set-Cookie")

    actual = _outcome(lambda: set_cookie(backend.Response))
    if expected[0] == "ok" and any(c > "\xff" or c == "\x00" for c in expected[1]):
        assert actual == ("raised", ValueError)  # strict-header-value
    else:
        assert actual == _outcome(lambda: set_cookie(werkzeug.Response))
