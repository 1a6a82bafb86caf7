"""Express ``test/res.location.js`` (``set_location``)."""

from __future__ import annotations

import urllib.parse

import pytest

from spec_support import serve


def location(url):
    return lambda req, res: res.set_location(url).end()


def test_location_url_should_set_the_header(app) -> None:
    """.location(url) > should set the header"""
    assert serve(app, location("http://google.com/")).headers["Location"] == "http://google.com/"


def test_location_url_should_preserve_trailing_slashes_when_not_present(app) -> None:
    """.location(url) > should preserve trailing slashes when not present"""
    assert serve(app, location("http://google.com")).headers["Location"] == "http://google.com"


def test_location_url_should_encode_url(app) -> None:
    """.location(url) > should encode "url\""""
    rv = serve(app, location("https://google.com?q=\u2603 §10"))
    assert rv.headers["Location"] == "https://google.com?q=%E2%98%83%20%C2%A710"


def test_location_url_should_encode_data_uri(app) -> None:
    """.location(url) > should encode data uri"""
    rv = serve(app, location("data:text/javascript,export default () => { }"))
    assert rv.headers["Location"] == "data:text/javascript,export%20default%20()%20=%3E%20%7B%20%7D"


@pytest.mark.express_difference("a non-str location is a TypeError, not coerced with JavaScript's String()")
def test_location_url_should_consistently_handle_non_string_input_boolean(app) -> None:
    """.location(url) > should consistently handle non-string input: boolean"""
    with pytest.raises(TypeError):
        serve(app, location(True))


@pytest.mark.express_difference("a non-str location is a TypeError, not coerced with JavaScript's String()")
def test_location_url_should_consistently_handle_non_string_inputs_object(app) -> None:
    """.location(url) > should consistently handle non-string inputs: object"""
    with pytest.raises(TypeError):
        serve(app, location({}))


@pytest.mark.express_difference("a non-str location is a TypeError, not coerced with JavaScript's String()")
def test_location_url_should_consistently_handle_non_string_inputs_array(app) -> None:
    """.location(url) > should consistently handle non-string inputs: array"""
    with pytest.raises(TypeError):
        serve(app, location([]))


def test_location_url_should_consistently_handle_empty_string_input(app) -> None:
    """.location(url) > should consistently handle empty string input"""
    assert serve(app, location("")).headers["Location"] == ""


def requested_redirect(app, input_url, expected):
    """Express's ``testRequestedRedirect``: the query's URL is set as Location;
    the Location is *expected*, and its host is the input's host."""
    rv = serve(
        app, lambda req, res: res.set_location(req.query.q).end(), "/?q=" + urllib.parse.quote(input_url, safe="")
    )
    assert (rv.status_code, rv.data) == (200, b"")
    assert rv.headers["Location"] == expected
    assert urllib.parse.urlsplit(expected).hostname == urllib.parse.urlsplit(input_url).hostname


BACKSLASH = pytest.mark.express_difference(
    "werkzeug's Location encoding writes a backslash as %5C (and a scheme in lower case); Python's urlsplit reads the same host"
    " (after the @) in the URL given and in the Location sent, so an allow list checked with it holds"
)

#: title -> (input, Express's Location); the cases where werkzeug writes ``\`` as ``%5C`` are marked.
LOCATION_HEADER_ENCODING = [
    ('should not touch already-encoded sequences in "url"', "https://google.com?q=%A710", False),
    ("should consistently handle relative urls", "/foo/bar", False),
    (
        "should not encode urls in such a way that they can bypass redirect allow lists",
        "http://google.com\\@apple.com",
        True,
    ),
    ("should not be case sensitive", "HTTP://google.com\\@apple.com", True),  # werkzeug also lowercases the scheme
    ("should work with https", "https://google.com\\@apple.com", True),
    ("should correctly encode schemaless paths", "//google.com\\@apple.com/", True),
    ("should keep backslashes in the path", "https://google.com/foo\\bar\\baz", True),
    ("should escape header splitting for old node versions", "http://google.com\\@apple.com/%0d%0afoo:%20bar", True),
    ("should encode unicode correctly", "/%e2%98%83", False),
    ("should encode unicode correctly even with a bad host", "http://google.com\\@apple.com/%e2%98%83", True),
    ("should work correctly despite using deprecated url.parse", "https://google.com'.bb.com/1.html", False),
    ("should encode file uri path", "file:///etc\\passwd", True),
]


@pytest.mark.parametrize(
    ("title", "url", "backslash"),
    [pytest.param(*case, id=case[0], marks=[BACKSLASH] if case[2] else []) for case in LOCATION_HEADER_ENCODING],
)
def test_location_header_encoding(app, title, url, backslash) -> None:
    """location header encoding > <title>: Express sends each of these URLs unchanged."""
    expected = url.replace("\\", "%5C").replace("HTTP:", "http:") if backslash else url
    requested_redirect(app, url, expected)
