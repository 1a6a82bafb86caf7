"""Express ``test/res.links.js``."""

from __future__ import annotations

from spec_support import serve

PAGE = "http://api.example.com/users?page="


def test_links_should_set_link_header_field(app) -> None:
    """.links(obj) > should set Link header field"""
    rv = serve(app, lambda req, res: res.links({"next": PAGE + "2", "last": PAGE + "5"}).end())
    assert rv.headers["Link"] == f'<{PAGE}2>; rel="next", <{PAGE}5>; rel="last"'


def test_links_should_set_link_header_field_for_multiple_calls(app) -> None:
    """.links(obj) > should set Link header field for multiple calls"""
    rv = serve(
        app, lambda req, res: res.links({"next": PAGE + "2", "last": PAGE + "5"}).links({"prev": PAGE + "1"}).end()
    )
    assert rv.headers["Link"] == f'<{PAGE}2>; rel="next", <{PAGE}5>; rel="last", <{PAGE}1>; rel="prev"'


def test_links_should_set_multiple_links_for_single_rel(app) -> None:
    """.links(obj) > should set multiple links for single rel"""
    rv = serve(app, lambda req, res: res.links({"next": PAGE + "2", "last": [PAGE + "5", PAGE + "1"]}).end())
    assert rv.headers["Link"] == f'<{PAGE}2>; rel="next", <{PAGE}5>; rel="last", <{PAGE}1>; rel="last"'
