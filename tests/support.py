"""Helpers the tests import: a WSGI environ and a WSGI call that collects the response.

Fixtures live in ``conftest.py`` (and the Express ones in ``express_support.py``,
registered there as a plugin); this module holds plain values and functions.
"""

from __future__ import annotations

import typing as t

#: A minimal ``GET /`` environ; copy it before changing it.
WSGI_ENVIRON: dict[str, t.Any] = {
    "REQUEST_METHOD": "GET",
    "SERVER_NAME": "localhost",
    "SERVER_PORT": "80",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "PATH_INFO": "/",
    "SCRIPT_NAME": "",
    "QUERY_STRING": "",
    "wsgi.url_scheme": "http",
}


def run_wsgi(app, environ=None):
    """Call a WSGI app; return ``(status, headers, body)`` and close the iterator."""
    captured = []
    app_iter = app(
        dict(environ or WSGI_ENVIRON), lambda status, headers, exc_info=None: captured.append((status, headers))
    )
    try:
        body = b"".join(app_iter)
    finally:
        close = getattr(app_iter, "close", None)
        if close is not None:
            close()
    ((status, headers),) = captured
    return status, list(headers), body
