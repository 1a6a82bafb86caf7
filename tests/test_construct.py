"""``cls(body[, mimetype=...])``, the constructor's shortest path, against werkzeug and Flask.

A str or bytes body with at most a mimetype is the usual response; the
compiled core builds its header list whole.  Every variant it takes (and the
ones it leaves to the general path) must give werkzeug's headers and body.
"""

from __future__ import annotations

import flask
import pytest
import werkzeug
from markupsafe import Markup

from support import run_wsgi

BODIES = ["Hello, World!", b"bytes body", "", b"", "h\u00e9llo \u2603", Markup("<b>x</b>")]
MIMETYPES = [None, "application/json", "text/plain", "image/svg+xml", "application/x-custom"]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("mimetype", MIMETYPES)
@pytest.mark.parametrize("flavour, oracle", [("Response", werkzeug.Response), ("FlaskResponse", flask.Response)])
def test_body_and_mimetype_as_werkzeug(backend, flavour, oracle, body, mimetype) -> None:
    cls = getattr(backend, flavour)
    for _ in range(2):  # the second one finds what the first memoised
        ours, theirs = cls(body, mimetype=mimetype), oracle(body, mimetype=mimetype)
        assert list(ours.headers.items()) == list(theirs.headers.items())
        assert ours.get_data() == theirs.get_data()
        assert run_wsgi(ours) == run_wsgi(theirs)


@pytest.mark.parametrize("attributes", [{"automatically_set_content_length": False}, {"default_mimetype": None}])
def test_class_settings_as_werkzeug(backend, attributes) -> None:
    ours = type("Sub", (backend.FlaskResponse,), dict(attributes))
    theirs = type("Sub", (flask.Response,), dict(attributes))
    for body in (b"x", "y"):
        for mimetype in (None, "application/json"):
            assert run_wsgi(ours(body, mimetype=mimetype)) == run_wsgi(theirs(body, mimetype=mimetype))


@pytest.mark.parametrize("mimetype", ["text/plain\r\nX-Evil: 1", "bad\nmime"])
def test_bad_mimetype_refused_every_time(backend, mimetype) -> None:
    for _ in range(2):
        with pytest.raises(ValueError):
            backend.FlaskResponse("x", mimetype=mimetype)
