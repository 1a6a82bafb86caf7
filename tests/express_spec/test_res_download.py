"""Express ``test/res.download.js``."""

from __future__ import annotations

import pytest

from spec_support import serve


def download(*args, **options):
    return lambda req, res: res.download(*args, **options)


def test_download_path_should_transfer_as_an_attachment(app) -> None:
    """.download(path) > should transfer as an attachment"""
    rv = serve(app, download("user.html"))
    assert rv.headers["Content-Type"] == "text/html; charset=utf-8"
    assert rv.headers["Content-Disposition"] == "attachment; filename=user.html"
    assert (rv.status_code, rv.data) == (200, b"<p>{{user.name}}</p>")


def test_download_path_should_accept_range_requests(app) -> None:
    """.download(path) > should accept range requests"""
    rv = serve(app, download("user.html"))
    assert rv.headers["Accept-Ranges"] == "bytes"
    assert (rv.status_code, rv.data) == (200, b"<p>{{user.name}}</p>")


def test_download_path_should_respond_with_requested_byte_range(app) -> None:
    """.download(path) > should respond with requested byte range"""
    rv = serve(app, download("user.html"), headers={"Range": "bytes=0-2"})
    assert rv.headers["Content-Range"] == "bytes 0-2/20"
    assert (rv.status_code, rv.data) == (206, b"<p>")


def test_download_path_filename_should_provide_an_alternate_filename(app) -> None:
    """.download(path, filename) > should provide an alternate filename"""
    rv = serve(app, download("user.html", "document"))
    assert rv.headers["Content-Type"] == "text/html; charset=utf-8"
    assert rv.headers["Content-Disposition"] == "attachment; filename=document"
    assert rv.status_code == 200


def test_download_path_options_should_allow_options_to_res_sendfile(app) -> None:
    """.download(path, options) > should allow options to res.sendFile()"""
    rv = serve(app, download(".name", dotfiles="allow", max_age="4h"))
    assert rv.status_code == 200
    assert rv.headers["Content-Disposition"] == "attachment; filename=.name"
    assert rv.headers["Cache-Control"] == "public, max-age=14400"
    assert rv.data == b"tobi"


def test_download_headers_should_set_headers_on_response(app) -> None:
    """.download(path, options) > with "headers" option > should set headers on response"""
    rv = serve(app, download("user.html", headers={"X-Foo": "Bar", "X-Bar": "Foo"}))
    assert rv.status_code == 200
    assert (rv.headers["X-Foo"], rv.headers["X-Bar"]) == ("Bar", "Foo")


def test_download_headers_should_use_last_header_when_duplicated(app) -> None:
    """.download(path, options) > with "headers" option > should use last header when duplicated"""
    rv = serve(app, download("user.html", headers={"X-Foo": "Bar", "x-foo": "bar"}))
    assert rv.headers.getlist("X-Foo") == ["bar"]


def test_download_headers_should_override_content_type(app) -> None:
    """.download(path, options) > with "headers" option > should override Content-Type"""
    rv = serve(app, download("user.html", headers={"Content-Type": "text/x-custom"}))
    assert rv.headers["Content-Type"] == "text/x-custom"


def test_download_headers_should_not_set_headers_on_404(app) -> None:
    """.download(path, options) > with "headers" option > should not set headers on 404"""
    rv = serve(app, download("does-not-exist", headers={"X-Foo": "Bar"}))
    assert rv.status_code == 404
    assert "X-Foo" not in rv.headers


def test_download_headers_when_headers_contains_content_disposition_should_be_ignored(app) -> None:
    """.download(path, options) > with "headers" option > when headers contains Content-Disposition
    > should be ignored"""
    rv = serve(app, download("user.html", headers={"Content-Disposition": "inline"}))
    assert rv.headers["Content-Disposition"] == "attachment; filename=user.html"


def test_download_headers_when_headers_contains_content_disposition_should_be_ignored_case_insensitively(app) -> None:
    """.download(path, options) > with "headers" option > when headers contains Content-Disposition
    > should be ignored case-insensitively"""
    rv = serve(app, download("user.html", headers={"content-disposition": "inline"}))
    assert rv.headers["Content-Disposition"] == "attachment; filename=user.html"


def test_download_root_should_allow_relative_path(app, fixtures) -> None:
    """.download(path, options) > with "root" option > should allow relative path"""
    rv = serve(app, download("name.txt", root=str(fixtures)))
    assert rv.headers["Content-Disposition"] == "attachment; filename=name.txt"
    assert (rv.status_code, rv.data) == (200, b"tobi")


def test_download_root_should_allow_up_within_root(app, fixtures) -> None:
    """.download(path, options) > with "root" option > should allow up within root"""
    rv = serve(app, download("fake/../name.txt", root=str(fixtures)))
    assert rv.headers["Content-Disposition"] == "attachment; filename=name.txt"
    assert (rv.status_code, rv.data) == (200, b"tobi")


@pytest.mark.express_difference("404 rather than 403 outside root: the folder's existence is not revealed")
def test_download_root_should_reject_up_outside_root(app, fixtures) -> None:
    """.download(path, options) > with "root" option > should reject up outside root"""
    rv = serve(app, download("../fixtures/name.txt", root=str(fixtures)))
    assert rv.status_code == 404
    assert "Content-Disposition" not in rv.headers


@pytest.mark.express_difference("404 rather than 403 outside root: the folder's existence is not revealed")
def test_download_root_should_reject_reading_outside_root(app, fixtures) -> None:
    """.download(path, options) > with "root" option > should reject reading outside root"""
    rv = serve(app, download("../name.txt", root=str(fixtures)))
    assert rv.status_code == 404
    assert "Content-Disposition" not in rv.headers


def test_download_path_filename_options_fn_should_allow_options_to_res_sendfile(app) -> None:
    """.download(path, filename, options, fn) > should allow options to res.sendFile()"""
    rv = serve(app, download(".name", "document", dotfiles="allow", max_age="4h"))
    assert rv.status_code == 200
    assert rv.headers["Content-Disposition"] == "attachment; filename=document"
    assert rv.headers["Cache-Control"] == "public, max-age=14400"
    assert rv.data == b"tobi"


def test_download_when_options_headers_contains_content_disposition_should_be_ignored(app) -> None:
    """.download(path, filename, options, fn) > when options.headers contains Content-Disposition
    > should be ignored"""
    headers = {"Content-Type": "text/x-custom", "Content-Disposition": "inline"}
    rv = serve(app, download("user.html", "document", headers=headers))
    assert rv.headers["Content-Type"] == "text/x-custom"
    assert rv.headers["Content-Disposition"] == "attachment; filename=document"


def test_download_when_options_headers_contains_content_disposition_should_be_ignored_case_insensitively(
    app,
) -> None:
    """.download(path, filename, options, fn) > when options.headers contains Content-Disposition
    > should be ignored case-insensitively"""
    headers = {"content-type": "text/x-custom", "content-disposition": "inline"}
    rv = serve(app, download("user.html", "document", headers=headers))
    assert rv.headers["Content-Type"] == "text/x-custom"
    assert rv.headers["Content-Disposition"] == "attachment; filename=document"


def test_download_on_failure_should_remove_content_disposition(app) -> None:
    """on failure > should remove Content-Disposition (Python: the 404 raised carries none)"""
    rv = serve(app, download("foobar.html"))
    assert rv.status_code == 404
    assert "Content-Disposition" not in rv.headers
