"""The Flask-flavoured fast Response: what ``app.response_class`` should be."""

from __future__ import annotations

import flask
from werkzeug.wrappers import Response as _WerkzeugResponse

from . import core, wrappers

try:  # Flask keeps the app context in this ContextVar; reading it is cheap.
    from flask.globals import _cv_app
except ImportError:  # pragma: no cover - a Flask without it keeps its own property
    _cv_app = None  # type: ignore[assignment]


class Response(wrappers.Response, flask.Response):
    """A drop-in :class:`flask.Response` (``text/html`` default, Flask's JSON
    module and ``MAX_COOKIE_SIZE``) whose hot paths run on the fastres core."""

    if _cv_app is not None:
        #: ``MAX_COOKIE_SIZE`` of the current app, else werkzeug's default (4093):
        #: Flask's property, as a compiled descriptor.
        max_cookie_size = core.impl.ContextConfig(_cv_app, "MAX_COOKIE_SIZE", _WerkzeugResponse.max_cookie_size)
