"""Regressions found by running werkzeug's and Flask's own suites with fastres
swapped in (``make conformance``).  Each test names the peer test that found
the bug, runs on both cores, and checks fastres against werkzeug itself.
"""

from __future__ import annotations

import werkzeug
from conftest import WSGI_ENVIRON, run_wsgi


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
