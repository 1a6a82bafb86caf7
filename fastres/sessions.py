"""Flask's signed-cookie sessions, signed and tagged on the fastres core.

:class:`SecureCookieSessionInterface` is a drop-in subclass of Flask's
interface of the same name.  The cookie format is Flask's (itsdangerous'
URL-safe timed signature over Flask's tagged JSON), so cookies cross in both
directions: for the same session, key and second, the cookie is the very
string Flask writes.  What is faster: the derived HMAC key is cached per
secret key and salt, no serializer is built per request, and the tag walk,
JSON, base64 and deflate run in the core.

Anything configured away from Flask's defaults (an overridden
``get_signing_serializer``, another ``digest_method`` or ``key_derivation``,
a serializer with extra tags) is handed to Flask's own implementation, so
it behaves exactly as it does there.
"""

from __future__ import annotations

import hashlib
import time
import typing as t

import flask
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSession, SessionMixin

from . import core

if t.TYPE_CHECKING:  # pragma: no cover
    from flask.wrappers import Request
    from flask.wrappers import Response as FlaskResponse

__all__ = ["SecureCookieSessionInterface"]

_FlaskInterface = flask.sessions.SecureCookieSessionInterface
_SHA1 = (_FlaskInterface.digest_method, hashlib.sha1)
_DEFAULT_TAG_COUNT = len(TaggedJSONSerializer.default_tags)


class SecureCookieSessionInterface(_FlaskInterface):
    """Flask's session interface, with the cookie work done by the core.

    Same session class, config keys and cookie; the hooks Flask documents
    (``get_cookie_*``, ``should_set_cookie``, ``get_expiration_time``,
    ``is_null_session``, ``make_null_session``, ``session_class``, ``salt``)
    are honoured.  A cookie that is tampered with, truncated, expired,
    signed with an unknown key or malformed opens as a new empty session.
    """

    #: Largest payload a compressed cookie may inflate to; a bigger one is
    #: refused as a decompression bomb.
    max_payload_size: int = 1 << 20

    # The core (compiled or pure twin) doing the work, typed as the pure twin
    # so that mypy checks every call into it.
    if t.TYPE_CHECKING:
        from . import _core_py as _core
    else:
        _core = core.impl

    def _on_core(self) -> bool:
        """True unless a setting routes this instance through Flask's implementation."""
        serializer = self.serializer
        return (
            type(self).get_signing_serializer is _FlaskInterface.get_signing_serializer
            and self.key_derivation == "hmac"
            and self.digest_method in _SHA1
            and type(serializer) is TaggedJSONSerializer
            and len(serializer.order) == _DEFAULT_TAG_COUNT
        )

    def open_session(self, app: flask.Flask, request: Request) -> SecureCookieSession | None:
        if not self._on_core():
            return super().open_session(app, request)
        secret_key = app.secret_key
        if not secret_key:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        fallbacks = app.config["SECRET_KEY_FALLBACKS"]
        keys = [*fallbacks, secret_key] if fallbacks else (secret_key,)
        data = self._core.session_unsign(
            cookie,
            keys,
            self.salt,
            int(app.permanent_session_lifetime.total_seconds()),
            int(time.time()),
            self.max_payload_size,
        )
        if type(data) is not dict:
            return self.session_class()
        return self.session_class(data)

    def save_session(self, app: flask.Flask, session: SessionMixin, response: FlaskResponse) -> None:
        secret_key = app.secret_key
        if not secret_key or not self._on_core():
            return super().save_session(app, session, response)
        if session.accessed:
            _vary_cookie(response)
        if not session:
            if session.modified:
                response.delete_cookie(
                    self.get_cookie_name(app),
                    domain=self.get_cookie_domain(app),
                    path=self.get_cookie_path(app),
                    secure=self.get_cookie_secure(app),
                    partitioned=self.get_cookie_partitioned(app),
                    samesite=self.get_cookie_samesite(app),
                    httponly=self.get_cookie_httponly(app),
                )
                _vary_cookie(response)
            return
        if not self.should_set_cookie(app, session):
            return
        expires = self.get_expiration_time(app, session)
        value = self._core.session_sign(
            session, secret_key, self.salt, int(time.time()), getattr(app.json, "default", None)
        )
        response.set_cookie(
            self.get_cookie_name(app),
            value,
            expires=expires,
            httponly=self.get_cookie_httponly(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            partitioned=self.get_cookie_partitioned(app),
            samesite=self.get_cookie_samesite(app),
        )
        _vary_cookie(response)


def _vary_cookie(response: FlaskResponse) -> None:
    """``response.vary.add("Cookie")``, without parsing a header that is not there."""
    headers = response.headers
    if headers.getlist("Vary"):  # no KeyError raised and caught, unlike ``in``
        response.vary.add("Cookie")
    else:
        headers.add("Vary", "Cookie")
