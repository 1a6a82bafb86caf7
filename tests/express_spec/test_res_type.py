"""Express ``test/res.type.js``."""

from __future__ import annotations

import pytest

from spec_support import serve


def typed(value):
    return lambda req, res: res.type(value).end()


def test_type_should_set_the_content_type_based_on_a_filename(app) -> None:
    """.type(str) > should set the Content-Type based on a filename"""
    assert serve(app, typed("foo.js")).headers["Content-Type"] == "text/javascript; charset=utf-8"


def test_type_should_default_to_application_octet_stream(app) -> None:
    """.type(str) > should default to application/octet-stream"""
    assert serve(app, typed("rawr")).headers["Content-Type"] == "application/octet-stream"


def test_type_should_set_the_content_type_with_type_subtype(app) -> None:
    """.type(str) > should set the Content-Type with type/subtype"""
    rv = serve(app, typed("application/vnd.amazon.ebook"))
    assert rv.headers["Content-Type"] == "application/vnd.amazon.ebook"


def test_type_edge_cases_should_handle_empty_string_gracefully(app) -> None:
    """.type(str) > edge cases > should handle empty string gracefully"""
    assert serve(app, typed("")).headers["Content-Type"] == "application/octet-stream"


@pytest.mark.express_difference("bare application/json, as Flask's jsonify")
def test_type_edge_cases_should_handle_file_extension_with_dots(app) -> None:
    """.type(str) > edge cases > should handle file extension with dots"""
    assert serve(app, typed(".json")).headers["Content-Type"] == "application/json"


def test_type_edge_cases_should_handle_multiple_file_extensions(app) -> None:
    """.type(str) > edge cases > should handle multiple file extensions"""
    assert serve(app, typed("file.tar.gz")).headers["Content-Type"] == "application/gzip"


@pytest.mark.express_difference("bare application/json, as Flask's jsonify")
def test_type_edge_cases_should_handle_uppercase_extensions(app) -> None:
    """.type(str) > edge cases > should handle uppercase extensions"""
    assert serve(app, typed("FILE.JSON")).headers["Content-Type"] == "application/json"


@pytest.mark.express_difference("bare application/json, as Flask's jsonify")
def test_type_edge_cases_should_handle_extension_with_special_characters(app) -> None:
    """.type(str) > edge cases > should handle extension with special characters"""
    assert serve(app, typed("file@test.json")).headers["Content-Type"] == "application/json"
