"""The Flask-flavoured fast Response: what ``app.response_class`` should be."""

from __future__ import annotations

import flask

from . import wrappers

try:  # Flask keeps the app context in this ContextVar; reading it is cheap.
    from flask.globals import _cv_app
except ImportError:  # pragma: no cover - a Flask without it
    _cv_app = None

_WERKZEUG_MAX_COOKIE_SIZE = wrappers._WerkzeugResponse.max_cookie_size


class Response(wrappers.Response, flask.Response):
    """A drop-in :class:`flask.Response` (``text/html`` default, Flask's JSON
    module and ``MAX_COOKIE_SIZE``) whose hot paths run on the fastres core."""

    @property
    def max_cookie_size(self) -> int:  # type: ignore[override]
        """``MAX_COOKIE_SIZE`` of the current app, else werkzeug's default (4093)."""
        if _cv_app is None:  # pragma: no cover
            return flask.Response.max_cookie_size.fget(self)  # type: ignore[attr-defined,no-any-return]
        ctx = _cv_app.get(None)
        if ctx is not None:
            return ctx.app.config["MAX_COOKIE_SIZE"]  # type: ignore[no-any-return]
        return _WERKZEUG_MAX_COOKIE_SIZE
