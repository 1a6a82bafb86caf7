"""Express ``test/res.status.js`` (``set_status``)."""

from __future__ import annotations

import pytest

from spec_support import serve


def test_status_should_set_the_status_code_when_valid(app) -> None:
    """.status(code) > should set the status code when valid"""
    assert serve(app, lambda req, res: res.set_status(200).end()).status_code == 200


@pytest.mark.parametrize("code", [101, 201, 302, 403, 501, 700, 800, 900])
def test_status_accept_valid_ranges_should_set_the_response_status_code(app, code) -> None:
    """.status(code) > accept valid ranges > should set the response status code to <code>"""
    assert serve(app, lambda req, res: res.set_status(code).end()).status_code == code


@pytest.mark.parametrize(
    "title, code",
    [
        ("below 100", 99),
        ("above 999", 1000),
        ("non-integer", 200.5),
        ("null", None),
        ("string", "200"),
        ("NaN", float("nan")),
    ],
)
def test_status_invalid_status_codes_should_raise_error(app, title, code) -> None:
    """.status(code) > invalid status codes > should raise error for <title> status code"""
    with pytest.raises(ValueError, match=r"(?i)status code"):
        serve(app, lambda req, res: res.set_status(code).end())


def test_status_invalid_status_codes_should_raise_error_for_undefined_status_code(app) -> None:
    """.status(code) > invalid status codes > should raise error for undefined status code
    (Python: no argument)"""
    with pytest.raises(TypeError):
        serve(app, lambda req, res: res.set_status().end())
