"""The :class:`App`: a :class:`flask.Flask` whose views are written ``(req, res)``."""

from __future__ import annotations

import functools
import inspect
import typing as t

import flask

from ..response import Response as _FastResponse
from ._context import current_request
from .request import Request
from .response import Response


class App(flask.Flask):
    """A :class:`flask.Flask` whose ``route``/``get``/``post``/``put``/``patch``/
    ``delete`` decorators take ``def view(req, res, **url_params)``.

    ``res`` is a fresh :attr:`express_response_class` (a :class:`Response`),
    ``req`` an :attr:`express_request_class`.  A view may return anything Flask
    accepts; returning ``None`` sends ``res``.  ``add_url_rule`` and blueprints
    keep Flask's plain view signature.

    Config: ``ATTACHMENTS_FOLDER`` (``"attachments"``, relative to the app),
    ``EXPRESS_ETAG`` (``True`` or ``"weak"``: weak ETags from ``send``;
    ``"strong"``, ``False`` or a callable, see :attr:`Response.auto_etag`),
    ``EXPRESS_JSON_ESCAPE`` (``False``; ``True`` writes ``<``, ``>``, ``&`` in
    ``res.json``/``res.jsonp`` bodies as ``\\u003c``, ``\\u003e``, ``\\u0026``,
    Express's ``"json escape"``), ``JSONP_CALLBACK_NAME`` (``"callback"``).
    The app's JSON provider (``app.json``) writes the JSON: its ``compact``
    is Express's ``"json spaces"``, its ``default`` the nearest to
    ``"json replacer"``.
    """

    #: Flask's own responses (and the test client's) stay the drop-in flavour,
    #: whose ``json`` is werkzeug's property.
    response_class = _FastResponse
    express_response_class: type[Response] = Response
    express_request_class: type[Request] = Request

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        self.config.setdefault("ATTACHMENTS_FOLDER", "attachments")
        self.config.setdefault("EXPRESS_ETAG", True)
        self.config.setdefault("EXPRESS_JSON_ESCAPE", False)
        self.config.setdefault("JSONP_CALLBACK_NAME", "callback")

    def route(self, rule: str, **options: t.Any) -> t.Callable[[t.Any], t.Any]:
        """Register a ``(req, res, **url_params)`` view for *rule* (Flask's options)."""

        def decorator(view: t.Any) -> t.Any:
            endpoint = options.pop("endpoint", None)
            self.add_url_rule(rule, endpoint, self.express_view(view), **options)
            return view

        return decorator

    def express_view(self, view: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
        """Wrap a ``(req, res, **url_params)`` view as a Flask view function."""
        if not issubclass(self.express_response_class, self.response_class):
            raise TypeError(
                "express_response_class must subclass response_class, or Flask converts"
                " each res into response_class and the facade is lost."
            )
        app = self

        def pair() -> tuple[Request, Response]:
            res = app.express_response_class()
            setting = app.config["EXPRESS_ETAG"]
            if setting is not True:
                res.auto_etag = setting if setting else False
            request = current_request()
            return app.express_request_class(request), res  # type: ignore[arg-type]

        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(**params: t.Any) -> t.Any:
                req, res = pair()
                rv = await view(req, res, **params)
                return res if rv is None else rv

            return async_wrapper

        @functools.wraps(view)
        def wrapper(**params: t.Any) -> t.Any:
            req, res = pair()
            rv = view(req, res, **params)
            return res if rv is None else rv

        return wrapper

    def listen(
        self,
        port: int = 3000,
        host: str = "127.0.0.1",
        callback: t.Callable[[], t.Any] | None = None,
        **options: t.Any,
    ) -> None:
        """Run the development server on *host*:*port* (Express's ``app.listen``);
        *callback* runs just before it starts.  Options go to :meth:`flask.Flask.run`."""
        if callback is not None:
            callback()
        self.run(host=host, port=port, **options)
