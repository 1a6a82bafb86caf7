"""Express ``test/res.sendStatus.js``."""

from __future__ import annotations

import pytest

from spec_support import serve


def test_sendstatus_should_send_the_status_code_and_message_as_body(app) -> None:
    """.sendStatus(statusCode) > should send the status code and message as body"""
    rv = serve(app, lambda req, res: res.sendStatus(201))
    assert (rv.status_code, rv.data) == (201, b"Created")


def test_sendstatus_should_work_with_unknown_code(app) -> None:
    """.sendStatus(statusCode) > should work with unknown code"""
    rv = serve(app, lambda req, res: res.sendStatus(599))
    assert (rv.status_code, rv.data) == (599, b"599")


def test_sendstatus_should_raise_error_for_invalid_status_code(app) -> None:
    """.sendStatus(statusCode) > should raise error for invalid status code"""
    with pytest.raises(ValueError, match="Status code"):
        serve(app, lambda req, res: res.sendStatus(None).end())
