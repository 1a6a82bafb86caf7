"""``fastres.send_file`` against ``werkzeug.utils.send_file``.

Both get the same arguments, request and response class; they must give the
same status, header list and body, or raise the same error.  ``Date`` and
``Expires`` hold the current time, so they are compared by format and
position, not by value.
"""

from __future__ import annotations

import os
import pathlib
import re
import typing as t

import flask
import pytest
import werkzeug.utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fastres
from support import WSGI_ENVIRON
from fastres.files import send_file, send_flask_file

FILES = {"plain.txt": 0, "a b.bin": 1, "data.tar.gz": 4096, "noext": 20000, 'quo"te.txt': 10, "ümlaut.txt": 3}
HTTP_DATE = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT")
CONDITIONAL_HEADERS = {
    "HTTP_RANGE": "bytes=0-9",
    "HTTP_IF_NONE_MATCH": '"nope"',
    "HTTP_IF_MODIFIED_SINCE": "Sat, 01 Jan 2000 00:00:00 GMT",
    "HTTP_IF_RANGE": '"nope"',
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    root = tmp_path_factory.mktemp("files")
    for name, size in FILES.items():
        (root / name).write_bytes(bytes(range(256)) * (size // 256) + b"z" * (size % 256))
    return root


def serve(response: t.Any, environ: dict[str, t.Any]) -> tuple[str, list[tuple[str, str]], bytes]:
    started: dict[str, t.Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: t.Any = None) -> None:
        started.update(status=status, headers=headers)

    app_iter = response(environ, start_response)
    try:
        body = b"".join(app_iter)
    finally:
        app_iter.close()
    headers = []
    for name, value in started["headers"]:
        if name in ("Date", "Expires"):
            assert HTTP_DATE.fullmatch(value), (name, value)
            value = "<now>"
        headers.append((name, value))
    return started["status"], headers, body


def outcome(function: t.Callable[..., t.Any], environ: dict[str, t.Any], *args: t.Any, **kwargs: t.Any) -> t.Any:
    try:
        response = function(*args, dict(environ), **kwargs)
    except Exception as error:  # noqa: BLE001 - the error is the outcome compared
        return ("raised", type(error), str(error))
    return serve(response, dict(environ))


class MaxAge:
    """A ``max_age`` callable that counts its calls."""

    def __init__(self, value: t.Any) -> None:
        self.value, self.calls = value, 0

    def __call__(self, path: str | None) -> t.Any:
        self.calls += 1
        return self.value


max_ages = st.sampled_from([None, 0, 60, -5, 1.5, True]) | st.sampled_from([None, 30, 2.5]).map(MaxAge)


def compare(backend, folder, name, how, request_headers=(), method="GET", flask_flavour=True, **kwargs) -> None:
    environ = dict(WSGI_ENVIRON, REQUEST_METHOD=method)
    environ.update({key: CONDITIONAL_HEADERS[key] for key in request_headers})
    path: t.Any = {"str": str(folder / name), "pathlib": folder / name, "root": name}[how]
    root = str(folder) if how == "root" else None
    response_class = backend.FlaskResponse if flask_flavour else backend.Response
    max_age = kwargs.pop("max_age", None)

    def run(function: t.Callable[..., t.Any]) -> t.Any:
        age = MaxAge(max_age.value) if isinstance(max_age, MaxAge) else max_age
        result = outcome(function, environ, path, max_age=age, response_class=response_class, _root_path=root, **kwargs)
        return result, (age.calls if isinstance(age, MaxAge) else None)

    assert run(send_file) == run(werkzeug.utils.send_file)


common = dict(
    name=st.sampled_from([*FILES, "missing.txt"]),
    how=st.sampled_from(["str", "pathlib", "root"]),
    mimetype=st.sampled_from([None, "text/plain", "application/octet-stream", "image/png"]),
    as_attachment=st.booleans(),
    conditional=st.booleans(),
    max_age=max_ages,
    method=st.sampled_from(["GET", "HEAD", "POST"]),
    flask_flavour=st.booleans(),
)


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    download_name=st.sampled_from([None, "report.pdf", "a b;c.txt", 'q"q.txt', "naïve.txt", "bad\nname.txt", ""]),
    etag=st.sampled_from([True, False, "custom", 'bad"etag']),
    last_modified=st.sampled_from([None, 1_700_000_000]),
    request_headers=st.sets(st.sampled_from(sorted(CONDITIONAL_HEADERS))),
    **common,
)
def test_same_response_as_werkzeug(backend, folder, **example) -> None:
    compare(backend, folder, **example)


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    download_name=st.sampled_from([None, "report.pdf", "a b;c.txt", 'q"q.txt']),
    etag=st.booleans(),
    **common,
)
def test_same_response_as_werkzeug_where_the_fast_path_applies(backend, folder, **example) -> None:
    compare(backend, folder, **example)


def test_the_plain_case_takes_the_fast_path(backend, folder, monkeypatch) -> None:
    def refuse(*args: t.Any, **kwargs: t.Any) -> t.NoReturn:
        raise AssertionError("delegated to werkzeug")

    monkeypatch.setattr(fastres.files, "_werkzeug_send_file", refuse)
    response = send_file(str(folder / "noext"), dict(WSGI_ENVIRON), response_class=backend.FlaskResponse)
    status, headers, body = serve(response, dict(WSGI_ENVIRON))
    assert status == "200 OK" and len(body) == 20000
    assert [name for name, _ in headers] == [
        "Content-Disposition",
        "Content-Type",
        "Content-Length",
        "Last-Modified",
        "Cache-Control",
        "ETag",
        "Date",
        "Accept-Ranges",
    ]


def test_file_objects_and_x_sendfile_go_to_werkzeug(backend, folder) -> None:
    with open(folder / "plain.txt", "rb") as f:
        response = send_file(f, dict(WSGI_ENVIRON), download_name="x.txt", response_class=backend.Response)
        assert serve(response, dict(WSGI_ENVIRON))[0] == "200 OK"
    response = send_file(str(folder / "plain.txt"), dict(WSGI_ENVIRON), use_x_sendfile=True)
    assert response.headers["X-Sendfile"] == str(folder / "plain.txt")


def test_exported_and_defaults_to_the_werkzeug_flavour(folder) -> None:
    assert fastres.send_file is send_file
    response = send_file(os.fspath(folder / "plain.txt"), dict(WSGI_ENVIRON))
    assert type(response) is fastres.wrappers.Response
    response.close()


def test_send_flask_file_is_flask_send_file(backend, folder) -> None:
    app = flask.Flask(__name__, root_path=str(folder))
    app.response_class = backend.FlaskResponse
    for kwargs in ({}, {"as_attachment": True}, {"max_age": 60}, {"etag": False}):
        with app.test_request_context("/"):
            ours = serve(send_flask_file("a b.bin", **kwargs), dict(flask.request.environ))
            theirs = serve(flask.send_file("a b.bin", **kwargs), dict(flask.request.environ))
        assert ours == theirs
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 120
    with app.test_request_context("/"):
        assert send_flask_file("plain.txt").headers["Cache-Control"] == "public, max-age=120"
