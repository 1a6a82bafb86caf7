"""Regressions found by running werkzeug's and Flask's own suites with fastres
swapped in (``make conformance``).  Each test names the peer test that found
the bug, runs on both cores, and checks fastres against werkzeug itself.
"""

from __future__ import annotations

import pytest
import werkzeug
import werkzeug.utils
from support import WSGI_ENVIRON, run_wsgi


def _location_response(cls, autocorrect):
    resp = cls("moved", status=302)
    resp.headers["Location"] = "/foo"
    resp.autocorrect_location_header = autocorrect  # on the instance, not the class
    return resp


def test_instance_autocorrect_location_header(backend) -> None:
    """werkzeug tests/test_utils.py::test_append_slash_redirect[True-...]"""
    for autocorrect in (True, False):
        expected = _location_response(werkzeug.Response, autocorrect)
        resp = _location_response(backend.Response, autocorrect)
        assert run_wsgi(resp) == run_wsgi(expected)
        want = "http://localhost/foo" if autocorrect else "/foo"
        assert resp.get_wsgi_headers(dict(WSGI_ENVIRON))["Location"] == want


def test_instance_automatically_set_content_length(backend) -> None:
    """Same bug as above, for the other per-instance switch werkzeug reads."""
    for cls in (werkzeug.Response, backend.Response):
        resp = cls(["a", "bc"])
        resp.automatically_set_content_length = False
        assert "Content-Length" not in dict(run_wsgi(resp)[1])
    assert run_wsgi(backend.Response(["a", "bc"]))[1] == run_wsgi(werkzeug.Response(["a", "bc"]))[1]


class _Text(str):
    """A str subclass, as ``markupsafe.Markup`` (what Jinja's streaming yields)."""


def test_str_subclass_body_items(backend) -> None:
    """Flask tests/test_templating.py::test_simple_stream"""
    body = [_Text("4"), "2", _Text("é")]
    expected = werkzeug.Response(iter(body))
    resp = backend.Response(iter(body))
    assert resp.get_data() == expected.get_data() == "42é".encode()
    assert list(backend.Response(body).iter_encoded()) == list(werkzeug.Response(body).iter_encoded())
    assert run_wsgi(backend.Response(body)) == run_wsgi(werkzeug.Response(body))
    assert backend.core.join_encoded(body) == "42é".encode()
    assert list(backend.core.EncodedIterator(body)) == [b"4", b"2", "é".encode()]


def test_iri_location_headers_are_sent_as_uris(backend) -> None:
    """werkzeug tests/test_wrappers.py::test_urlfication and
    tests/test_utils.py::test_redirect[http://\\u2603.example.com/-307-...]"""
    location = "http://üser:pässword@☃.net/påth"
    content_location = "http://☃.net/"
    for make in (
        lambda cls: cls(headers=[("Location", location), ("Content-Location", content_location)]),
        lambda cls: cls(headers={"location": location, "content-location": content_location}),
    ):
        resp, expected = make(backend.Response), make(werkzeug.Response)
        assert run_wsgi(resp) == run_wsgi(expected)
        headers = resp.get_wsgi_headers(dict(WSGI_ENVIRON))
        assert headers["Location"] == "http://%C3%BCser:p%C3%A4ssword@xn--n3h.net/p%C3%A5th"
        assert headers["Content-Location"] == "http://xn--n3h.net/"
    resp = backend.Response()
    resp.headers["Location"] = location
    assert resp.get_wsgi_headers(dict(WSGI_ENVIRON))["Location"].isascii()
    resp = werkzeug.utils.redirect("http://☃.example.com/", 307, Response=backend.Response)
    assert resp.headers["Location"] == "http://☃.example.com/"
    assert resp.get_wsgi_headers(dict(WSGI_ENVIRON))["Location"] == "http://xn--n3h.example.com/"


def test_iri_location_still_refuses_control_characters(backend) -> None:
    """The IRI allowance is for non-latin-1 text only, in those two headers only."""
    for name, value in (
        ("Location", "/☃\r\nX-Injected: 1"),
        ("Location", "/☃\x00"),
        ("Content-Location", "/☃\n"),
        ("X-Location", "/☃"),
        ("Locatio☃", "/"),
    ):
        with pytest.raises(ValueError):
            backend.Response(headers=[(name, value)])
        resp = backend.Response()
        resp.headers._list.append((name, value))
        with pytest.raises(ValueError):
            resp.get_wsgi_headers(dict(WSGI_ENVIRON))
