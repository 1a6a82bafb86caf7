"""Express ``test/res.render.js``: the cases that apply to Flask's Jinja
templates (the app's ``templates`` folder).  The rest (view engines,
``views``, ``app.locals``/``res.locals``, callbacks): see NOT_APPLICABLE.md."""

from __future__ import annotations

import jinja2
import pytest

from spec_support import serve


@pytest.fixture
def templates(fixtures):
    folder = fixtures / "templates"
    folder.mkdir()
    (folder / "user.html").write_text("<p>{{user.name}}</p>")
    (folder / "broken.html").write_text("<p>{{ user.name | no_such_filter }}</p>")
    return folder


def test_render_name_when_an_error_occurs_should_next_err(app, templates) -> None:
    """.render(name) > when an error occurs > should next(err)"""

    @app.errorhandler(jinja2.TemplateError)
    def failed(error):
        return "got error: " + type(error).__name__, 500

    rv = serve(app, lambda req, res: res.render("broken.html"))
    assert (rv.status_code, rv.data) == (500, b"got error: TemplateAssertionError")


def test_render_name_option_should_render_the_template(app, templates) -> None:
    """.render(name, option) > should render the template"""
    rv = serve(app, lambda req, res: res.render("user.html", {"user": {"name": "tobi"}}))
    assert rv.data == b"<p>tobi</p>"
