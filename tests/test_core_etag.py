"""``weak_etag`` (core, both twins) and ``bind_core``'s ``_fastres_own_methods``."""

from __future__ import annotations

import base64
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from fastres import core, wrappers


def _reference(data: bytes) -> str:
    digest = base64.b64encode(hashlib.sha1(data).digest()).decode()[:27]
    return f'W/"{len(data):x}-{digest}"'


def test_weak_etag_known_values(backend) -> None:
    # The values Express's `etag` package gives these bodies.
    assert backend.core.weak_etag(b"") == 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"'
    assert backend.core.weak_etag(b"hello") == 'W/"5-qvTGHdzF6KLavt4PO0gs2a6pQ00"'


def test_weak_etag_length_is_hex(backend) -> None:
    assert backend.core.weak_etag(b"x" * 300).startswith('W/"12c-')


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2048))
def test_weak_etag_matches_reference_on_both_cores(data: bytes) -> None:
    expected = _reference(data)
    assert core.pure.weak_etag(data) == expected
    if core.compiled is not None:
        assert core.compiled.weak_etag(data) == expected


@pytest.mark.parametrize("bad", ["text", bytearray(b"x"), memoryview(b"x"), None, 1])
def test_weak_etag_refuses_non_bytes(backend, bad) -> None:
    with pytest.raises(TypeError, match="needs bytes"):
        backend.core.weak_etag(bad)


def test_bind_core_keeps_own_methods(backend) -> None:
    class Own(backend.FlaskResponse):
        _fastres_own_methods = frozenset({"set_cookie"})

        def set_cookie(self, *args, **kwargs):
            return "mine"

    bound = core.on_core(Own, backend.core)
    assert bound._core is backend.core
    assert bound.set_cookie is Own.set_cookie
    assert bound.__init__ is backend.core.response_init
    # Without the opt-out, bind_core installs the core's function as before.
    assert core.on_core(backend.FlaskResponse, backend.core).set_cookie is backend.core.response_set_cookie


# --------------------------------------------------------------- response_send


def test_response_send_fresh(backend) -> None:
    resp = backend.Response()
    resp.headers.clear()
    backend.core.response_send(resp, "héllo", "text/html; charset=utf-8", True)
    assert resp.response == ["héllo".encode()]
    assert list(resp.headers.items()) == [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", "6"),
        ("ETag", backend.core.weak_etag("héllo".encode())),
    ]


def test_response_send_keeps_what_is_set(backend) -> None:
    resp = backend.Response(
        headers=[("Content-Type", "a/b"), ("Content-Length", "1"), ("ETag", '"x"'), ("content-length", "2")]
    )
    backend.core.response_send(resp, b"abc", "text/html", True)
    assert list(resp.headers.items()) == [("Content-Type", "a/b"), ("Content-Length", "3"), ("ETag", '"x"')]
    assert resp.get_data() == b"abc"


def test_response_send_no_content_type_no_length(backend) -> None:
    class NoLength(backend.Response):
        automatically_set_content_length = False

    resp = NoLength()
    resp.headers.clear()
    backend.core.response_send(resp, b"abc", None, False)
    assert list(resp.headers.items()) == []
    assert resp.response == [b"abc"]


@pytest.mark.parametrize("bad", [None, 1, bytearray(b"x"), ["x"]])
def test_response_send_refuses_other_bodies(backend, bad) -> None:
    with pytest.raises(TypeError, match="needs str or bytes"):
        backend.core.response_send(backend.Response(), bad)


def test_response_send_validates_the_content_type(backend) -> None:
    resp = backend.Response()
    resp.headers.clear()
    with pytest.raises(ValueError):
        backend.core.response_send(resp, b"x", "text/html\r\nX-Evil: 1")


@pytest.mark.parametrize("content_type", [4.5, 7, Markup("text/html")])
def test_response_send_content_type_goes_through_header_value(backend, content_type) -> None:
    # Found by fuzz/fuzz_core.py: the compiled core checked a non-str content
    # type with header_value() but stored the unconverted object, which the
    # WSGI call then refused; the pure twin stores header_value()'s str.
    resp = backend.Response()
    resp.headers.clear()
    backend.core.response_send(resp, b"x", content_type)
    assert list(resp.headers.items()) == [("Content-Type", str(content_type)), ("Content-Length", "1")]
    assert type(resp.headers["Content-Type"]) is type(backend.core.header_value("Content-Type", content_type))


_names = st.sampled_from(
    ["Content-Type", "content-type", "Content-Length", "CONTENT-LENGTH", "ETag", "etag", "X-A", "Vary"]
)


@settings(max_examples=60, deadline=None)
@given(
    headers=st.lists(st.tuples(_names, st.sampled_from(["1", "v", "a/b"])), max_size=6),
    body=st.one_of(st.text(max_size=20), st.binary(max_size=20)),
    content_type=st.sampled_from([None, "text/plain; charset=utf-8", "application/json"]),
    etag=st.booleans(),
)
def test_response_send_twins_agree(headers, body, content_type, etag) -> None:
    if core.compiled is None:
        return
    results = []
    for module in (core.pure, core.compiled):
        resp = core.on_core(wrappers.Response, module)()
        resp._hlist[:] = list(headers)
        module.response_send(resp, body, content_type, etag)
        results.append((resp._hlist, resp.response))
    assert results[0] == results[1]
