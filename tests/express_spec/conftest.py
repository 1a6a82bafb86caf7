"""Express's own ``test/res.*.js`` ported to the facade, one test per ``it(...)``.

Each module is named after Express's file (``res.send.js`` ->
``test_res_send.py``); each test after its ``describe``/``it`` titles, which
its docstring quotes.  Tests marked ``express_difference`` pin a behaviour
fastres keeps on purpose (a Flask or werkzeug convention); the README's
Express differences table lists them.  ``NOT_APPLICABLE.md`` lists the cases
that cannot apply to a Flask facade, with the reason.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "express_difference(reason): fastres keeps a Flask/werkzeug convention where Express differs"
    )
