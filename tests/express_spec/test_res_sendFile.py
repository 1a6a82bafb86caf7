"""Express ``test/res.sendFile.js`` (``send_file``/``sendFile``)."""

from __future__ import annotations

import pytest
from werkzeug.http import http_date

from spec_support import again, serve

import time


def send(options=None, path="name.txt"):
    """A view sending *path* (relative to the app, the fixtures folder) with *options*."""
    return lambda req, res: res.sendFile(path, **(options or {}))


def test_sendfile_path_should_error_missing_path(app) -> None:
    """.sendFile(path) > should error missing path"""
    with pytest.raises(TypeError):
        serve(app, lambda req, res: res.sendFile())


def test_sendfile_path_should_error_for_non_string_path(app) -> None:
    """.sendFile(path) > should error for non-string path"""
    with pytest.raises(TypeError):
        serve(app, send(path=42))


@pytest.mark.express_difference("a relative path is relative to the app's root, as in Flask's send_file")
def test_sendfile_path_should_error_for_non_absolute_path(app) -> None:
    """.sendFile(path) > should error for non-absolute path"""
    rv = serve(app, send(path="name.txt"))
    assert (rv.status_code, rv.data) == (200, b"tobi")


def test_sendfile_path_should_transfer_a_file(app, fixtures) -> None:
    """.sendFile(path) > should transfer a file"""
    rv = serve(app, send(path=str(fixtures / "name.txt")))
    assert (rv.status_code, rv.data) == (200, b"tobi")


def test_sendfile_path_should_transfer_a_file_with_special_characters_in_string(app, fixtures) -> None:
    """.sendFile(path) > should transfer a file with special characters in string"""
    rv = serve(app, send(path=str(fixtures / "% of dogs.txt")))
    assert (rv.status_code, rv.data) == (200, b"20%")


def test_sendfile_path_should_include_etag(app) -> None:
    """.sendFile(path) > should include ETag"""
    rv = serve(app, send())
    assert rv.headers["ETag"].startswith(('"', 'W/"'))
    assert (rv.status_code, rv.data) == (200, b"tobi")


def test_sendfile_path_should_304_when_etag_matches(app) -> None:
    """.sendFile(path) > should 304 when ETag matches"""
    rv = serve(app, send())
    assert (rv.status_code, rv.data) == (200, b"tobi")
    assert again(app, headers={"If-None-Match": rv.headers["ETag"]}).status_code == 304


def test_sendfile_path_should_disable_the_etag_function_if_requested(app) -> None:
    """.sendFile(path) > should disable the ETag function if requested"""
    app.config["EXPRESS_ETAG"] = False
    rv = serve(app, send())
    assert rv.status_code == 200
    assert "ETag" not in rv.headers


def test_sendfile_path_should_404_for_directory(app) -> None:
    """.sendFile(path) > should 404 for directory"""
    assert serve(app, send(path="blog")).status_code == 404


def test_sendfile_path_should_404_when_not_found(app) -> None:
    """.sendFile(path) > should 404 when not found"""
    assert serve(app, send(path="does-no-exist")).status_code == 404


@pytest.mark.express_difference("without max_age, Flask's SEND_FILE_MAX_AGE_DEFAULT (None: werkzeug's no-cache)")
def test_sendfile_path_should_send_cache_control_by_default(app) -> None:
    """.sendFile(path) > should send cache-control by default"""
    rv = serve(app, send())
    assert rv.headers["Cache-Control"] == "no-cache"
    assert rv.status_code == 200


def test_sendfile_path_should_not_serve_dotfiles_by_default(app) -> None:
    """.sendFile(path) > should not serve dotfiles by default"""
    assert serve(app, send(path=".name")).status_code == 404


def test_sendfile_path_should_not_override_manual_content_types(app) -> None:
    """.sendFile(path) > should not override manual content-types"""
    rv = serve(app, lambda req, res: res.contentType("application/x-bogus").sendFile("name.txt"))
    assert rv.headers["Content-Type"] == "application/x-bogus"


def test_sendfile_path_options_should_pass_options_to_send_module(app) -> None:
    """.sendFile(path, options) > should pass options to send module"""
    rv = serve(app, send({"start": 0, "end": 1}))
    assert (rv.status_code, rv.data) == (200, b"to")


def test_sendfile_accept_ranges_when_true_should_advertise_byte_range_accepted(app) -> None:
    """.sendFile(path, options) > with "acceptRanges" option > when true > should advertise byte range accepted"""
    rv = serve(app, send({"accept_ranges": True}, "nums.txt"))
    assert rv.status_code == 200
    assert rv.headers["Accept-Ranges"] == "bytes"
    assert rv.data == b"123456789"


def test_sendfile_accept_ranges_when_true_should_respond_to_range_request(app) -> None:
    """.sendFile(path, options) > with "acceptRanges" option > when true > should respond to range request"""
    rv = serve(app, send({"accept_ranges": True}, "nums.txt"), headers={"Range": "bytes=0-4"})
    assert (rv.status_code, rv.data) == (206, b"12345")


def test_sendfile_accept_ranges_when_false_should_not_advertise_accept_ranges(app) -> None:
    """.sendFile(path, options) > with "acceptRanges" option > when false > should not advertise accept-ranges"""
    rv = serve(app, send({"accept_ranges": False}, "nums.txt"))
    assert rv.status_code == 200
    assert "Accept-Ranges" not in rv.headers


def test_sendfile_accept_ranges_when_false_should_not_honor_range_requests(app) -> None:
    """.sendFile(path, options) > with "acceptRanges" option > when false > should not honor range requests"""
    rv = serve(app, send({"accept_ranges": False}, "nums.txt"), headers={"Range": "bytes=0-4"})
    assert (rv.status_code, rv.data) == (200, b"123456789")


def test_sendfile_cache_control_when_true_should_send_cache_control_header(app) -> None:
    """.sendFile(path, options) > with "cacheControl" option > when true > should send cache-control header
    (with max_age=0: without it, Flask's default)"""
    rv = serve(app, send({"cache_control": True, "max_age": 0}, "user.html"))
    assert rv.status_code == 200
    assert rv.headers["Cache-Control"] == "public, max-age=0"


def test_sendfile_cache_control_when_false_should_not_send_cache_control_header(app) -> None:
    """.sendFile(path, options) > with "cacheControl" option > when false > should not send cache-control header"""
    rv = serve(app, send({"cache_control": False}, "user.html"))
    assert rv.status_code == 200
    assert "Cache-Control" not in rv.headers


def test_sendfile_dotfiles_when_allow_should_allow_dotfiles(app) -> None:
    """.sendFile(path, options) > with "dotfiles" option > when "allow" > should allow dotfiles"""
    rv = serve(app, send({"dotfiles": "allow"}, ".name"))
    assert (rv.status_code, rv.data) == (200, b"tobi")


def test_sendfile_dotfiles_when_deny_should_deny_dotfiles(app) -> None:
    """.sendFile(path, options) > with "dotfiles" option > when "deny" > should deny dotfiles"""
    rv = serve(app, send({"dotfiles": "deny"}, ".name"))
    assert rv.status_code == 403
    assert b"Forbidden" in rv.data


def test_sendfile_dotfiles_when_ignore_should_ignore_dotfiles(app) -> None:
    """.sendFile(path, options) > with "dotfiles" option > when "ignore" > should ignore dotfiles"""
    rv = serve(app, send({"dotfiles": "ignore"}, ".name"))
    assert rv.status_code == 404
    assert b"Not Found" in rv.data


def test_sendfile_headers_should_set_headers_on_response(app) -> None:
    """.sendFile(path, options) > with "headers" option > should set headers on response"""
    rv = serve(app, send({"headers": {"X-Foo": "Bar", "X-Bar": "Foo"}}, "user.html"))
    assert rv.status_code == 200
    assert (rv.headers["X-Foo"], rv.headers["X-Bar"]) == ("Bar", "Foo")


def test_sendfile_headers_should_use_last_header_when_duplicated(app) -> None:
    """.sendFile(path, options) > with "headers" option > should use last header when duplicated"""
    rv = serve(app, send({"headers": {"X-Foo": "Bar", "x-foo": "bar"}}, "user.html"))
    assert rv.headers.getlist("X-Foo") == ["bar"]


def test_sendfile_headers_should_override_content_type(app) -> None:
    """.sendFile(path, options) > with "headers" option > should override Content-Type"""
    rv = serve(app, send({"headers": {"Content-Type": "text/x-custom"}}, "user.html"))
    assert rv.headers["Content-Type"] == "text/x-custom"


def test_sendfile_headers_should_not_set_headers_on_404(app) -> None:
    """.sendFile(path, options) > with "headers" option > should not set headers on 404"""
    rv = serve(app, send({"headers": {"X-Foo": "Bar"}}, "does-not-exist"))
    assert rv.status_code == 404
    assert "X-Foo" not in rv.headers


def test_sendfile_immutable_when_true_should_send_cache_control_header_with_immutable(app) -> None:
    """.sendFile(path, options) > with "immutable" option > when true > should send cache-control header with immutable"""
    rv = serve(app, send({"immutable": True}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=0, immutable"


def test_sendfile_immutable_when_false_should_not_send_cache_control_header_with_immutable(app) -> None:
    """.sendFile(path, options) > with "immutable" option > when false > should not send cache-control header
    with immutable (with max_age=0: without it, Flask's default)"""
    rv = serve(app, send({"immutable": False, "max_age": 0}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=0"


def test_sendfile_last_modified_when_true_should_send_last_modified_header(app) -> None:
    """.sendFile(path, options) > with "lastModified" option > when true > should send last-modified header"""
    rv = serve(app, send({"last_modified": None}, "user.html"))
    assert rv.status_code == 200
    assert "Last-Modified" in rv.headers


def test_sendfile_last_modified_when_true_should_conditionally_respond_with_if_modified_since(app) -> None:
    """.sendFile(path, options) > with "lastModified" option > when true > should conditionally respond
    with if-modified-since"""
    rv = serve(app, send({}, "user.html"), headers={"If-Modified-Since": http_date(time.time() + 99999)})
    assert rv.status_code == 304


def test_sendfile_last_modified_when_false_should_not_have_last_modified_header(app) -> None:
    """.sendFile(path, options) > with "lastModified" option > when false > should not have last-modified header"""
    rv = serve(app, send({"last_modified": False}, "user.html"))
    assert rv.status_code == 200
    assert "Last-Modified" not in rv.headers


def test_sendfile_last_modified_when_false_should_not_honor_if_modified_since(app) -> None:
    """.sendFile(path, options) > with "lastModified" option > when false > should not honor if-modified-since"""
    since = http_date(time.time() + 99999)
    rv = serve(app, send({"last_modified": False}, "user.html"), headers={"If-Modified-Since": since})
    assert rv.status_code == 200
    assert "Last-Modified" not in rv.headers


@pytest.mark.express_difference("a numeric max_age is seconds (Flask's unit), not milliseconds")
def test_sendfile_max_age_should_set_cache_control_max_age_to_milliseconds(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > should set cache-control max-age to milliseconds"""
    rv = serve(app, send({"max_age": 20}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=20"


def test_sendfile_max_age_should_cap_cache_control_max_age_to_1_year(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > should cap cache-control max-age to 1 year"""
    rv = serve(app, send({"max_age": 99999999999}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=31536000"


def test_sendfile_max_age_should_min_cache_control_max_age_to_0(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > should min cache-control max-age to 0"""
    rv = serve(app, send({"max_age": -20}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=0"


def test_sendfile_max_age_should_floor_cache_control_max_age(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > should floor cache-control max-age"""
    rv = serve(app, send({"max_age": 21.91123}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=21"


def test_sendfile_max_age_when_cache_control_false_should_not_send_cache_control(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > when cacheControl: false > should not send cache-control"""
    rv = serve(app, send({"cache_control": False, "max_age": 20}, "user.html"))
    assert rv.status_code == 200
    assert "Cache-Control" not in rv.headers


def test_sendfile_max_age_when_string_should_accept_plain_number_as_milliseconds(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > when string > should accept plain number as milliseconds"""
    rv = serve(app, send({"max_age": "20000"}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=20"


def test_sendfile_max_age_when_string_should_accept_suffix_s_for_seconds(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > when string > should accept suffix "s" for seconds"""
    rv = serve(app, send({"max_age": "20s"}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=20"


def test_sendfile_max_age_when_string_should_accept_suffix_m_for_minutes(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > when string > should accept suffix "m" for minutes"""
    rv = serve(app, send({"max_age": "20m"}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=1200"


def test_sendfile_max_age_when_string_should_accept_suffix_d_for_days(app) -> None:
    """.sendFile(path, options) > with "maxAge" option > when string > should accept suffix "d" for days"""
    rv = serve(app, send({"max_age": "20d"}, "user.html"))
    assert rv.headers["Cache-Control"] == "public, max-age=1728000"


def test_sendfile_root_should_allow_relative_path(app, fixtures) -> None:
    """.sendFile(path, options) > with "root" option > should allow relative path"""
    rv = serve(app, send({"root": str(fixtures)}, "name.txt"))
    assert (rv.status_code, rv.data) == (200, b"tobi")


def test_sendfile_root_should_allow_up_within_root(app, fixtures) -> None:
    """.sendFile(path, options) > with "root" option > should allow up within root"""
    rv = serve(app, send({"root": str(fixtures)}, "fake/../name.txt"))
    assert (rv.status_code, rv.data) == (200, b"tobi")


@pytest.mark.express_difference("404 rather than 403 outside root: the folder's existence is not revealed")
def test_sendfile_root_should_reject_up_outside_root(app, fixtures) -> None:
    """.sendFile(path, options) > with "root" option > should reject up outside root"""
    rv = serve(app, send({"root": str(fixtures)}, "../fixtures/name.txt"))
    assert rv.status_code == 404


@pytest.mark.express_difference("404 rather than 403 outside root: the folder's existence is not revealed")
def test_sendfile_root_should_reject_reading_outside_root(app, fixtures) -> None:
    """.sendFile(path, options) > with "root" option > should reject reading outside root"""
    rv = serve(app, send({"root": str(fixtures)}, "../name.txt"))
    assert rv.status_code == 404
