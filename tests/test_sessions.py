"""Flask's session cookie on both cores, with Flask's own interface as the oracle.

The core's ``session_sign`` / ``session_unsign`` against itsdangerous and
Flask's tagged JSON: byte-identical cookies for a frozen clock, values read
back identically in both directions, and every malformed cookie read as "no
session" without an exception.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from datetime import datetime, timezone
from uuid import UUID

import flask
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itsdangerous import BadData, BadSignature, Signer, TimestampSigner
from itsdangerous.encoding import base64_encode
from markupsafe import Markup

EXAMPLES = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SALT = "cookie-session"
NOW = 1_780_000_000
MAX_AGE = 31 * 24 * 3600
MAX_SIZE = 1 << 20

keys = st.one_of(st.text(max_size=8), st.sampled_from([" t", " di", " b", " m", " u", " d", " x", "_fresh", "t__"]))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(),
    st.binary(max_size=20),
    st.text(max_size=10).map(Markup),
    st.uuids(),
    st.datetimes(timezones=st.just(timezone.utc)),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=4).map(tuple),
        st.dictionaries(keys, children, max_size=3),
    ),
    max_leaves=12,
)
sessions = st.dictionaries(keys, values, max_size=5)


@pytest.fixture(scope="module")
def flask_app() -> flask.Flask:
    """A stock Flask app: its serializer is the oracle for the cookie format."""
    app = flask.Flask(__name__)
    app.secret_key = "oracle key"
    return app


def flask_serializer(app: flask.Flask, secret_key: str | bytes = "oracle key", fallbacks=()):
    app.config.update(SECRET_KEY=secret_key, SECRET_KEY_FALLBACKS=list(fallbacks))
    return flask.sessions.SecureCookieSessionInterface().get_signing_serializer(app)


@pytest.fixture
def frozen(monkeypatch):
    """``time.time`` stopped at NOW, for itsdangerous and fastres alike."""
    monkeypatch.setattr(time, "time", lambda: NOW + 0.25)


def same(a, b) -> bool:
    """Equal values of equal types all the way down (Markup is not str, tuple is not list)."""
    return repr(a) == repr(b)


@EXAMPLES
@given(session=sessions)
def test_cookie_is_flasks(backend, flask_app, frozen, session):
    with flask_app.app_context():
        expected = flask_serializer(flask_app).dumps(session)
        assert backend.core.session_sign(session, "oracle key", SALT, NOW, flask_app.json.default) == expected


@EXAMPLES
@given(session=sessions)
def test_round_trip_both_ways(backend, flask_app, frozen, session):
    with flask_app.app_context():
        s = flask_serializer(flask_app)
        from_flask = s.dumps(session)
        ours = backend.core.session_sign(session, "oracle key", SALT, NOW, flask_app.json.default)
        flask_reads = s.loads(from_flask, max_age=MAX_AGE)
        assert same(backend.core.session_unsign(from_flask, ["oracle key"], SALT, MAX_AGE, NOW, MAX_SIZE), flask_reads)
        assert same(s.loads(ours, max_age=MAX_AGE), flask_reads)


@EXAMPLES
@given(session=sessions)
def test_json_is_flasks(backend, flask_app, session):
    with flask_app.app_context():
        expected = flask.sessions.session_json_serializer.dumps(session).encode()
        assert backend.core.session_json(session, flask_app.json.default) == expected
        assert same(
            backend.core.session_loads(expected), flask.sessions.session_json_serializer.loads(expected.decode())
        )


@pytest.mark.parametrize(
    "value",
    [
        {"s": "\ud800"},  # lone surrogate: only the stdlib encoder writes it
        {"f": float("inf"), "g": -float("inf")},
        {"n": 2**70, "m": -(2**64)},
        {"e": 1e-7, "z": -0.0},
        {"del": "\x7f", "ctl": "\x00\x1f\n"},
        {"nested": {" t": {" di": {" b": b"x"}}}},
        {" t": (1,)},
        {" x": 1},  # not a tag: a plain dict, in both directions
        {1: "int key"},
        {"date": datetime(2020, 2, 29, 23, 59, 59, 999, tzinfo=timezone.utc)},
        {"naive": datetime(1999, 12, 31)},
        {"u": UUID(int=1), "m": Markup("<b>&</b>")},
        {"long": "x" * 5000},  # compressed
        {"a": [1] * 3},
        {},
    ],
)
def test_cookie_is_flasks_for_edge_values(backend, flask_app, frozen, value):
    with flask_app.app_context():
        s = flask_serializer(flask_app)
        expected = s.dumps(value)
        ours = backend.core.session_sign(value, "oracle key", SALT, NOW, flask_app.json.default)
        assert ours == expected
        assert same(backend.core.session_unsign(ours, ["oracle key"], SALT, MAX_AGE, NOW, MAX_SIZE), s.loads(ours))


def test_unknown_types_use_the_apps_default(backend, flask_app, frozen):
    from datetime import date
    from decimal import Decimal

    value = {"d": date(2020, 1, 2), "n": Decimal("1.5")}
    with flask_app.app_context():
        expected = flask_serializer(flask_app).dumps(value)
        assert backend.core.session_sign(value, "oracle key", SALT, NOW, flask_app.json.default) == expected
        with pytest.raises(TypeError):
            backend.core.session_sign({"x": object()}, "oracle key", SALT, NOW, flask_app.json.default)


def test_self_reference_raises(backend):
    loop: list = []
    loop.append(loop)
    with pytest.raises(RecursionError):
        backend.core.session_json({"loop": loop})


def test_secret_key_bytes_and_fallbacks(backend, flask_app, frozen):
    with flask_app.app_context():
        old = flask_serializer(flask_app, b"old \xff key").dumps({"a": 1})
        new = flask_serializer(flask_app, "new key", [b"old \xff key"])
        assert backend.core.session_unsign(old, [b"old \xff key", "new key"], SALT, MAX_AGE, NOW, MAX_SIZE) == {"a": 1}
        assert new.loads(old) == {"a": 1}
        assert backend.core.session_unsign(old, ["new key"], SALT, MAX_AGE, NOW, MAX_SIZE) is None
        assert backend.core.session_key("k", SALT) == backend.core.session_key(b"k", SALT.encode())


# ----------------------------------------------------------- malformed cookies


def signer(key: str = "oracle key") -> TimestampSigner:
    return TimestampSigner(key, salt=SALT, key_derivation="hmac", digest_method=hashlib.sha1)


def signed_body(body: bytes, timestamp: int = NOW) -> str:
    """A correctly signed cookie around an arbitrary body (as if the key had leaked)."""
    s = signer()
    s.get_timestamp = lambda: timestamp  # type: ignore[method-assign]
    return s.sign(body).decode()


def signed_raw(value: bytes) -> str:
    """*value* signed without a timestamp of its own."""
    return Signer("oracle key", salt=SALT, key_derivation="hmac", digest_method=hashlib.sha1).sign(value).decode()


def b64(data: bytes) -> bytes:
    return base64_encode(data)


GOOD = signed_body(b64(b'{"a":1}'))
BOMB = zlib.compress(b'{"a":"' + b"x" * (8 * MAX_SIZE) + b'"}', 9)

MALFORMED = {
    "tampered payload": "eyJhIjoy" + GOOD[8:],
    "tampered signature": GOOD[:-2] + ("A" if GOOD[-2] != "A" else "B") + GOOD[-1],
    "truncated": GOOD[:-1],
    "truncated more": GOOD[:12],
    "no dots": "eyJhIjoxfQ",
    "one dot": "eyJhIjoxfQ.abc",
    "bad base64 signature": GOOD.rsplit(".", 1)[0] + ".!!!$$$",
    "bad base64 length": GOOD.rsplit(".", 1)[0] + ".abcde",
    "expired": signed_body(b64(b'{"a":1}'), NOW - MAX_AGE - 1),
    "from the future": signed_body(b64(b'{"a":1}'), NOW + 5),
    "wrong key": signer("other key").sign(b64(b'{"a":1}')).decode(),
    "bad base64 payload": signed_body(b"@@@@"),
    "bad base64 timestamp": signed_raw(b64(b'{"a":1}') + b".@@"),
    "bad zlib": signed_body(b"." + b64(b"this is not zlib")),
    "truncated zlib": signed_body(b"." + b64(zlib.compress(b'{"a":"' + b"y" * 200 + b'"}')[:-6])),
    "decompression bomb": signed_body(b"." + b64(BOMB)),
    "invalid json": signed_body(b64(b'{"a":')),
    "invalid utf-8": signed_body(b64(b'{"a":"\xff"}')),
    "not a dict": signed_body(b64(b"[1,2]")),
    "bad uuid tag": signed_body(b64(b'{"u":{" u":"zz"}}')),
    "bad bytes tag": signed_body(b64(b'{"b":{" b":5}}')),
    "bad tuple tag": signed_body(b64(b'{"t":{" t":5}}')),
    "bad dict tag": signed_body(b64(b'{"d":{" di":5}}')),
    "empty dict tag": signed_body(b64(b'{"d":{" di":{}}}')),
    "too deep": signed_body(b64(b'{"a":' + b"[" * 2000 + b"]" * 2000 + b"}")),
    "timestamp too long": signed_raw(b64(b'{"a":1}') + b"." + b64(b"123456789")),
    "timestamp missing": signed_raw(b64(b'{"a":1}')),
    "100 kB junk": "a" * 100_000,
    "100 kB signed junk": signed_body(b"Z" * 100_000),
    "non-ascii": "\u00e9" + GOOD,
    "lone surrogate": GOOD + "\ud800",
}


def test_good_cookie_opens(backend):
    assert backend.core.session_unsign(GOOD, ["oracle key"], SALT, MAX_AGE, NOW, MAX_SIZE) == {"a": 1}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_cookie(backend, name):
    """None from the core, no exception; Flask refuses it too (or, for "not a
    dict", crashes where fastres opens an empty session)."""
    cookie = MALFORMED[name]
    assert backend.core.session_unsign(cookie, ["oracle key"], SALT, MAX_AGE, NOW, MAX_SIZE) in (None, [1, 2])


# A WSGI header is latin-1 text: a lone surrogate cannot reach the app.
@pytest.mark.parametrize("name", [name for name in MALFORMED if name != "lone surrogate"])
def test_malformed_cookie_opens_empty_session(backend, name, monkeypatch):
    monkeypatch.setattr(time, "time", lambda: NOW)
    app = session_app(backend)
    cookie = MALFORMED[name].encode().decode("latin-1")
    response = app.test_client(use_cookies=False).get("/read", headers={"Cookie": f"session={cookie}"})
    assert response.json == {"value": None, "keys": [], "new_type": "SecureCookieSession"}
    assert "Set-Cookie" not in response.headers
    assert response.headers["Vary"] == "Cookie"


def test_good_cookie_opens_through_the_app(backend, monkeypatch):
    """The control for the test above: the same request with a good cookie."""
    monkeypatch.setattr(time, "time", lambda: NOW)
    response = session_app(backend).test_client(use_cookies=False).get("/read", headers={"Cookie": f"session={GOOD}"})
    assert response.json == {"value": 1, "keys": ["a"], "new_type": "SecureCookieSession"}


def test_flask_refuses_the_signed_malformed_cookies(flask_app, frozen):
    """The matrix is not vacuous: itsdangerous refuses each signed malformed
    cookie too (with ``BadPayload`` for a signed bad payload, which Flask's
    ``open_session`` does not catch: there, fastres opens an empty session
    where Flask fails the request)."""
    refused = 0
    with flask_app.app_context():
        s = flask_serializer(flask_app)
        for name, cookie in MALFORMED.items():
            if name in {"not a dict", "100 kB junk", "decompression bomb", "lone surrogate", "too deep"}:
                continue
            with pytest.raises(BadData):
                s.loads(cookie, max_age=MAX_AGE)
            refused += 1
    assert refused > 20


@pytest.mark.parametrize("junk", ["\u00e9", "*", "==", "=", "A", "AB", "ABC"])
@pytest.mark.parametrize("where", [1, 5, 27])
def test_signature_decoded_as_itsdangerous_does(backend, flask_app, junk, where):
    """Base64 is decoded leniently, as itsdangerous does: the same junk is
    accepted or refused by both."""
    body, signature = GOOD.rsplit(".", 1)
    cookie = f"{body}.{signature[:where]}{junk}{signature[where:]}"
    with flask_app.app_context():
        try:
            expected = flask_serializer(flask_app).loads(cookie)
        except BadSignature:
            expected = None
    assert backend.core.session_unsign(cookie, ["oracle key"], SALT, MAX_AGE, NOW, MAX_SIZE) == expected


def test_bomb_bound_is_the_limit(backend):
    payload = b'{"a":"' + b"x" * 5000 + b'"}'
    cookie = signed_body(b"." + b64(zlib.compress(payload)))
    assert backend.core.session_unsign(cookie, ["oracle key"], SALT, MAX_AGE, NOW, len(payload)) == {"a": "x" * 5000}
    assert backend.core.session_unsign(cookie, ["oracle key"], SALT, MAX_AGE, NOW, len(payload) - 1) is None


def test_max_age_none_skips_the_clock(backend):
    old = signed_body(b64(b'{"a":1}'), 5)
    assert backend.core.session_unsign(old, ["oracle key"], SALT, None, NOW, MAX_SIZE) == {"a": 1}
    assert backend.core.session_unsign(old, ["oracle key"], SALT, MAX_AGE, NOW, MAX_SIZE) is None


def session_app(backend, **config) -> flask.Flask:
    """An app on fastres' session interface bound to *backend*'s core."""
    from fastres.sessions import SecureCookieSessionInterface

    app = flask.Flask(__name__)
    app.config.update(SECRET_KEY="oracle key", **config)
    app.session_interface = type(
        "SecureCookieSessionInterface", (SecureCookieSessionInterface,), {"_core": backend.core}
    )()

    @app.get("/read")
    def read():
        return {
            "value": flask.session.get("a"),
            "keys": sorted(flask.session),
            "new_type": type(flask.session._get_current_object()).__name__,  # type: ignore[attr-defined]
        }

    return app


@pytest.mark.parametrize("value", [{"a": "x" * 300}, {"a": 1}, {"big": "y" * 6000}])
def test_remembered_payloads_sign_the_same(backend, flask_app, frozen, value):
    """The second signing of a payload (its compressed form remembered) equals the first and Flask's."""
    with flask_app.app_context():
        expected = flask_serializer(flask_app).dumps(value)
    for _ in range(3):
        assert backend.core.session_sign(value, "oracle key", SALT, NOW, None) == expected
