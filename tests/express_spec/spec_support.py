"""Express's own ``test/res.*.js`` ported to the facade, one test per ``it(...)``.

Each module is named after Express's file (``res.send.js`` ->
``test_res_send.py``), each test after its ``describe``/``it`` titles, which
its docstring quotes.  Tests marked ``express_difference`` pin a behaviour
fastres keeps on purpose (a Flask or werkzeug convention); the README's
Express differences table lists them.  ``NOT_APPLICABLE.md`` lists the cases
not ported, with the reason.

This module holds the helpers: Express's fixture files (``conftest.py`` here
writes them for the ``app`` fixture), and one ``(req, res)`` view per test
served through Flask's test client.
"""

from __future__ import annotations

import typing as t

#: Express's ``test/fixtures`` files these tests read (same names and bytes).
FIXTURES = {
    "name.txt": b"tobi",
    "% of dogs.txt": b"20%",
    ".name": b"tobi",
    "nums.txt": b"123456789",
    "user.html": b"<p>{{user.name}}</p>",
    "empty.txt": b"",
    "blog/index.html": b"<h1>blog</h1>",
}

#: Node's ``http.METHODS`` without CONNECT: Express's ``methods`` list.
METHODS = (
    "ACL BIND CHECKOUT COPY DELETE GET HEAD LINK LOCK M-SEARCH MERGE MKACTIVITY MKCALENDAR MKCOL MOVE"
    " NOTIFY OPTIONS PATCH POST PROPFIND PROPPATCH PURGE PUT QUERY REBIND REPORT SEARCH SOURCE"
    " SUBSCRIBE TRACE UNBIND UNLINK UNLOCK UNSUBSCRIBE"
).split()


def serve(app: t.Any, view: t.Callable[..., t.Any], url: str = "/", method: str = "GET", **kwargs: t.Any) -> t.Any:
    """Route *view* at ``/`` for *method* and answer one request for *url*."""
    app.route("/", methods=[method])(view)
    return app.test_client().open(url, method=method, **kwargs)


def again(app: t.Any, url: str = "/", method: str = "GET", **kwargs: t.Any) -> t.Any:
    """Another request to the app :func:`serve` set up."""
    return app.test_client().open(url, method=method, **kwargs)


class Record:
    """A value JSON cannot express: the app's ``app.json.default`` decides how it is written."""

    def __init__(self, **fields: object) -> None:
        self.__dict__.update(fields)


def public_fields(o: object) -> object:
    """A ``default`` doing what Express's replacer does here, for :class:`Record` only."""
    if isinstance(o, Record):
        return {key: value for key, value in vars(o).items() if not key.startswith("_")}
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")
