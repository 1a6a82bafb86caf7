"""Signed cookies: values signed with the app's ``SECRET_KEY`` (and its fallbacks)."""

from __future__ import annotations

import hashlib
import typing as t

import flask
import itsdangerous

_COOKIE_SALT = "fastres.express.signed-cookie"


def _secret_keys(app: flask.Flask) -> list[t.Any]:
    key = app.secret_key
    if not key:
        raise RuntimeError("Signed cookies need the app's SECRET_KEY to be set.")
    return [*(app.config.get("SECRET_KEY_FALLBACKS") or ()), key]


def _signer(app: flask.Flask | None) -> itsdangerous.Signer:
    if app is None:
        app = flask.current_app._get_current_object()  # type: ignore[attr-defined]
    return itsdangerous.Signer(_secret_keys(app), salt=_COOKIE_SALT, digest_method=hashlib.sha256)


def sign_cookie(value: str, app: flask.Flask | None = None) -> str:
    """*value* signed with the app's ``SECRET_KEY``, as ``s:<value>.<signature>``."""
    if not isinstance(value, str):
        raise TypeError(f"A signed cookie value must be str, not {type(value).__name__}.")
    return "s:" + _signer(app).sign(value).decode()


def unsign_cookie(value: str | None, app: flask.Flask | None = None) -> str | None:
    """The value inside a signed cookie, or ``None`` if it is missing, unsigned or forged.

    Keys in ``SECRET_KEY_FALLBACKS`` are accepted too, as Flask's sessions do.
    """
    if not value or not value.startswith("s:"):
        return None
    try:
        return _signer(app).unsign(value[2:]).decode()
    except (itsdangerous.BadSignature, UnicodeDecodeError):
        return None
