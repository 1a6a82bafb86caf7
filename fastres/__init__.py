"""fastres: a faster, drop-in ``Response`` for Flask and werkzeug.

``fastres.init_app(app)`` is all a Flask app needs: it sets
``app.response_class = fastres.Response`` and ``app.json`` to the orjson
provider :class:`fastres.json.OrjsonProvider`.
"""

from __future__ import annotations

from .core import backend
from .extension import FastRes, init_app
from .files import send_file
from .response import Response

__version__ = "0.1.0"
__all__ = ["FastRes", "Response", "__version__", "backend", "init_app", "send_file"]
