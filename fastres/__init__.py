"""fastres: a faster, drop-in ``Response`` for Flask and werkzeug.

``app.response_class = fastres.Response`` is all a Flask app needs.
"""

from __future__ import annotations

from .core import backend
from .response import Response

__version__ = "0.1.0"
__all__ = ["Response", "__version__", "backend"]
