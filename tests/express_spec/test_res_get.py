"""Express ``test/res.get.js``."""

from __future__ import annotations

from spec_support import serve


def test_get_field_should_get_the_response_header_field(app) -> None:
    """.get(field) > should get the response header field"""

    def view(req, res):
        res.headers["Content-Type"] = "text/x-foo"  # Node's setHeader: the raw header
        return res.send(res.get("Content-Type"))

    rv = serve(app, view)
    assert (rv.status_code, rv.data) == (200, b"text/x-foo")
