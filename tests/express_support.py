"""Fixtures for the Express facade tests (a plugin that ``conftest.py`` registers).

``facade`` is :class:`fastres.express.Response` bound to the test's core;
``app`` is a :class:`fastres.express.App` whose ``res`` objects, and whose own
responses, run on that core.
"""

from __future__ import annotations

import flask
import pytest

from fastres import core, express

_facades: dict[str, type] = {}


def facade_for(backend) -> type:
    """``express.Response`` on *backend*'s core (one class per core).

    Off the live core it also subclasses ``backend.FlaskResponse``, so it is a
    subclass of the test app's ``response_class`` (as ``express.Response`` is
    of ``fastres.Response``) and Flask passes it through unconverted.
    """
    cls = _facades.get(backend.name)
    if cls is None:
        if backend.core is core.impl:
            cls = express.Response
        else:
            cls = type(
                "Response",
                (express.Response, backend.FlaskResponse),
                {"__module__": express.Response.__module__, "__qualname__": "Response"},
            )
            core.bind_core(cls, backend.core)
        _facades[backend.name] = cls
    return cls


@pytest.fixture
def facade(backend) -> type:
    return facade_for(backend)


def make_app(backend, root_path, **config) -> express.App:
    app = express.App("express_test_app", root_path=str(root_path))
    app.express_response_class = facade_for(backend)
    app.response_class = backend.FlaskResponse
    app.config.update(TESTING=True, SECRET_KEY="test secret", **config)
    return app


@pytest.fixture
def app(backend, tmp_path) -> express.App:
    return make_app(backend, tmp_path)


@pytest.fixture
def client(app) -> flask.testing.FlaskClient:
    return app.test_client()
