"""The Express facade: flask-express's ``Response`` API, Express.js's ``res``, on Flask 3.

:class:`Response` is a :class:`fastres.Response` with flask-express's methods
(``send``, ``json(...)``, ``set_status``, ``end``, ``set``/``get``/``type``,
chainable ``set_cookie``/``clear_cookie``, ``redirect``, ``attachment``,
``send_file``, ``render``, ``flash``, ``make_response``) and Express's extras
(``append``, ``cookie(signed=True)``, ``download``, ``jsonp``, ``format``,
``links``, ``set_location``, ``add_vary``, ``sendStatus``, weak ETags and 304
answers in ``send``).  Every setter returns the response, so calls chain.

Express's ``status``, ``json`` (as a property), ``location`` and ``vary`` are
werkzeug properties that Flask and users' tests rely on.  The drop-in
:class:`fastres.Response` keeps werkzeug's meaning for all of them; only this
class turns ``json`` into a method, and ``status``/``location``/``vary`` are
spelled ``set_status``/``set_location``/``add_vary`` here.

:class:`App` is a :class:`flask.Flask` whose ``route``/``get``/``post``/...
decorators take views written ``def view(req, res, **url_params)``, with
``req`` a :class:`Request` facade and ``res`` a fresh :class:`Response`.  Its
``response_class`` stays :class:`fastres.Response`, so Flask's own responses
and the test client's (``rv.json`` is still the parsed body) are unchanged.

Everything here is a thin layer: header work goes straight to the core
(``self._core``) on the response's plain header list.
"""

from __future__ import annotations

from ._signing import sign_cookie, unsign_cookie
from .app import App
from .request import Request
from .response import Response

__all__ = [
    "App",
    "Request",
    "Response",
    "sign_cookie",
    "unsign_cookie",
]
