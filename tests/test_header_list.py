"""``header_list_of`` and ``drop_header`` on both cores, against werkzeug.

``drop_header`` must leave a header list as werkzeug's ``Headers.remove``
leaves its ``_list``; ``header_list_of`` must hand out the very list that
``resp.headers`` wraps, whether the ``Headers`` was made yet or not.
"""

from __future__ import annotations

import flask
import pytest
import werkzeug
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import Headers as WHeaders

from support import run_wsgi

_NAMES = st.sampled_from(["X-A", "x-a", "X-a", "X-B", "Content-Type", "content-TYPE", "Ä-X", "ä-x", "Set-Cookie"])
_LISTS = st.lists(st.tuples(_NAMES, st.text(alphabet="abc", max_size=3)), max_size=8)


@given(headers=_LISTS, name=_NAMES)
def test_drop_header_as_werkzeug_remove(backend, headers, name) -> None:
    expected = WHeaders(list(headers))
    expected.remove(name)
    got = list(headers)
    assert backend.core.drop_header(got, name) is None
    assert got == expected._list


class UpperLower(str):
    def lower(self) -> str:  # type: ignore[override]
        return str.upper(self)


def test_drop_header_subclass_name_lowered_as_werkzeug(backend) -> None:
    headers = [("X-A", "1"), ("x-a", "2")]
    expected = WHeaders(list(headers))
    expected.remove(UpperLower("X-A"))
    got = list(headers)
    backend.core.drop_header(got, UpperLower("X-A"))
    assert got == expected._list == headers  # "X-A".lower() matches no "X-A".upper()


def test_drop_header_keeps_the_list_object(backend) -> None:
    headers = [("X-A", "1"), ("X-B", "2"), ("x-a", "3")]
    alias = headers
    backend.core.drop_header(headers, "x-A")
    assert alias is headers and headers == [("X-B", "2")]


@pytest.mark.parametrize(
    "headers, name",
    [(None, "x"), ([("X", "v")], None), ([("X", "v")], b"x"), ([("X", "v")], 1), ([(1, "v")], "x")],
)
def test_drop_header_bad_input(backend, headers, name) -> None:
    with pytest.raises((TypeError, AttributeError)):
        backend.core.drop_header(headers, name)


def test_header_list_of_fresh_response_is_what_headers_wraps(backend) -> None:
    resp = backend.Response("body", headers={"X-A": "1"})
    hl = backend.core.header_list_of(resp)
    hl.append(("X-B", "2"))  # before resp.headers was ever read
    assert resp.headers["X-B"] == "2"
    assert backend.core.header_list_of(resp) is resp.headers._list
    backend.core.drop_header(hl, "x-a")
    status, headers, body = run_wsgi(resp)
    assert ("X-B", "2") in headers and all(name != "X-A" for name, _ in headers)


@pytest.mark.parametrize("flavour, oracle", [("Response", werkzeug.Response), ("FlaskResponse", flask.Response)])
@pytest.mark.parametrize(
    "make_kwargs",
    [
        dict,
        lambda: {"headers": [("X-A", "1")]},
        lambda: {"headers": WHeaders([("X-A", "1")])},
        lambda: {"mimetype": None},
    ],
)
def test_header_list_of_matches_werkzeug(backend, flavour, oracle, make_kwargs) -> None:
    ours = getattr(backend, flavour)("body", **make_kwargs())
    theirs = oracle("body", **make_kwargs())
    assert backend.core.header_list_of(ours) == theirs.headers._list
    assert backend.core.header_list_of(theirs) is theirs.headers._list


def test_header_list_of_passed_headers_object(backend) -> None:
    given_headers = WHeaders([("X-A", "1")])
    resp = backend.Response("body", headers=given_headers)
    assert backend.core.header_list_of(resp) is given_headers._list


class SubHeaders(WHeaders):
    pass


def test_header_list_of_a_headers_subclass_is_its_list(backend) -> None:
    resp = backend.Response("body")
    resp.headers = SubHeaders([("X-A", "1")])
    assert backend.core.header_list_of(resp) is resp.headers._list
    backend.core.header_list_of(resp).append(("X-B", "2"))
    ref = werkzeug.Response("body")
    ref.headers = SubHeaders([("X-A", "1"), ("X-B", "2")])
    assert run_wsgi(resp) == run_wsgi(ref)


def test_header_list_of_refuses_environ_headers(backend) -> None:
    from werkzeug.datastructures import EnvironHeaders

    resp = backend.Response("body")
    resp.headers = EnvironHeaders({"HTTP_X_A": "1"})  # type: ignore[assignment]
    with pytest.raises(TypeError, match="Headers"):
        backend.core.header_list_of(resp)


def test_header_list_of_refuses_what_is_no_headers(backend) -> None:
    resp = backend.Response("body")
    resp.headers = {"X-A": "1"}  # type: ignore[assignment]
    with pytest.raises(TypeError, match="Headers"):
        backend.core.header_list_of(resp)
    with pytest.raises(TypeError):
        backend.core.header_list_of(object())
    with pytest.raises(TypeError):
        backend.core.header_list_of(None)


@pytest.mark.parametrize("bad", [("X-Bad", "a\r\nb"), ("X Bad", "v"), (b"X-Bad", "v"), ("X-Bad",)])
def test_header_list_of_writes_are_validated_when_sent(backend, bad) -> None:
    """The lazy list is reachable through header_list_of: the call checks it as any other."""
    resp = backend.FlaskResponse("x")
    backend.core.header_list_of(resp).append(bad)
    with pytest.raises((ValueError, TypeError)):
        run_wsgi(resp)
