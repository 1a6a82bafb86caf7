"""Fixtures of the ported Express tests: Express's fixture files, and an app rooted there."""

from __future__ import annotations

import pytest

from express_support import make_app
from spec_support import FIXTURES


@pytest.fixture
def fixtures(tmp_path):
    """A folder with Express's fixture files; the app's root."""
    for name, data in FIXTURES.items():
        path = tmp_path / "fixtures" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return tmp_path / "fixtures"


@pytest.fixture
def app(backend, fixtures):
    """An Express ``App`` on the test's core, rooted at the fixtures folder."""
    return make_app(backend, fixtures)
