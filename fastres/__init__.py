"""fastres: a faster, drop-in ``Response`` for Flask and werkzeug.

``fastres.init_app(app)`` is all a Flask app needs: it sets
``app.response_class = fastres.Response``, ``app.json`` to the orjson
provider :class:`fastres.json.OrjsonProvider` and ``app.session_interface``
to :class:`fastres.sessions.SecureCookieSessionInterface`.
"""

from __future__ import annotations

from .core import backend
from .extension import FastRes, init_app
from .files import send_file
from .response import Response
from .sessions import SecureCookieSessionInterface

__version__ = "0.1.0"
__all__ = [
    "FastRes",
    "Response",
    "SecureCookieSessionInterface",
    "__version__",
    "backend",
    "init_app",
    "send_file",
]
