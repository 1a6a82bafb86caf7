"""Express ``test/res.vary.js`` (``add_vary``)."""

from __future__ import annotations

import pytest

from spec_support import serve


def test_vary_with_no_arguments_should_throw_error(app) -> None:
    """res.vary() > with no arguments > should throw error"""
    with pytest.raises(TypeError):
        serve(app, lambda req, res: res.add_vary().end())


def test_vary_with_an_empty_array_should_not_set_vary(app) -> None:
    """res.vary() > with an empty array > should not set Vary"""
    assert "Vary" not in serve(app, lambda req, res: res.add_vary([]).end()).headers


def test_vary_with_an_array_should_set_the_values(app) -> None:
    """res.vary() > with an array > should set the values"""
    rv = serve(app, lambda req, res: res.add_vary(["Accept", "Accept-Language", "Accept-Encoding"]).end())
    assert rv.headers["Vary"] == "Accept, Accept-Language, Accept-Encoding"


def test_vary_with_a_string_should_set_the_value(app) -> None:
    """res.vary() > with a string > should set the value"""
    assert serve(app, lambda req, res: res.add_vary("Accept").end()).headers["Vary"] == "Accept"


def test_vary_when_the_value_is_present_should_not_add_it_again(app) -> None:
    """res.vary() > when the value is present > should not add it again"""

    def view(req, res):
        for name in ("Accept", "Accept-Encoding", "Accept-Encoding", "Accept-Encoding", "Accept"):
            res.add_vary(name)
        res.end()

    assert serve(app, view).headers["Vary"] == "Accept, Accept-Encoding"
