"""Express ``test/res.send.js``."""

from __future__ import annotations

import pytest

from spec_support import METHODS, serve

ETAG_999_DASHES = 'W/"3e7-qPnkJ3CVdVhFJQvUBfF10TmVA7g"'


def test_send_should_set_body_to_empty(app) -> None:
    """.send() > should set body to \"\""""
    rv = serve(app, lambda req, res: res.send())
    assert (rv.status_code, rv.data) == (200, b"")


def test_send_null_should_set_body_to_empty(app) -> None:
    """.send(null) > should set body to \"\""""
    rv = serve(app, lambda req, res: res.send(None))
    assert (rv.status_code, rv.data) == (200, b"")
    assert rv.headers["Content-Length"] == "0"


def test_send_undefined_should_set_body_to_empty(app) -> None:
    """.send(undefined) > should set body to \"\" (Python has no undefined: ``send()``)"""
    rv = serve(app, lambda req, res: res.send())
    assert (rv.status_code, rv.data) == (200, b"")
    assert "Content-Type" not in rv.headers


@pytest.mark.express_difference("bare application/json, as Flask's jsonify")
def test_send_number_should_send_as_application_json(app) -> None:
    """.send(Number) > should send as application/json"""
    rv = serve(app, lambda req, res: res.send(1000))
    assert rv.headers["Content-Type"] == "application/json"
    assert (rv.status_code, rv.data) == (200, b"1000")


def test_send_string_should_send_as_html(app) -> None:
    """.send(String) > should send as html"""
    rv = serve(app, lambda req, res: res.send("<p>hey</p>"))
    assert rv.headers["Content-Type"] == "text/html; charset=utf-8"
    assert (rv.status_code, rv.data) == (200, b"<p>hey</p>")


def test_send_string_should_set_etag(app) -> None:
    """.send(String) > should set ETag"""
    rv = serve(app, lambda req, res: res.send("-" * 999))
    assert rv.headers["ETag"] == ETAG_999_DASHES


def test_send_string_should_not_override_content_type(app) -> None:
    """.send(String) > should not override Content-Type"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/plain").send("hey"))
    assert rv.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert rv.data == b"hey"


def test_send_string_should_override_charset_in_content_type(app) -> None:
    """.send(String) > should override charset in Content-Type"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/plain; charset=iso-8859-1").send("hey"))
    assert rv.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert rv.data == b"hey"


def test_send_string_should_preserve_existing_parameters_when_adding_charset(app) -> None:
    """.send(String) > should preserve existing parameters when adding charset"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/plain; foo=bar").send("hey"))
    assert rv.headers["Content-Type"] == "text/plain; foo=bar; charset=utf-8"
    assert rv.data == b"hey"


def test_send_string_should_not_throw_on_a_content_type_that_fails_to_parse(app) -> None:
    """.send(String) > should not throw on a Content-Type that fails to parse"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/plain; foo").send("hey"))
    assert rv.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert (rv.status_code, rv.data) == (200, b"hey")


def test_send_string_should_keep_charset_in_content_type_for_buffers(app) -> None:
    """.send(String) > should keep charset in Content-Type for Buffers"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/plain; charset=iso-8859-1").send(b"hi"))
    assert rv.headers["Content-Type"] == "text/plain; charset=iso-8859-1"
    assert rv.data == b"hi"


def test_send_buffer_should_send_as_octet_stream(app) -> None:
    """.send(Buffer) > should send as octet-stream"""
    rv = serve(app, lambda req, res: res.send(b"hello"))
    assert rv.status_code == 200
    assert rv.headers["Content-Type"] == "application/octet-stream"
    assert rv.data == b"hello"


def test_send_buffer_should_set_etag(app) -> None:
    """.send(Buffer) > should set ETag"""
    rv = serve(app, lambda req, res: res.send(b"-" * 999))
    assert rv.headers["ETag"] == ETAG_999_DASHES


def test_send_buffer_should_not_override_content_type(app) -> None:
    """.send(Buffer) > should not override Content-Type"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/plain").send(b"hey"))
    assert rv.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert rv.data == b"hey"


def test_send_buffer_should_accept_uint8array(app) -> None:
    """.send(Buffer) > should accept Uint8Array (Python: bytearray and memoryview)"""
    rv = serve(app, lambda req, res: res.set("Content-Type", "text/plain").send(memoryview(bytearray(b"hey"))))
    assert rv.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert rv.data == b"hey"


def test_send_buffer_should_not_override_etag(app) -> None:
    """.send(Buffer) > should not override ETag"""
    rv = serve(app, lambda req, res: res.type("text/plain").set("ETag", '"foo"').send(b"hey"))
    assert rv.headers["ETag"] == '"foo"'
    assert rv.data == b"hey"


@pytest.mark.express_difference("bare application/json, as Flask's jsonify")
def test_send_object_should_send_as_application_json(app) -> None:
    """.send(Object) > should send as application/json"""
    rv = serve(app, lambda req, res: res.send({"name": "tobi"}))
    assert rv.headers["Content-Type"] == "application/json"
    assert rv.data == b'{"name":"tobi"}'


def test_when_the_request_method_is_head_should_ignore_the_body(app) -> None:
    """when the request method is HEAD > should ignore the body"""
    rv = serve(app, lambda req, res: res.send("yay"), method="HEAD")
    assert rv.status_code == 200
    assert rv.data == b""


def test_when_statuscode_is_204_should_strip_content_fields_transfer_encoding_and_body(app) -> None:
    """when .statusCode is 204 > should strip Content-* fields, Transfer-Encoding field, and body"""
    rv = serve(app, lambda req, res: res.set_status(204).set("Transfer-Encoding", "chunked").send("foo"))
    for name in ("Content-Type", "Content-Length", "Transfer-Encoding"):
        assert name not in rv.headers
    assert (rv.status_code, rv.data) == (204, b"")


def test_when_statuscode_is_205_should_strip_transfer_encoding_and_body_set_content_length(app) -> None:
    """when .statusCode is 205 > should strip Transfer-Encoding field and body, set Content-Length"""
    rv = serve(app, lambda req, res: res.set_status(205).set("Transfer-Encoding", "chunked").send("foo"))
    assert "Transfer-Encoding" not in rv.headers
    assert rv.headers["Content-Length"] == "0"
    assert (rv.status_code, rv.data) == (205, b"")


def test_when_statuscode_is_304_should_strip_content_fields_transfer_encoding_and_body(app) -> None:
    """when .statusCode is 304 > should strip Content-* fields, Transfer-Encoding field, and body"""
    rv = serve(app, lambda req, res: res.set_status(304).set("Transfer-Encoding", "chunked").send("foo"))
    for name in ("Content-Type", "Content-Length", "Transfer-Encoding"):
        assert name not in rv.headers
    assert (rv.status_code, rv.data) == (304, b"")


def test_should_always_check_regardless_of_length(app) -> None:
    """should always check regardless of length"""
    rv = serve(app, lambda req, res: res.set("ETag", '"asdf"').send("hey"), headers={"If-None-Match": '"asdf"'})
    assert rv.status_code == 304


def test_should_respond_with_304_not_modified_when_fresh(app) -> None:
    """should respond with 304 Not Modified when fresh"""
    rv = serve(app, lambda req, res: res.set("ETag", '"asdf"').send("-" * 999), headers={"If-None-Match": '"asdf"'})
    assert rv.status_code == 304


def test_should_not_perform_freshness_check_unless_2xx_or_304(app) -> None:
    """should not perform freshness check unless 2xx or 304"""

    def view(req, res):
        res.set_status(500)
        res.set("ETag", '"asdf"')
        res.send("hey")

    rv = serve(app, view, headers={"If-None-Match": '"asdf"'})
    assert (rv.status_code, rv.data) == (500, b"hey")


def test_should_not_support_jsonp_callbacks(app) -> None:
    """should not support jsonp callbacks"""
    rv = serve(app, lambda req, res: res.send({"foo": "bar"}), "/?callback=foo")
    assert rv.data == b'{"foo":"bar"}'


def test_should_be_chainable(app) -> None:
    """should be chainable"""
    seen = []

    def view(req, res):
        seen.append(res.send("hey") is res)

    rv = serve(app, view)
    assert seen == [True]
    assert (rv.status_code, rv.data) == (200, b"hey")


def test_etag_setting_when_enabled_should_send_etag(app) -> None:
    """ "etag" setting > when enabled > should send ETag"""
    app.config["EXPRESS_ETAG"] = True
    rv = serve(app, lambda req, res: res.send("kajdslfkasdf"))
    assert rv.headers["ETag"] == 'W/"c-IgR/L5SF7CJQff4wxKGF/vfPuZ0"'


@pytest.mark.parametrize("method", METHODS)
def test_etag_setting_when_enabled_should_send_etag_in_response_to_method_request(app, method) -> None:
    """ "etag" setting > when enabled > should send ETag in response to <METHOD> request"""
    rv = serve(app, lambda req, res: res.send("kajdslfkasdf"), method=method)
    assert rv.headers["ETag"] == 'W/"c-IgR/L5SF7CJQff4wxKGF/vfPuZ0"'
    assert rv.status_code == 200


def test_etag_setting_when_enabled_should_send_etag_for_empty_string_response(app) -> None:
    """ "etag" setting > when enabled > should send ETag for empty string response"""
    rv = serve(app, lambda req, res: res.send(""))
    assert rv.headers["ETag"] == 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"'


def test_etag_setting_when_enabled_should_send_etag_for_long_response(app) -> None:
    """ "etag" setting > when enabled > should send ETag for long response"""
    rv = serve(app, lambda req, res: res.send("-" * 999))
    assert rv.headers["ETag"] == ETAG_999_DASHES


def test_etag_setting_when_enabled_should_not_override_etag_when_manually_set(app) -> None:
    """ "etag" setting > when enabled > should not override ETag when manually set"""
    rv = serve(app, lambda req, res: res.set("etag", '"asdf"').send("hello!"))
    assert rv.headers["ETag"] == '"asdf"'


def test_etag_setting_when_enabled_should_not_send_etag_for_res_send(app) -> None:
    """ "etag" setting > when enabled > should not send ETag for res.send()"""
    rv = serve(app, lambda req, res: res.send())
    assert "ETag" not in rv.headers
    assert rv.status_code == 200


def test_etag_setting_when_disabled_should_send_no_etag(app) -> None:
    """ "etag" setting > when disabled > should send no ETag"""
    app.config["EXPRESS_ETAG"] = False
    rv = serve(app, lambda req, res: res.send("-" * 999))
    assert "ETag" not in rv.headers


def test_etag_setting_when_disabled_should_send_etag_when_manually_set(app) -> None:
    """ "etag" setting > when disabled > should send ETag when manually set"""
    app.config["EXPRESS_ETAG"] = False
    rv = serve(app, lambda req, res: res.set("etag", '"asdf"').send("hello!"))
    assert rv.headers["ETag"] == '"asdf"'


def test_etag_setting_when_strong_should_send_strong_etag(app) -> None:
    """ "etag" setting > when "strong" > should send strong ETag"""
    app.config["EXPRESS_ETAG"] = "strong"
    rv = serve(app, lambda req, res: res.send("hello, world!"))
    assert rv.headers["ETag"] == '"d-HwnTDHB9U/PRbFMN1z1wps51lqk"'


def test_etag_setting_when_weak_should_send_weak_etag(app) -> None:
    """ "etag" setting > when "weak" > should send weak ETag"""
    app.config["EXPRESS_ETAG"] = "weak"
    rv = serve(app, lambda req, res: res.send("hello, world!"))
    assert rv.headers["ETag"] == 'W/"d-HwnTDHB9U/PRbFMN1z1wps51lqk"'


def test_etag_setting_when_a_function_should_send_custom_etag(app) -> None:
    """ "etag" setting > when a function > should send custom ETag"""
    bodies = []

    def etag(body, encoding):
        bodies.append(body)
        return '"custom"'

    app.config["EXPRESS_ETAG"] = etag
    rv = serve(app, lambda req, res: res.send("hello, world!"))
    assert rv.headers["ETag"] == '"custom"'
    assert bodies == [b"hello, world!"]


def test_etag_setting_when_a_function_should_not_send_falsy_etag(app) -> None:
    """ "etag" setting > when a function > should not send falsy ETag"""
    app.config["EXPRESS_ETAG"] = lambda body, encoding: None
    rv = serve(app, lambda req, res: res.send("hello, world!"))
    assert "ETag" not in rv.headers
