"""Express ``test/res.attachment.js``.

``attachment()`` without a name is Express's.  With a name it keeps
flask-express's meaning: send that file from the app's ``ATTACHMENTS_FOLDER``
as an attachment (Express only sets the header), so those cases serve a file
of that name and check the same headers.
"""

from __future__ import annotations

import pytest

from spec_support import serve

FLASK_EXPRESS = pytest.mark.express_difference(
    "attachment(name) sends that file from ATTACHMENTS_FOLDER, as flask-express's attachment does"
)


@pytest.fixture
def attachments(fixtures):
    folder = fixtures / "attachments"
    folder.mkdir()
    for name in ("image.png", "my report.png", "日本語.txt", "café.txt"):
        (folder / name).write_bytes(b"....")
    return folder


def test_attachment_should_content_disposition_to_attachment(app) -> None:
    """.attachment() > should Content-Disposition to attachment"""
    rv = serve(app, lambda req, res: res.attachment().send("foo"))
    assert rv.headers["Content-Disposition"] == "attachment"


@FLASK_EXPRESS
def test_attachment_filename_should_add_the_filename_param(app, attachments) -> None:
    """.attachment(filename) > should add the filename param"""
    rv = serve(app, lambda req, res: res.attachment("image.png"))
    assert rv.headers["Content-Disposition"] == "attachment; filename=image.png"
    assert rv.data == b"...."


@FLASK_EXPRESS
def test_attachment_filename_should_quote_file_names_that_are_not_a_valid_token(app, attachments) -> None:
    """.attachment(filename) > should quote file names that are not a valid token"""
    rv = serve(app, lambda req, res: res.attachment("my report.png"))
    assert rv.headers["Content-Disposition"] == 'attachment; filename="my report.png"'


def test_attachment_filename_should_handle_an_empty_file_name(app) -> None:
    """.attachment(filename) > should handle an empty file name"""
    rv = serve(app, lambda req, res: res.attachment("").send("foo"))
    assert rv.headers["Content-Disposition"] == "attachment"


@FLASK_EXPRESS
def test_attachment_filename_should_set_the_content_type(app, attachments) -> None:
    """.attachment(filename) > should set the Content-Type"""
    rv = serve(app, lambda req, res: res.attachment("image.png"))
    assert rv.headers["Content-Type"] == "image/png"


@pytest.mark.express_difference(
    "werkzeug's Content-Disposition: the ASCII fallback is the NFKD-normalised name without non-ASCII"
    " characters, where Express writes '?'"
)
def test_attachment_utf8filename_should_add_the_filename_and_filename_params(app, attachments) -> None:
    """.attachment(utf8filename) > should add the filename and filename* params"""
    rv = serve(app, lambda req, res: res.attachment("日本語.txt"))
    assert rv.headers["Content-Disposition"] == (
        "attachment; filename=.txt; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt"
    )


@pytest.mark.express_difference(
    "werkzeug's Content-Disposition: the ASCII fallback is the NFKD-normalised name without non-ASCII"
    " characters, where Express writes '?'"
)
def test_attachment_utf8filename_should_encode_latin1_file_names_with_an_ascii_fallback_and_filename_param(
    app, attachments
) -> None:
    """.attachment(utf8filename) > should encode latin1 file names with an ASCII fallback and filename* param"""
    rv = serve(app, lambda req, res: res.attachment("café.txt"))
    assert rv.headers["Content-Disposition"] == "attachment; filename=cafe.txt; filename*=UTF-8''caf%C3%A9.txt"


@FLASK_EXPRESS
def test_attachment_utf8filename_should_set_the_content_type(app, attachments) -> None:
    """.attachment(utf8filename) > should set the Content-Type"""
    rv = serve(app, lambda req, res: res.attachment("日本語.txt"))
    assert rv.headers["Content-Type"] == "text/plain; charset=utf-8"
