"""Core functions in isolation, on both cores."""

from __future__ import annotations

from http import HTTPStatus

import pytest


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (200, ("200 OK", 200)),
        (HTTPStatus.NOT_FOUND, ("404 NOT FOUND", 404)),
        (299, ("299 UNKNOWN", 299)),
        ("404", ("404 NOT FOUND", 404)),
        ("200 Fine", ("200 Fine", 200)),
        ("wtf", ("0 wtf", 0)),
        (" 201 ", ("201 CREATED", 201)),
    ],
)
def test_clean_status(backend, value, expected):
    assert backend.core.clean_status(value) == expected


def test_clean_status_empty(backend):
    with pytest.raises(ValueError, match="Empty status argument"):
        backend.core.clean_status("  ")


@pytest.mark.parametrize("code", [0, 99, 1000, -200])
def test_check_status_code(backend, code):
    with pytest.raises(ValueError, match="100-999"):
        backend.core.check_status_code(code)
    backend.core.check_status_code(100)
    backend.core.check_status_code(999)


@pytest.mark.parametrize(
    ("mimetype", "expected"),
    [
        ("text/plain", "text/plain; charset=utf-8"),
        ("application/json", "application/json"),
        ("image/svg+xml", "image/svg+xml; charset=utf-8"),
        ("application/javascript", "application/javascript; charset=utf-8"),
    ],
)
def test_content_type_for(backend, mimetype, expected):
    assert backend.core.content_type_for(mimetype) == expected


def test_header_value_messages(backend):
    with pytest.raises(ValueError, match="newline"):
        backend.core.header_value("X", "a\nb")
    with pytest.raises(ValueError, match="Invalid header name"):
        backend.core.header_value("X Y", "a")
    with pytest.raises(ValueError, match="Invalid value for header 'X'"):
        backend.core.header_value("X", "a\x00")
    with pytest.raises(TypeError, match="Header names must be str"):
        backend.core.header_value(b"X", "a")
    assert backend.core.header_value("X", 12) == "12"


def test_wsgi_headers_rejects_non_str_pairs(backend):
    with pytest.raises(TypeError, match="must be a"):
        backend.core.wsgi_headers([("X", 1)], 200, {}, False, None)


def test_json_errors_name_the_type(backend):
    with pytest.raises(TypeError, match="set"):
        backend.core.json_dumps({"a": {1, 2}})
    circular: list = []
    circular.append(circular)
    with pytest.raises(TypeError):
        backend.core.json_dumps(circular)
    assert backend.core.json_dumps({"a": object()}, default=lambda o: "obj") == b'{"a":"obj"}'


def test_encoded_iterator_close_once(backend):
    calls = []
    iterator = backend.core.EncodedIterator(["a", b"b"], lambda: calls.append(1))
    assert next(iterator) == b"a"
    iterator.close()
    iterator.close()
    assert calls == [1]
    assert next(iterator) == b"b"
    with pytest.raises(StopIteration):
        next(iterator)


def test_encoded_iterator_propagates_errors(backend):
    def broken():
        yield "x"
        raise OSError("disk")

    iterator = backend.core.EncodedIterator(broken())
    assert next(iterator) == b"x"
    with pytest.raises(OSError, match="disk"):
        next(iterator)


def test_encoded_iterator_refuses_lone_surrogates_like_werkzeug(backend):
    with pytest.raises(UnicodeEncodeError):
        list(backend.core.EncodedIterator(["\ud800"]))


def test_header_get(backend):
    headers = [("X-A", "1"), ("x-a", "2"), ("Ä-B", "3")]
    assert backend.core.header_get(headers, "x-A") == "1"
    assert backend.core.header_get(headers, "ä-b") == "3"
    assert backend.core.header_get(headers, "missing") is None


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ("Application/JSON", True),
        ("application/problem+json", True),
        ("text/json", False),
        ("application/jsonp", False),
        ("text/html", False),
    ],
)
def test_is_json_type(backend, content_type, expected):
    assert backend.core.is_json_type(content_type) is expected


@pytest.mark.parametrize(
    ("initial", "expected"),
    [
        (None, "application/json"),
        ("text/html; charset=utf-8", "application/json"),
        ("application/problem+json", "application/problem+json"),
    ],
)
def test_response_send_json_keeps_only_a_json_type(backend, initial, expected):
    response = backend.FlaskResponse(content_type=initial) if initial else backend.FlaskResponse(headers=[("X", "1")])
    if initial is None:
        del response.headers["Content-Type"]
    backend.core.response_send(response, b"{}", "application/json", False, True)
    assert response.headers.getlist("Content-Type") == [expected]
    assert response.headers["Content-Length"] == "2"


@pytest.mark.parametrize("bad", [12345, None])
def test_non_str_names_in_a_header_list_are_refused_not_misread(backend, bad):
    """A header list may hold any name; the core must raise, never read it as a str."""
    headers = [(bad, "v"), ("X-B", "1")]
    for call in (
        lambda: backend.core.set_header(list(headers), "X-B", "2"),
        lambda: backend.core.has_header(list(headers), "x-b"),
        lambda: backend.core.header_get(list(headers), "x-b"),
    ):
        with pytest.raises((AttributeError, TypeError)):
            call()
    response = backend.FlaskResponse("x")
    with pytest.raises(TypeError):
        response.headers.add(bad, "v")
    response.headers._list.append((bad, "v"))  # past every setter
    with pytest.raises((AttributeError, TypeError)):
        backend.core.response_send(response, b"body", "text/plain")


def test_bytes_names_in_a_header_list_never_match(backend):
    headers = [(b"X-B", "v")]
    assert backend.core.header_get(headers, "x-b") is None
    backend.core.set_header(headers, "X-B", "2")
    assert headers == [(b"X-B", "v"), ("X-B", "2")]
