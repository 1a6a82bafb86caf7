"""``send_file``: werkzeug's ``send_file``, with a fast path for the plain case.

werkzeug's ``send_file`` builds its response through a ``Headers`` object, the
``Cache-Control`` object, ``email.utils`` dates and ``make_conditional``,
which parses back the ``Last-Modified`` it has just written; the response class
is under a tenth of its time.  :func:`send_file` takes the same arguments and
gives the same response (status, header list, body; checked by differential
tests), building the header list in one go on the core, when the request and
the arguments are the common ones:

- a path (not a file object), no ``X-Sendfile``;
- no ``Range``, ``If-Range``, ``If-Match``, ``If-None-Match``,
  ``If-Modified-Since`` or ``If-Unmodified-Since`` in the request;
- ``etag`` ``True`` or ``False``, ``last_modified`` ``None``, ``max_age``
  ``None`` or an int (or a callable giving one);
- a printable-ASCII download name;
- a fastres response class whose ``__init__`` is the core's.

Anything else goes to :func:`werkzeug.utils.send_file` unchanged.
:func:`send_flask_file` is the same for ``flask.send_file``'s signature.
"""

from __future__ import annotations

import mimetypes
import os
import time
import typing as t
from zlib import adler32

import flask
from werkzeug.http import dump_options_header
from werkzeug.utils import send_file as _werkzeug_send_file
from werkzeug.wrappers import Response as _WerkzeugResponse
from werkzeug.wsgi import wrap_file

from . import wrappers

if t.TYPE_CHECKING:
    from datetime import datetime

    from _typeshed.wsgi import WSGIEnvironment

#: Request headers that make a response conditional or partial: werkzeug's path.
_CONDITIONAL_KEYS = (
    "HTTP_RANGE",
    "HTTP_IF_RANGE",
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)

_dispositions: dict[tuple[str, str], str] = {}


def _disposition(kind: str, name: str) -> str:
    """``Content-Disposition: <kind>; filename=<name>`` as werkzeug writes it, memoised."""
    value = _dispositions.get((kind, name))
    if value is None:
        value = dump_options_header(kind, {"filename": name})
        if len(_dispositions) < 256:
            _dispositions[kind, name] = value
    return value


def _plain_name(name: str) -> bool:
    """Printable ASCII: the only names whose header werkzeug writes without ``filename*``."""
    return name.isascii() and name.isprintable()


def send_file(
    path_or_file: os.PathLike[str] | str | t.IO[bytes],
    environ: WSGIEnvironment,
    mimetype: str | None = None,
    as_attachment: bool = False,
    download_name: str | None = None,
    conditional: bool = True,
    etag: bool | str = True,
    last_modified: datetime | float | None = None,
    max_age: int | t.Callable[[str | None], int | None] | None = None,
    use_x_sendfile: bool = False,
    response_class: type[_WerkzeugResponse] | None = None,
    _root_path: os.PathLike[str] | str | None = None,
) -> t.Any:
    """Send a file: :func:`werkzeug.utils.send_file`'s arguments and response.

    *response_class* defaults to :class:`fastres.wrappers.Response` (werkzeug's
    default is its own ``Response``; pass ``fastres.Response`` for Flask's).
    """
    if response_class is None:
        response_class = wrappers.Response
    if _plain_case(path_or_file, environ, conditional, etag, last_modified, max_age, use_x_sendfile, response_class):
        path = os.path.join(_root_path, path_or_file) if _root_path is not None else os.path.abspath(path_or_file)
        name = download_name if download_name is not None else os.path.basename(path)
        if _plain_name(name):
            # werkzeug's order: stat, open, then max_age(path), which is called once.
            stat = os.stat(path)
            file = open(path, "rb")  # noqa: SIM115 - the response closes it
            if callable(max_age):
                max_age = max_age(path)  # werkzeug below gets the result, not the callable
            if max_age is None or type(max_age) is int:
                return _plain_response(
                    response_class, environ, file, path, stat, name, mimetype, as_attachment, conditional, etag, max_age
                )
            file.close()
    return _werkzeug_send_file(
        path_or_file,
        environ,
        mimetype=mimetype,
        as_attachment=as_attachment,
        download_name=download_name,
        conditional=conditional,
        etag=etag,
        last_modified=last_modified,
        max_age=max_age,
        use_x_sendfile=use_x_sendfile,
        response_class=response_class,
        _root_path=_root_path,
    )


def _plain_case(
    path_or_file: t.Any,
    environ: WSGIEnvironment,
    conditional: bool,
    etag: bool | str,
    last_modified: t.Any,
    max_age: t.Any,
    use_x_sendfile: bool,
    response_class: type[_WerkzeugResponse],
) -> t.TypeGuard[os.PathLike[str] | str]:
    """Whether the request and arguments are the plain case (the module
    docstring's list, but for the download name)."""
    method = environ.get("REQUEST_METHOD")
    core = getattr(response_class, "_core", None)
    return not (
        not isinstance(path_or_file, (str, os.PathLike))
        or use_x_sendfile
        or last_modified is not None
        or not (etag is True or etag is False)
        or not (max_age is None or type(max_age) is int or callable(max_age))
        or type(method) is not str
        or (conditional and method in ("GET", "HEAD") and any(key in environ for key in _CONDITIONAL_KEYS))
        or core is None
        or getattr(response_class, "__init__", None) is not core.response_init
    )


def _plain_response(
    response_class: type[_WerkzeugResponse],
    environ: WSGIEnvironment,
    file: t.IO[bytes],
    path: str,
    stat: os.stat_result,
    name: str,
    mimetype: str | None,
    as_attachment: bool,
    conditional: bool,
    etag: bool | str,
    max_age: int | None,
) -> t.Any:
    """werkzeug's response for the plain case, its header list built in one go on the core."""
    core = response_class._core  # type: ignore[attr-defined]
    size, mtime = stat.st_size, stat.st_mtime
    headers: list[tuple[str, str]] = []
    if mimetype is None:
        mimetype, encoding = mimetypes.guess_type(name)
        if mimetype is None:
            mimetype = "application/octet-stream"
        if encoding is not None and not as_attachment:
            headers.append(("Content-Encoding", encoding))
    headers.append(("Content-Disposition", _disposition("attachment" if as_attachment else "inline", name)))
    http_date = core.http_date
    headers += [
        ("Content-Type", core.content_type_for(mimetype)),
        ("Content-Length", str(size)),
        ("Last-Modified", http_date(mtime)),
    ]
    if max_age is None:
        headers.append(("Cache-Control", "no-cache"))
    else:
        headers.append(
            ("Cache-Control", f"public, max-age={max_age}" if max_age > 0 else f"no-cache, max-age={max_age}")
        )
        headers.append(("Expires", http_date(int(time.time() + max_age))))
    if etag:
        headers.append(("ETag", f'"{mtime}-{size}-{adler32(path.encode()) & 0xFFFFFFFF}"'))
    if conditional and environ["REQUEST_METHOD"] in ("GET", "HEAD"):
        headers += [("Date", http_date()), ("Accept-Ranges", "bytes")]
    return response_class(wrap_file(environ, file), headers=headers, direct_passthrough=True)


def send_flask_file(
    path_or_file: os.PathLike[str] | str | t.IO[bytes],
    mimetype: str | None = None,
    as_attachment: bool = False,
    download_name: str | None = None,
    conditional: bool = True,
    etag: bool | str = True,
    last_modified: datetime | float | None = None,
    max_age: int | t.Callable[[str | None], int | None] | None = None,
) -> t.Any:
    """``flask.send_file`` on :func:`send_file`: the current request and app's
    response class, root path, ``USE_X_SENDFILE`` and ``get_send_file_max_age``."""
    app = flask.current_app
    return send_file(
        path_or_file,
        flask.request.environ,
        mimetype=mimetype,
        as_attachment=as_attachment,
        download_name=download_name,
        conditional=conditional,
        etag=etag,
        last_modified=last_modified,
        max_age=app.get_send_file_max_age if max_age is None else max_age,
        use_x_sendfile=app.config["USE_X_SENDFILE"],
        response_class=app.response_class,
        _root_path=app.root_path,
    )
