"""werkzeug's instance layout idioms on fastres responses, werkzeug as the oracle.

What extensions do with a response's layout (``vars()``, ``__dict__`` and
``__class__`` assignment, ``copy``, ``pickle``, ``headers`` replaced or
mutated) must behave as on werkzeug's own responses, on both cores.
"""

from __future__ import annotations

import copy
import functools
import gc
import pickle
import weakref

import flask
import pytest
import werkzeug
from werkzeug.datastructures import EnvironHeaders, Headers

from support import WSGI_ENVIRON, run_wsgi
from fastres import core

STATE = {"response", "_status", "_status_code", "headers", "direct_passthrough", "_on_close"}


def outcome(action, *args):
    """``("ok", action(*args))`` or ``("raises", exception type)``."""
    try:
        return "ok", action(*args)
    except Exception as exc:  # noqa: BLE001 - the type is the comparison
        return "raises", type(exc)


def werkzeug_classes():
    class WerkzeugSub(werkzeug.Response):
        pass

    class FlaskSub(flask.Response):
        pass

    return [werkzeug.Response, flask.Response, WerkzeugSub, FlaskSub]


def fastres_classes(backend):
    class FastSub(backend.Response):
        pass

    class FlaskFastSub(backend.FlaskResponse):
        pass

    return [backend.Response, backend.FlaskResponse, FastSub, FlaskFastSub]


def build(cls):
    """A response with a body, a custom header, a cookie and a close callback."""
    response = cls("body text", status=201, headers={"X-A": "1"}, mimetype="text/plain")
    response.set_cookie("k", "v")
    return response


# ------------------------------------------------------------------ vars()


@pytest.mark.parametrize("flavour", ["Response", "FlaskResponse"])
def test_vars_hold_werkzeug_state_with_its_meaning(backend, flavour):
    cls = getattr(backend, flavour)
    oracle = werkzeug.Response if flavour == "Response" else flask.Response
    ours, theirs = build(cls), build(oracle)
    assert set(vars(ours)) == set(vars(theirs)) == STATE
    state = vars(ours)
    assert state["_status"] == "201 CREATED" and state["_status_code"] == 201
    assert state["response"] == [b"body text"] and state["direct_passthrough"] is False
    assert state["_on_close"] == [] and type(state["_on_close"]) is list
    assert isinstance(state["headers"], Headers) and state["headers"] is ours.headers
    assert list(state["headers"]) == list(vars(theirs)["headers"])
    assert ours.__dict__ is vars(ours)


def test_state_written_through_vars_is_what_the_core_sends(backend):
    ours, theirs = backend.Response("x"), werkzeug.Response("x")
    for response in (ours, theirs):
        state = vars(response)
        state["_status"], state["_status_code"] = "404 NOT FOUND", 404
        state["response"] = [b"changed"]
        state["headers"]["X-B"] = "2"
    assert run_wsgi(ours) == run_wsgi(theirs)


def test_an_unset_state_attribute_raises_as_werkzeug_does(backend):
    for cls in (backend.Response, werkzeug.Response):
        response = cls("x")
        del vars(response)["response"]
        assert outcome(response.get_data) == ("raises", AttributeError)
        del vars(response)["headers"]
        assert outcome(getattr, response, "headers") == ("raises", AttributeError)


# ------------------------------------------------------- __dict__ adoption


def test_flask_caching_adopts_a_response_dict(backend):
    """Flask-Caching's ``CachedResponse``: ``self.__dict__ = response.__dict__``."""

    class CachedResponse(flask.Response):
        def __init__(self, response, timeout):
            self.__dict__ = response.__dict__
            self.timeout = timeout

    for made in (backend.FlaskResponse("cached"), flask.Response("cached")):
        cached = CachedResponse(made, 30)
        assert cached.get_data() == b"cached" and cached.timeout == 30
        converted = backend.FlaskResponse.force_type(cached)
        assert converted is cached
        assert run_wsgi(converted) == run_wsgi(flask.Response("cached"))


@pytest.mark.parametrize("direction", ["fastres_adopts", "adopted_from_fastres"])
def test_dict_assignment_both_ways(backend, direction):
    for ours_cls in fastres_classes(backend):
        for their_cls in werkzeug_classes():
            source = build(their_cls if direction == "fastres_adopts" else ours_cls)
            target = (ours_cls if direction == "fastres_adopts" else their_cls)(b"old")
            target.__dict__ = source.__dict__
            assert vars(target) is vars(source)
            assert run_wsgi(target)[1:] == run_wsgi(build(werkzeug.Response))[1:]
            # Both share one state: a change through either shows in the other.
            target.set_cookie("shared", "1")
            source.set_data(b"new")
            assert run_wsgi(source) == run_wsgi(target)
            assert run_wsgi(target)[1][-1] == ("Set-Cookie", "shared=1; Path=/")


def test_dict_update_adopts_state(backend):
    ours, theirs = backend.Response("old"), werkzeug.Response("old")
    source = build(werkzeug.Response)
    ours.__dict__.update(source.__dict__)
    theirs.__dict__.update(source.__dict__)
    assert run_wsgi(ours) == run_wsgi(theirs)
    back = werkzeug.Response("old")
    back.__dict__.update(build(backend.Response).__dict__)
    assert run_wsgi(back) == run_wsgi(build(werkzeug.Response))


def test_headers_assigned_while_lazy_win(backend):
    response = backend.Response("x")
    response.headers = Headers([("X-Only", "1")])
    assert "_hlist" not in vars(response)
    assert run_wsgi(response) == run_wsgi(_with_headers(werkzeug.Response("x"), Headers([("X-Only", "1")])))


def _with_headers(response, headers):
    response.headers = headers
    return response


# --------------------------------------------------------- copy and pickle


def test_copy_behaves_as_werkzeug(backend):
    for ours_cls, their_cls in zip(fastres_classes(backend), werkzeug_classes()):
        ours, theirs = build(ours_cls), build(their_cls)
        ours_copy, theirs_copy = copy.copy(ours), copy.copy(theirs)
        assert type(ours_copy) is ours_cls
        assert (ours_copy.headers is ours.headers) == (theirs_copy.headers is theirs.headers)
        assert run_wsgi(ours_copy)[1:] == run_wsgi(theirs_copy)[1:]
        deep = copy.deepcopy(ours)
        assert deep.headers is not ours.headers and run_wsgi(deep) == run_wsgi(ours)


def picklable(base, backend, flavour):
    """A module-level subclass of *base* on *backend*'s core (pickle finds it by name)."""
    name = f"Pickled{flavour}_{backend.name}"
    if name not in globals():
        cls = type(name, (base,), {"__module__": __name__, "__qualname__": name})
        core.bind_core(cls, backend.core)
        globals()[name] = cls
    return globals()[name]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip_and_state(backend, protocol):
    ours = [picklable(backend.Response, backend, "Werkzeug"), picklable(backend.FlaskResponse, backend, "Flask")]
    for cls in (*ours, werkzeug.Response, flask.Response):
        response = build(cls)
        loaded = pickle.loads(pickle.dumps(response, protocol))
        assert set(vars(loaded)) == STATE
        assert run_wsgi(loaded) == run_wsgi(build(cls))


def test_pickled_state_is_werkzeug_state(backend):
    ours, theirs = build(backend.Response), build(werkzeug.Response)
    state = ours.__reduce_ex__(2)[2]
    assert set(state) == set(theirs.__reduce_ex__(2)[2] or vars(theirs)) == STATE
    adopted = werkzeug.Response()
    adopted.__dict__.update(state)
    assert run_wsgi(adopted) == run_wsgi(theirs)


# ----------------------------------------------------- __class__ assignment


def test_class_assignment_on_a_werkzeug_made_response_and_back(backend):
    for cls in fastres_classes(backend):
        response = build(werkzeug.Response)
        expected = run_wsgi(build(werkzeug.Response))
        response.__class__ = cls
        assert type(response) is cls and run_wsgi(response) == expected
        response.set_cookie("after", "1")
        response.__class__ = werkzeug.Response
        oracle = build(werkzeug.Response)
        oracle.set_cookie("after", "1")
        assert run_wsgi(response) == run_wsgi(oracle)


def test_force_type_converts_in_place(backend):
    for cls in fastres_classes(backend):
        for their_cls in werkzeug_classes():
            response = build(their_cls)
            closed = []
            response.call_on_close(functools.partial(closed.append, True))
            assert cls.force_type(response) is response and type(response) is cls
            assert run_wsgi(response) == run_wsgi(build(werkzeug.Response))
            assert closed == [True]


def test_werkzeug_force_type_of_a_fastres_response(backend):
    response = build(backend.Response)
    converted = werkzeug.Response.force_type(response)
    assert converted is response
    assert run_wsgi(response) == run_wsgi(build(werkzeug.Response))


# --------------------------------------------------------- headers replaced


@pytest.mark.parametrize(
    "new_headers",
    [{"X-D": "1"}, [("X-L", "1"), ("X-L", "2")], Headers([("X-H", "1")]), ()],
    ids=["dict", "list", "Headers", "empty"],
)
def test_headers_assignment_as_werkzeug(backend, new_headers):
    for cls, oracle in ((backend.Response, werkzeug.Response), (backend.FlaskResponse, flask.Response)):
        ours, theirs = cls("body"), oracle("body")
        ours.headers, theirs.headers = copy.copy(new_headers), copy.copy(new_headers)
        assert run_wsgi(ours) == run_wsgi(theirs)
        assert outcome(ours.set_data, b"other") == outcome(theirs.set_data, b"other")
        assert outcome(ours.set_cookie, "k", "v") == outcome(theirs.set_cookie, "k", "v")
        assert run_wsgi(ours) == run_wsgi(theirs)


def test_a_new_headers_list_is_sent(backend):
    ours, theirs = backend.Response("x"), werkzeug.Response("x")
    for response in (ours, theirs):
        response.headers._list = [("X-New", "1")]
    assert run_wsgi(ours) == run_wsgi(theirs)
    for response in (ours, theirs):
        response.set_cookie("k", "v")
        response.set_data(b"longer")
    assert run_wsgi(ours) == run_wsgi(theirs)


def test_request_headers_are_immutable_for_set_cookie(backend):
    environ = dict(WSGI_ENVIRON, HTTP_X_IN="1")
    ours, theirs = backend.Response("x"), werkzeug.Response("x")
    ours.headers, theirs.headers = EnvironHeaders(environ), EnvironHeaders(environ)
    assert outcome(lambda: ours.set_cookie("k", "v")) == outcome(lambda: theirs.set_cookie("k", "v"))
    assert outcome(lambda: ours.set_cookie("k", "v"))[1] is TypeError
    assert run_wsgi(ours, environ) == run_wsgi(theirs, environ)


@pytest.mark.parametrize("replacement", [tuple, frozenset, lambda items: None], ids=["tuple", "set", "None"])
def test_a_non_list_headers_list_raises_as_werkzeug(backend, replacement):
    def make(cls):
        response = cls("x")
        headers = Headers([("X-A", "1"), ("X-B", "2")])
        headers._list = replacement(headers._list)
        response.headers = headers
        return response

    actions = [
        lambda r: r.set_data(b"y"),
        lambda r: r.set_cookie("k", "v"),
        lambda r: run_wsgi(r)[1:],
        lambda r: r.get_wsgi_headers(dict(WSGI_ENVIRON)).to_wsgi_list(),
    ]
    for action in actions:
        expected = outcome(action, make(werkzeug.Response))
        got = outcome(action, make(backend.Response))
        if expected[0] == "ok" and isinstance(expected[1], tuple):
            expected = ("ok", (expected[1][0], sorted(expected[1][1]), *expected[1][2:]))
            got = ("ok", (got[1][0], sorted(got[1][1]), *got[1][2:])) if got[0] == "ok" else got
        elif expected[0] == "ok" and isinstance(expected[1], list):
            expected, got = ("ok", sorted(expected[1])), ("ok", sorted(got[1])) if got[0] == "ok" else got
        assert got == expected


# ---------------------------------------------------- the per-class cache


def test_bad_default_status_raises_at_call_time(backend):
    for status in ("200 OK\r\nSet-Cookie: admin=1", 42):

        class Bad(backend.Response):
            default_status = status

        response = Bad("hi")
        with pytest.raises(ValueError):
            run_wsgi(response)


def test_steady_state_never_misses_the_class_cache(backend):
    classes = fastres_classes(backend)
    for _ in range(3):  # warm up: one entry per class
        for cls in classes:
            run_wsgi(cls("x"))
            cls("y").set_cookie("k", "v")
    before = backend.core._class_cache_misses()
    for _ in range(50):
        for cls in classes:
            run_wsgi(cls("x"))
            cls("y").set_cookie("k", "v")
    assert backend.core._class_cache_misses() == before


def test_a_class_change_is_seen(backend):
    class Changing(backend.Response):
        pass

    assert run_wsgi(Changing("x"))[1][0] == ("Content-Type", "text/plain; charset=utf-8")
    Changing.default_mimetype = "text/csv"
    assert run_wsgi(Changing("x"))[1][0] == ("Content-Type", "text/csv; charset=utf-8")
    backend.Response.default_status = 202  # a base changed: every subclass sees it
    try:
        assert run_wsgi(Changing("x"))[0] == "202 ACCEPTED"
    finally:
        del backend.Response.default_status
    assert run_wsgi(Changing("x"))[0] == "200 OK"


def test_dynamic_classes_are_freed(backend):
    refs = []
    for _ in range(20):
        cls = type("Dynamic", (backend.Response,), {})
        run_wsgi(cls("x"))
        cls("y").set_cookie("k", "v")
        refs.append(weakref.ref(cls))
    del cls
    gc.collect()
    assert [ref() for ref in refs] == [None] * 20
