"""The current Flask request, read straight from Flask's request ContextVar."""

from __future__ import annotations

import typing as t

import flask

try:  # Flask keeps the request context in this ContextVar; reading it is cheap.
    from flask.globals import _cv_request
except ImportError:  # pragma: no cover - a Flask without it
    _cv_request = None  # type: ignore[assignment]


if _cv_request is not None:
    request_ctx = _cv_request.get
else:  # pragma: no cover - a Flask without _cv_request

    def request_ctx(default: t.Any = None) -> t.Any:
        if flask.has_request_context():
            return flask.globals.request_ctx._get_current_object()
        return default


def current_request() -> flask.Request | None:
    ctx = request_ctx(None)
    return None if ctx is None else ctx.request


def required_request(what: str) -> flask.Request:
    request = current_request()
    if request is None:
        raise RuntimeError(f"{what} needs an active request (run it inside a view).")
    return request
