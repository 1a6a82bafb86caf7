"""One-line adoption for Flask apps: ``fastres.init_app(app)``.

Follows the Flask extension convention: ``FastRes(app)`` configures an app at
once, ``ext = FastRes()`` then ``ext.init_app(app)`` later (application
factories).  Either sets ``app.response_class`` to :class:`fastres.Response`,
installs :class:`fastres.json.OrjsonProvider` as ``app.json`` and
:class:`fastres.sessions.SecureCookieSessionInterface` as
``app.session_interface``; each is switched off with a keyword, or replaced
by a subclass.
"""

from __future__ import annotations

import typing as t

import flask
from flask.json.provider import DefaultJSONProvider, JSONProvider

from .json import OrjsonProvider
from .response import Response
from .sessions import SecureCookieSessionInterface

__all__ = ["FastRes", "init_app"]

#: Attributes of Flask's default provider carried over to the new provider
#: when the app had already set them on ``app.json``.
_PROVIDER_SETTINGS = ("default", "ensure_ascii", "sort_keys", "compact", "mimetype")


class FastRes:
    """The fastres Flask extension.

    :param app: configure this app now (else call :meth:`init_app` later).
    :param response_class: ``True`` for :class:`fastres.Response`, a subclass
        of it to use that, ``False`` to leave ``app.response_class`` alone.
    :param json_provider: ``True`` for :class:`fastres.json.OrjsonProvider`,
        a subclass of it to use that, ``False`` to leave ``app.json`` alone.
    :param sessions: ``True`` for
        :class:`fastres.sessions.SecureCookieSessionInterface`, a subclass of
        it to use that, ``False`` to leave ``app.session_interface`` alone.
    """

    def __init__(
        self,
        app: flask.Flask | None = None,
        *,
        response_class: bool | type[Response] = True,
        json_provider: bool | type[OrjsonProvider] = True,
        sessions: bool | type[SecureCookieSessionInterface] = True,
    ) -> None:
        self.response_class = _pick("response_class", response_class, Response)
        self.json_provider = _pick("json_provider", json_provider, OrjsonProvider)
        self.session_interface = _pick("sessions", sessions, SecureCookieSessionInterface)
        # With True, a fastres subclass the app already has is kept; only a
        # class passed explicitly replaces it.
        self._explicit_response_class = response_class is not True
        self._explicit_json_provider = json_provider is not True
        self._explicit_sessions = sessions is not True
        if app is not None:
            self.init_app(app)

    def init_app(self, app: flask.Flask) -> None:
        """Install the fast Response class, JSON provider and session interface on *app*.

        An app already on a subclass of :class:`fastres.Response` (the
        Express ``App``, say) or of :class:`~fastres.json.OrjsonProvider`
        keeps it unless a class was passed explicitly.  A custom
        ``response_class`` or JSON provider that is *not* fastres-based is
        refused (``TypeError``) rather than silently dropped: subclass the
        fastres one and pass it here, or switch that part off.  A session
        interface other than Flask's stock one is the app's choice and is
        left in place.
        """
        if self.response_class is not None:
            current = app.response_class
            if issubclass(current, Response):
                if self._explicit_response_class:
                    app.response_class = self.response_class
            elif current is flask.Response:
                app.response_class = self.response_class
            else:
                raise TypeError(
                    f"app.response_class is already the custom {current.__qualname__};"
                    " make it subclass fastres.Response and pass it as response_class=,"
                    " or pass response_class=False."
                )
        if self.json_provider is not None:
            old = app.json
            if isinstance(old, OrjsonProvider) and not self._explicit_json_provider:
                pass
            elif type(old) is DefaultJSONProvider or isinstance(old, OrjsonProvider):
                provider = self.json_provider(app)
                _carry_settings(old, provider)
                app.json_provider_class = self.json_provider
                app.json = provider
            else:
                raise TypeError(
                    f"app.json is already the custom {type(old).__qualname__};"
                    " make it subclass fastres.json.OrjsonProvider and pass it as"
                    " json_provider=, or pass json_provider=False."
                )
        if self.session_interface is not None:
            _install_sessions(app, self.session_interface, self._explicit_sessions)
        app.extensions["fastres"] = self


_T = t.TypeVar("_T", bound=type)


def _pick(name: str, value: bool | _T, base: _T) -> _T | None:
    if value is True:
        return base
    if value is False:
        return None
    if isinstance(value, type) and issubclass(value, base):
        return value
    raise TypeError(f"{name} must be True, False or a subclass of {base.__qualname__}, not {value!r}.")


def _carry_settings(old: JSONProvider, new: OrjsonProvider) -> None:
    """Keep what the app set on its provider instance (``app.json.sort_keys = False``...)."""
    for name in _PROVIDER_SETTINGS:
        if name in vars(old):
            setattr(new, name, vars(old)[name])


def _install_sessions(app: flask.Flask, cls: type[SecureCookieSessionInterface], explicit: bool) -> None:
    """Replace Flask's stock session interface (keeping what was set on it)."""
    current = app.session_interface
    stock = type(current) is flask.sessions.SecureCookieSessionInterface
    if stock or (explicit and isinstance(current, SecureCookieSessionInterface)):
        interface = cls()
        vars(interface).update(vars(current))
        app.session_interface = interface


def init_app(
    app: flask.Flask,
    *,
    response_class: bool | type[Response] = True,
    json_provider: bool | type[OrjsonProvider] = True,
    sessions: bool | type[SecureCookieSessionInterface] = True,
) -> FastRes:
    """Adopt fastres in *app*: ``fastres.init_app(app)``.  See :class:`FastRes`."""
    return FastRes(app, response_class=response_class, json_provider=json_provider, sessions=sessions)
