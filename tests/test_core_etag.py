"""``weak_etag`` (core, both twins) and ``bind_core``'s ``_fastres_own_methods``."""

from __future__ import annotations

import base64
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fastres import core


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
