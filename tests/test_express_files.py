"""attachment / download / send_file: serving, streaming, conditional and range
requests, and every way out of the folder refused with a 404 that shows no path."""

from __future__ import annotations

import io
import os
from datetime import timedelta

import pytest
from werkzeug.exceptions import Forbidden, NotFound
from werkzeug.http import dump_cookie as werkzeug_dump_cookie


CONTENT = b"0123456789" * 10


@pytest.fixture
def files(tmp_path):
    """``attachments/`` beside the app with a report, a nested file, a secret outside it."""
    attachments = tmp_path / "attachments"
    (attachments / "sub").mkdir(parents=True)
    (attachments / "report.txt").write_bytes(CONTENT)
    (attachments / "sub" / "nested.csv").write_bytes(b"a,b\n")
    (tmp_path / "secret.txt").write_bytes(b"top secret")
    os.symlink(tmp_path / "secret.txt", attachments / "escape.txt")
    os.symlink(attachments / "report.txt", attachments / "inside.txt")
    os.symlink(tmp_path, attachments / "updir")
    return tmp_path


@pytest.fixture
def routes(app, files):
    @app.get("/attach/<path:name>")
    def attach(req, res, name):
        return res.set_cookie("seen", "1").attachment(name, download_name=req.query.dl)

    @app.get("/attach-query")
    def attach_query(req, res):
        return res.attachment(req.query.filename)

    @app.get("/download/<path:name>")
    def download(req, res, name):
        return res.download(name, "renamed.txt", root="attachments")

    @app.get("/file")
    def file(req, res):
        return res.set("X-Keep", "yes").send_file("attachments/report.txt", max_age=60)

    @app.get("/file-from/<path:name>")
    def file_from(req, res, name):
        return res.send_file(name, root=files / "attachments")

    return app


ESCAPES = [
    "../secret.txt",
    "sub/../../secret.txt",
    "..%2fsecret.txt",
    "escape.txt",  # symlink out of the folder
    "updir/secret.txt",  # through a symlinked directory
    "sub",  # a directory
    "missing.txt",
]


def read(resp) -> bytes:
    """The body of a (possibly direct-passthrough) file response, then close it."""
    try:
        return b"".join(resp.response)
    finally:
        resp.close()


def assert_safe_404(rv, tmp_path) -> None:
    assert rv.status_code == 404
    body = rv.get_data(as_text=True)
    assert str(tmp_path) not in body
    assert "attachments" not in body
    assert "top secret" not in body


# ------------------------------------------------------------ attachment


def test_attachment_serves_from_the_folder(routes) -> None:
    rv = routes.test_client().get("/attach/report.txt")
    assert rv.status_code == 200
    assert rv.data == CONTENT
    assert rv.headers["Content-Disposition"] == "attachment; filename=report.txt"
    assert rv.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert rv.headers.getlist("Set-Cookie") == [werkzeug_dump_cookie("seen", "1")]
    rv.close()


def test_attachment_download_name_and_nested(routes) -> None:
    client = routes.test_client()
    rv = client.get("/attach/report.txt?dl=report_2024.txt")
    assert rv.headers["Content-Disposition"] == "attachment; filename=report_2024.txt"
    rv.close()
    rv = client.get("/attach/sub/nested.csv")
    assert rv.data == b"a,b\n"
    rv.close()
    rv = client.get("/attach/inside.txt")  # a symlink that stays inside
    assert rv.data == CONTENT
    rv.close()


def test_attachment_flask_express_example_query(routes) -> None:
    rv = routes.test_client().get("/attach-query?filename=report.txt")
    assert rv.data == CONTENT
    rv.close()
    rv = routes.test_client().get("/attach-query")  # no name: Express's attachment()
    assert rv.status_code == 200
    assert rv.headers["Content-Disposition"] == "attachment"


@pytest.mark.parametrize("name", ESCAPES)
def test_attachment_refuses_escapes_via_url(routes, files, name) -> None:
    assert_safe_404(routes.test_client().get(f"/attach/{name}"), files)


@pytest.mark.parametrize("name", [*ESCAPES, "/etc/passwd", "report.txt\x00.png", "sub\\..\\..\\secret.txt", 3])
def test_attachment_refuses_escapes_directly(routes, facade, files, name) -> None:
    if isinstance(name, str) and name.startswith("/"):
        name = str(files / "secret.txt")  # an absolute path that exists
    with routes.test_request_context():
        with pytest.raises(NotFound) as info:
            facade().attachment(name)
    assert str(files) not in info.value.get_description()


def test_attachment_refuses_nul_via_query(routes, files) -> None:
    assert_safe_404(routes.test_client().get("/attach-query?filename=report.txt%00"), files)
    assert_safe_404(routes.test_client().get("/attach-query?filename=/etc/passwd"), files)


def test_attachments_folder_config(app, facade, files) -> None:
    other = files / "elsewhere"
    other.mkdir()
    (other / "x.bin").write_bytes(b"xyz")
    app.config["ATTACHMENTS_FOLDER"] = "elsewhere"
    with app.test_request_context():
        resp = facade().attachment("x.bin")
        assert read(resp) == b"xyz"
        with pytest.raises(NotFound):
            facade().attachment("report.txt")
    app.config["ATTACHMENTS_FOLDER"] = str(other)  # absolute works too
    with app.test_request_context():
        assert read(facade().attachment("x.bin")) == b"xyz"


def test_attachment_missing_folder_is_404(app, facade, tmp_path) -> None:
    with app.test_request_context(), pytest.raises(NotFound):
        facade().attachment("anything.txt")


# -------------------------------------------------------------- download


def test_download(routes) -> None:
    rv = routes.test_client().get("/download/report.txt")
    assert rv.data == CONTENT
    assert rv.headers["Content-Disposition"] == "attachment; filename=renamed.txt"
    rv.close()


@pytest.mark.parametrize("name", ESCAPES)
def test_download_refuses_escapes(routes, files, name) -> None:
    assert_safe_404(routes.test_client().get(f"/download/{name}"), files)


def test_download_without_root_is_a_trusted_path(app, facade, files) -> None:
    with app.test_request_context():
        resp = facade().download(files / "secret.txt")
        assert read(resp) == b"top secret"
        assert resp.headers["Content-Disposition"] == "attachment; filename=secret.txt"
        resp.close()


# ------------------------------------------------------------- send_file


def test_send_file_works_and_keeps_headers(routes) -> None:
    """flask-express's send_file always raised TypeError."""
    rv = routes.test_client().get("/file")
    assert rv.status_code == 200
    assert rv.data == CONTENT
    assert rv.headers["X-Keep"] == "yes"
    assert rv.headers["Content-Length"] == str(len(CONTENT))
    assert rv.headers["Cache-Control"] == "public, max-age=60"
    assert "ETag" in rv.headers and "Last-Modified" in rv.headers
    rv.close()


def test_send_file_streams(app, facade, files) -> None:
    with app.test_request_context():
        resp = facade().send_file(files / "attachments" / "report.txt")
    assert resp.direct_passthrough
    assert not isinstance(resp.response, list)  # a file wrapper, not a buffered body
    resp.close()


def test_send_file_conditional(routes) -> None:
    client = routes.test_client()
    first = client.get("/file")
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    first.close()
    with client.get("/file", headers={"If-None-Match": etag}) as rv:
        assert rv.status_code == 304 and rv.data == b""
        assert rv.headers["X-Keep"] == "yes"
    with client.get("/file", headers={"If-Modified-Since": last_modified}) as rv:
        assert rv.status_code == 304


def test_send_file_range(routes) -> None:
    rv = routes.test_client().get("/file", headers={"Range": "bytes=10-19"})
    assert rv.status_code == 206
    assert rv.data == CONTENT[10:20]
    assert rv.headers["Content-Range"] == f"bytes 10-19/{len(CONTENT)}"
    rv.close()
    with routes.test_client().get("/file", headers={"Range": "bytes=1000-"}) as rv:
        assert rv.status_code == 416


def test_send_file_object_and_options(app, facade) -> None:
    with app.test_request_context():
        resp = (
            facade()
            .set_cookie("c", "1")
            .send_file(io.BytesIO(b"data"), mimetype="image/png", as_attachment=True, download_name="p.png")
        )
        assert read(resp) == b"data"
        assert resp.headers["Content-Type"] == "image/png"
        assert resp.headers["Content-Disposition"] == "attachment; filename=p.png"
        assert resp.headers.getlist("Set-Cookie") == [werkzeug_dump_cookie("c", "1")]
        resp.close()


def test_send_file_replaces_the_old_body_headers(app, facade) -> None:
    with app.test_request_context():
        resp = facade().send("a body first").send_file(io.BytesIO(b"data"), mimetype="text/csv")
        assert resp.headers.getlist("Content-Type") == ["text/csv; charset=utf-8"]
        assert resp.get("ETag") is None
        assert read(resp) == b"data"
        resp.close()


def test_send_file_keeps_a_status_set_earlier(app, facade) -> None:
    with app.test_request_context():
        resp = facade().set_status(404).send_file(io.BytesIO(b"<h1>gone</h1>"), mimetype="text/html")
        assert resp.status_code == 404
        resp.close()


def test_send_file_runs_close_callbacks(app, facade) -> None:
    closed = []
    with app.test_request_context():
        resp = facade()
        resp.call_on_close(lambda: closed.append("mine"))
        resp.send_file(io.BytesIO(b"x"), mimetype="text/plain")
        resp.close()
    assert closed == ["mine"]


@pytest.mark.parametrize("name", ESCAPES)
def test_send_file_root_refuses_escapes(routes, files, name) -> None:
    assert_safe_404(routes.test_client().get(f"/file-from/{name}"), files)


def test_send_file_root_serves(routes) -> None:
    rv = routes.test_client().get("/file-from/sub/nested.csv")
    assert rv.data == b"a,b\n"
    rv.close()


def test_send_file_legacy_argument_names(app, facade, files) -> None:
    path = files / "attachments" / "report.txt"
    with app.test_request_context():
        with pytest.warns(DeprecationWarning, match="attachment_filename"):
            resp = facade().send_file(path, as_attachment=True, attachment_filename="old.txt")
        assert resp.headers["Content-Disposition"] == "attachment; filename=old.txt"
        resp.close()
        with pytest.warns(DeprecationWarning, match="cache_timeout"):
            resp = facade().send_file(path, cache_timeout=5)
        assert resp.headers["Cache-Control"] == "public, max-age=5"
        resp.close()
        with pytest.warns(DeprecationWarning, match="add_etags"):
            resp = facade().send_file(path, add_etags=False)
        assert "ETag" not in resp.headers
        resp.close()


def test_sendFile_alias(facade) -> None:
    assert facade.sendFile is facade.send_file


# ------------------------------------------------------- Express's options


@pytest.mark.parametrize("name", [".env", ".git/config", "sub/.hidden", "./.env", "sub/../.env"])
def test_send_file_ignores_dotfiles_under_root_by_default(app, facade, files, name) -> None:
    attachments = files / "attachments"
    (attachments / ".git").mkdir()
    for dotfile in (".env", ".git/config", "sub/.hidden"):
        (attachments / dotfile).write_bytes(b"SECRET=1")
    with app.test_request_context():
        with pytest.raises(NotFound):
            facade().send_file(name, root="attachments")
        with pytest.raises(Forbidden):
            facade().send_file(name, root="attachments", dotfiles="deny")
        assert read(facade().send_file(name, root="attachments", dotfiles="allow")) == b"SECRET=1"


def test_send_file_dotfiles_option_is_checked(app, facade, files) -> None:
    with app.test_request_context(), pytest.raises(ValueError, match="dotfiles"):
        facade().send_file("report.txt", root="attachments", dotfiles="hide")


def test_send_file_missing_or_directory_without_root_is_404(app, facade, files) -> None:
    with app.test_request_context():
        for name in ("attachments/missing.txt", "attachments/sub", str(files / "nope")):
            with pytest.raises(NotFound):
                facade().send_file(name)


@pytest.mark.parametrize(
    ("max_age", "header"),
    [
        (timedelta(minutes=2), "public, max-age=120"),
        ("1.5h", "public, max-age=5400"),
        ("2 weeks", "public, max-age=1209600"),
        ("1y", "public, max-age=31536000"),
        ("500", "public, max-age=0"),
        ("-5s", "public, max-age=0"),
    ],
)
def test_send_file_max_age_forms(app, facade, files, max_age, header) -> None:
    with app.test_request_context():
        resp = facade().send_file("attachments/report.txt", max_age=max_age)
        assert resp.headers["Cache-Control"] == header
        resp.close()


@pytest.mark.parametrize("max_age", ["soon", "", "5 parsecs", True, [1], float("nan")])
def test_send_file_bad_max_age(app, facade, files, max_age) -> None:
    with app.test_request_context(), pytest.raises((ValueError, TypeError), match="max_age"):
        facade().send_file("attachments/report.txt", max_age=max_age)


def test_send_file_start_end_on_a_file_object(app, facade) -> None:
    with app.test_request_context():
        resp = facade().send_file(io.BytesIO(b"0123456789"), mimetype="text/plain", start=2, end=4)
        assert resp.get_data() == b"234"
        assert resp.headers["Content-Length"] == "3"
        resp = facade().send_file(io.BytesIO(b"0123456789"), mimetype="text/plain", start=7)
        assert resp.get_data() == b"789"
        with pytest.raises(ValueError, match="start and end"):
            facade().send_file(io.BytesIO(b"0123456789"), mimetype="text/plain", start=-1)


def test_send_file_etag_follows_the_response_setting(app, facade, files) -> None:
    with app.test_request_context():
        res = facade()
        res.auto_etag = False
        resp = res.send_file("attachments/report.txt")
        assert "ETag" not in resp.headers
        resp.close()
        resp = facade().send_file("attachments/report.txt")
        assert "ETag" in resp.headers
        resp.close()
