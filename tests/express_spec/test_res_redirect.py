"""Express ``test/res.redirect.js``."""

from __future__ import annotations

from spec_support import serve


def redirect(*args):
    return lambda req, res: res.redirect(*args)


def test_redirect_url_should_default_to_a_302_redirect(app) -> None:
    """.redirect(url) > should default to a 302 redirect"""
    rv = serve(app, redirect("http://google.com"))
    assert rv.status_code == 302
    assert rv.headers["Location"] == "http://google.com"


def test_redirect_url_should_encode_url(app) -> None:
    """.redirect(url) > should encode "url\""""
    rv = serve(app, redirect("https://google.com?q=\u2603 §10"))
    assert rv.headers["Location"] == "https://google.com?q=%E2%98%83%20%C2%A710"
    assert rv.status_code == 302


def test_redirect_url_should_not_touch_already_encoded_sequences_in_url(app) -> None:
    """.redirect(url) > should not touch already-encoded sequences in "url\""""
    rv = serve(app, redirect("https://google.com?q=%A710"))
    assert rv.headers["Location"] == "https://google.com?q=%A710"
    assert rv.status_code == 302


def test_redirect_status_url_should_set_the_response_status(app) -> None:
    """.redirect(status, url) > should set the response status"""
    rv = serve(app, redirect(303, "http://google.com"))
    assert rv.headers["Location"] == "http://google.com"
    assert rv.status_code == 303


def test_when_the_request_method_is_head_should_ignore_the_body(app) -> None:
    """when the request method is HEAD > should ignore the body"""
    rv = serve(app, redirect("http://google.com"), method="HEAD")
    assert rv.status_code == 302
    assert rv.headers["Location"] == "http://google.com"
    assert rv.data == b""


def test_when_accepting_html_should_respond_with_html(app) -> None:
    """when accepting html > should respond with html"""
    rv = serve(app, redirect("http://google.com"), headers={"Accept": "text/html"})
    assert "html" in rv.headers["Content-Type"]
    assert rv.headers["Location"] == "http://google.com"
    assert rv.status_code == 302
    assert rv.data == (
        b"<!DOCTYPE html><head><title>Found</title></head><body><p>Found. Redirecting to http://google.com</p></body>"
    )


def test_when_accepting_html_should_escape_the_url(app) -> None:
    """when accepting html > should escape the url"""
    rv = serve(app, redirect("<la'me>"), headers={"Accept": "text/html"})
    assert "html" in rv.headers["Content-Type"]
    assert rv.headers["Location"] == "%3Cla'me%3E"
    assert rv.data == (
        b"<!DOCTYPE html><head><title>Found</title></head><body><p>Found. Redirecting to %3Cla&#39;me%3E</p></body>"
    )


def test_when_accepting_html_should_not_render_evil_javascript_links_in_anchor_href_prevent_xss(app) -> None:
    """when accepting html > should not render evil javascript links in anchor href (prevent XSS)"""
    xss = "javascript:eval(document.body.innerHTML=`<p>XSS</p>`);"
    rv = serve(app, redirect(xss), headers={"Accept": "text/html"})
    encoded = "javascript:eval(document.body.innerHTML=%60%3Cp%3EXSS%3C/p%3E%60);"
    assert rv.headers["Location"] == encoded
    assert rv.data == (
        b"<!DOCTYPE html><head><title>Found</title></head><body><p>Found. Redirecting to "
        + encoded.encode()
        + b"</p></body>"
    )


def test_when_accepting_html_should_include_the_redirect_type(app) -> None:
    """when accepting html > should include the redirect type"""
    rv = serve(app, redirect(301, "http://google.com"), headers={"Accept": "text/html"})
    assert "html" in rv.headers["Content-Type"]
    assert rv.headers["Location"] == "http://google.com"
    assert rv.status_code == 301
    assert rv.data == (
        b"<!DOCTYPE html><head><title>Moved Permanently</title></head>"
        b"<body><p>Moved Permanently. Redirecting to http://google.com</p></body>"
    )


def test_when_accepting_text_should_respond_with_text(app) -> None:
    """when accepting text > should respond with text"""
    rv = serve(app, redirect("http://google.com"), headers={"Accept": "text/plain, */*"})
    assert "plain" in rv.headers["Content-Type"]
    assert rv.headers["Location"] == "http://google.com"
    assert (rv.status_code, rv.data) == (302, b"Found. Redirecting to http://google.com")


def test_when_accepting_text_should_encode_the_url(app) -> None:
    """when accepting text > should encode the url"""
    url = 'http://example.com/?param=<script>alert("hax");</script>'
    rv = serve(app, redirect(url), headers={"Accept": "text/plain, */*"})
    assert "plain" in rv.headers["Content-Type"]
    encoded = "http://example.com/?param=%3Cscript%3Ealert(%22hax%22);%3C/script%3E"
    assert rv.headers["Location"] == encoded
    assert (rv.status_code, rv.data) == (302, b"Found. Redirecting to " + encoded.encode())


def test_when_accepting_text_should_include_the_redirect_type(app) -> None:
    """when accepting text > should include the redirect type"""
    rv = serve(app, redirect(301, "http://google.com"), headers={"Accept": "text/plain, */*"})
    assert "plain" in rv.headers["Content-Type"]
    assert rv.headers["Location"] == "http://google.com"
    assert (rv.status_code, rv.data) == (301, b"Moved Permanently. Redirecting to http://google.com")


def test_when_accepting_neither_text_or_html_should_respond_with_an_empty_body(app) -> None:
    """when accepting neither text or html > should respond with an empty body"""
    rv = serve(app, redirect("http://google.com"), headers={"Accept": "application/octet-stream"})
    assert rv.status_code == 302
    assert rv.headers["Location"] == "http://google.com"
    assert rv.headers["Content-Length"] == "0"
    assert "Content-Type" not in rv.headers
    assert rv.data == b""
