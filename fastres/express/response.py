"""The facade :class:`Response`: flask-express's ``Response`` API, Express.js's ``res``.

Header work goes straight to the core (``self._core``) on the response's
plain header list.
"""

from __future__ import annotations

import os
import re
import typing as t
import warnings
from collections.abc import Mapping

import flask
from markupsafe import escape
from werkzeug.datastructures import Headers
from werkzeug.exceptions import NotAcceptable
from werkzeug.http import HTTP_STATUS_CODES

from ..files import send_flask_file
from ..response import Response as _FastResponse
from ._context import _current_request, _request_ctx, _required_request
from ._files import _app_folder, _safe_file
from ._freshness import _is_fresh
from ._json import _dumps, _json_default
from ._mime import _HTML, _JAVASCRIPT, _JSON, _OCTET, _TEXT, _mime_for
from ._signing import sign_cookie

#: Headers that describe one body; a response that takes over another's body
#: (``send_file``, ``attachment``, ``make_response``) drops its own copies.
_REPRESENTATION_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "content-range",
        "content-encoding",
        "content-disposition",
        "content-md5",
        "transfer-encoding",
        "etag",
        "last-modified",
        "accept-ranges",
    }
)

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+").fullmatch
_JSONP_UNSAFE = re.compile(r"[^\[\]\w$.]", re.ASCII).sub
_TEMPLATE_NAME = re.compile(r"[\w\-./]+\.\w+").fullmatch


def _header_list(resp: t.Any) -> list[tuple[str, str]]:
    """The response's live header list: fastres's plain ``_hlist`` while there is
    one, else the ``_list`` of its ``Headers`` (a werkzeug-built response)."""
    hl = getattr(resp, "_hlist", None)
    if type(hl) is list:
        return hl
    return resp.headers._list  # type: ignore[no-any-return]


def _checked_code(core: t.Any, code: t.Any) -> int:
    """*code* as an int within 100-999, else ``ValueError``."""
    if type(code) is not int and (type(code) is bool or not isinstance(code, int)):
        raise ValueError(f"Status code must be an integer within 100-999, not {code!r}.")
    code = int(code)
    core.check_status_code(code)
    return code  # type: ignore[no-any-return]


class Response(_FastResponse):
    """A :class:`fastres.Response` with flask-express's and Express's ``res`` methods.

    The content type follows what you send (``send``, ``json``, ``type``, ...),
    so a bare ``Response()`` has no ``Content-Type`` until then.
    """

    default_mimetype = None

    #: Whether ``send``/``json``/``jsonp``/``render``/``sendStatus`` add a weak
    #: ``ETag`` to the body (Express's ``etag`` setting).  Class-wide here,
    #: per app with ``EXPRESS_ETAG``, per response by assigning it.
    auto_etag: bool = True

    #: ``set_cookie`` is written here (it returns the response); ``bind_core``
    #: must leave it alone when it binds the core's hot methods.
    _fastres_own_methods: t.ClassVar[frozenset[str]] = frozenset({"set_cookie"})

    # ------------------------------------------------------------ bodies

    def _conditional(self) -> Response:
        """Answer a fresh conditional GET/HEAD with 304 (Express's ``req.fresh``)."""
        ctx = _request_ctx(None)
        if ctx is not None:
            environ = ctx.request.environ
            if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
                if _is_fresh(self._core, environ, _header_list(self), self._status_code):
                    self._status, self._status_code = self._core.clean_status(304)
                    self.response = []
        return self

    def send(self, content: str | bytes | dict[t.Any, t.Any] | list[t.Any]) -> Response:
        """Send *content*: str as ``text/html``, bytes as ``application/octet-stream``,
        dict/list/tuple as JSON.  A ``Content-Type`` set earlier is kept.

        A str is sent as it is, even when it happens to be valid JSON.
        """
        tp = type(content)
        if tp is str:
            default_type = _HTML
        elif tp is bytes:
            default_type = _OCTET
        elif tp is dict or tp is list:
            return self.json(content)
        elif isinstance(content, str):
            content = str(content)
            default_type = _HTML
        elif isinstance(content, (bytes, bytearray, memoryview)):
            content = bytes(content)
            default_type = _OCTET
        elif isinstance(content, (dict, list, tuple)):
            return self.json(content)
        else:
            raise TypeError(
                f"send() takes str, bytes, dict or list, not {tp.__name__}; use"
                " set_status()/sendStatus() for a status code or json() for other JSON values."
            )
        self._core.response_send(self, content, default_type, self.auto_etag)
        ctx = _request_ctx(None)
        if ctx is None:
            return self
        return self._conditional()

    def json(self, *args: t.Any, **kwargs: t.Any) -> Response:
        """Send JSON (orjson, through the core): ``json(obj)``, ``json(a, b)`` (a list)
        or ``json(key=value)`` (an object).  A JSON ``Content-Type`` set earlier
        (``application/problem+json``, ...) is kept; anything else becomes
        ``application/json``.  Values orjson cannot encode raise ``TypeError``
        naming their type.

        This is a method on the facade only: parse a body with ``get_json()``.
        """
        if args and kwargs:
            raise TypeError("json() takes positional values or keyword arguments, not both.")
        if len(args) == 1:
            data = args[0]
        elif args:
            data = list(args)
        else:
            data = kwargs
        core = self._core
        try:
            body = core.json_dumps(data, _json_default)
        except TypeError:  # non-str keys, or a value JSON cannot encode (raised again)
            body = _dumps(core, data)
        core.response_send(self, body, _JSON, self.auto_etag, True)
        ctx = _request_ctx(None)
        if ctx is None:
            return self
        return self._conditional()

    def jsonp(self, obj: t.Any) -> Response:
        """JSON with JSONP support: with a callback in the query (``?callback=``, or
        the app's ``JSONP_CALLBACK_NAME``), the body calls it, guarded by ``/**/``
        and sent as ``text/javascript`` with ``X-Content-Type-Options: nosniff``.
        The callback keeps only ``[]``, ``$``, ``.`` and word characters.
        """
        core = self._core
        body = _dumps(core, obj)
        headers = _header_list(self)
        callback = None
        request = _current_request()
        if request is not None:
            name = flask.current_app.config.get("JSONP_CALLBACK_NAME") or "callback"
            callback = request.args.get(name)
        if callback:
            callback = _JSONP_UNSAFE("", callback)
        if callback:
            cb = callback.encode("ascii")
            body = body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
            body = b"/**/ typeof " + cb + b" === 'function' && " + cb + b"(" + body + b");"
            core.set_header(headers, "Content-Type", _JAVASCRIPT)
            core.set_header(headers, "X-Content-Type-Options", "nosniff")
        else:
            current = self._core.header_get(headers, "content-type")
            if current is None or not self._core.is_json_type(current):
                core.set_header(headers, "Content-Type", _JSON)
        core.response_send(self, body, None, self.auto_etag)
        return self._conditional()

    def render(self, template_or_raw: str, /, *contexts: Mapping[str, t.Any], **context: t.Any) -> Response:
        """Render a template and send it as HTML.

        A name that looks like a file (no spaces or markup, with an extension:
        ``"index.html"``, ``"mail/welcome.txt"``) renders that template from the
        app's loader; anything else renders as a template string, so only pass
        strings you trust.  Context dicts merge left to right, keywords last.
        """
        if not isinstance(template_or_raw, str):
            raise TypeError(f"render() needs a template name or string, not {type(template_or_raw).__name__}.")
        merged: dict[str, t.Any] = {}
        for extra in contexts:
            if not isinstance(extra, Mapping):
                raise TypeError(f"render() context must be a mapping, not {type(extra).__name__}.")
            merged.update(extra)
        merged.update(context)
        if _TEMPLATE_NAME(template_or_raw):
            html = flask.render_template(template_or_raw, **merged)
        else:
            html = flask.render_template_string(template_or_raw, **merged)
        self._core.response_send(self, html, _HTML, self.auto_etag)
        return self._conditional()

    def end(self, code: int | None = None) -> Response:
        """Finish with an empty body.  With an error *code* (400 and up) that
        Flask knows, raise that HTTP error so the app's error handlers run;
        other codes become this response's status."""
        if code is not None:
            code = _checked_code(self._core, code)
            if code >= 400:
                try:
                    flask.abort(code)
                except LookupError:
                    pass
            self.set_status(code)
        self.set_data(b"")
        return self

    # ------------------------------------------------------------ status

    def set_status(self, code: int) -> Response:
        """Set the status code (an int within 100-999, else ``ValueError``)."""
        if type(code) is not int or not 100 <= code <= 999:
            code = _checked_code(self._core, code)
        self._status, self._status_code = self._core.clean_status(code)
        return self

    def send_status(self, code: int) -> Response:
        """flask-express's name for :meth:`set_status`: set the status, send nothing yet."""
        return self.set_status(code)

    def sendStatus(self, code: int) -> Response:  # noqa: N802 - Express's name
        """Express's ``sendStatus``: set the status and send its reason phrase as text."""
        self.set_status(code)
        core = self._core
        core.set_header(_header_list(self), "Content-Type", _TEXT)
        phrase = HTTP_STATUS_CODES.get(self._status_code) or str(code)
        core.response_send(self, phrase, None, self.auto_etag)
        return self._conditional()

    # ----------------------------------------------------------- headers

    def set(self, field: t.Any, value: t.Any = None) -> Response:
        """Set a header (replacing it), or several from a mapping or ``Headers``.

        A list or tuple value sends one header line per item.
        """
        tv = type(value)
        if tv is str or tv is int:
            self._core.set_header(_header_list(self), field, value)
            return self
        if value is None:
            if isinstance(field, Headers):
                items: t.Iterable[tuple[str, t.Any]] = field.items()
            elif isinstance(field, Mapping):
                items = field.items()
            else:
                raise TypeError("set() needs a field and a value, or a mapping of them.")
            seen: set[str] = set()
            for name, item in items:
                if name.lower() in seen:  # Headers with repeated fields: keep them all
                    self.append(name, item)
                else:
                    seen.add(name.lower())
                    self._set_one(name, item)
            return self
        self._set_one(field, value)
        return self

    def _set_one(self, name: str, value: t.Any) -> None:
        headers = _header_list(self)
        core = self._core
        if isinstance(value, (list, tuple)):
            checked = [(name, core.header_value(name, item)) for item in value]
            lname = name.lower() if isinstance(name, str) else name
            headers[:] = [h for h in headers if h[0].lower() != lname]
            headers.extend(checked)
        else:
            core.set_header(headers, name, value)

    header = set

    def append(self, field: str, value: t.Any) -> Response:
        """Add a header line, keeping lines already there (a list adds one per item)."""
        headers = _header_list(self)
        core = self._core
        if isinstance(value, (list, tuple)):
            headers.extend([(field, core.header_value(field, item)) for item in value])
        else:
            headers.append((field, core.header_value(field, value)))
        return self

    def get(self, field: str) -> str | None:
        """The value of a response header (the first one), or ``None``."""
        return self._core.header_get(_header_list(self), field.lower())  # type: ignore[no-any-return]

    def type(self, value: str) -> Response:
        """Set ``Content-Type`` from an extension (``"json"``, ``".png"``) or a MIME type.

        Text types get ``; charset=utf-8``; an unknown extension gives
        ``application/octet-stream``.
        """
        if not isinstance(value, str):
            raise TypeError(f"type() needs a str, not {type(value).__name__}.")
        core = self._core
        content_type = value if ";" in value else core.content_type_for(_mime_for(value))
        core.set_header(_header_list(self), "Content-Type", content_type)
        return self

    contentType = type  # noqa: N815 - Express's name (``content_type`` is werkzeug's property)

    def set_location(self, url: str) -> Response:
        """Set ``Location`` (Express's ``res.location``).  ``"back"`` means the
        request's ``Referer``, or ``/``."""
        if not isinstance(url, str):
            raise TypeError(f"A location must be str, not {type(url).__name__}.")
        if url == "back":
            request = _current_request()
            url = (request.headers.get("Referer") if request is not None else None) or "/"
        self._core.set_header(_header_list(self), "Location", url)
        return self

    def add_vary(self, field: str | t.Iterable[str]) -> Response:
        """Add field names to ``Vary`` once each (Express's ``res.vary``)."""
        names = [field] if isinstance(field, str) else list(field)
        wanted = [part.strip(" \t") for name in names for part in name.split(",") if part.strip(" \t")]
        for name in wanted:
            if name != "*" and not _TOKEN(name):
                raise ValueError(f"Invalid Vary field name {name!r}.")
        headers = _header_list(self)
        current = self._core.header_get(headers, "vary")
        fields = [part.strip() for part in current.split(",") if part.strip()] if current else []
        if "*" in fields:
            return self
        if "*" in wanted:
            fields = ["*"]
        else:
            known = {name.lower() for name in fields}
            for name in wanted:
                if name.lower() not in known:
                    known.add(name.lower())
                    fields.append(name)
        if fields:
            self._core.set_header(headers, "Vary", ", ".join(fields))
        return self

    def links(self, links: Mapping[str, str]) -> Response:
        """Add ``Link`` relations: ``links({"next": url, "last": url})``."""
        parts = []
        for rel, url in links.items():
            if not isinstance(url, str) or "<" in url or ">" in url:
                raise ValueError(f"Invalid link target {url!r}.")
            if not isinstance(rel, str) or not rel or '"' in rel:
                raise ValueError(f"Invalid link relation {rel!r}.")
            parts.append(f'<{url}>; rel="{rel}"')
        if parts:
            headers = _header_list(self)
            current = self._core.header_get(headers, "link")
            value = ", ".join(parts) if not current else current + ", " + ", ".join(parts)
            self._core.set_header(headers, "Link", value)
        return self

    # ----------------------------------------------------------- cookies

    def set_cookie(  # type: ignore[override]
        self,
        key: str,
        value: str = "",
        max_age: t.Any = None,
        expires: t.Any = None,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = None,
        partitioned: bool = False,
    ) -> Response:
        """werkzeug's ``set_cookie``, returning the response so calls chain."""
        self._core.response_set_cookie(
            self, key, value, max_age, expires, path, domain, secure, httponly, samesite, partitioned
        )
        return self

    def clear_cookie(
        self,
        key: str,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = None,
        partitioned: bool = False,
    ) -> Response:
        """Expire a cookie (werkzeug's ``delete_cookie``), returning the response."""
        self.delete_cookie(key, path, domain, secure, httponly, samesite, partitioned)
        return self

    clearCookie = clear_cookie  # noqa: N815 - Express's name

    def cookie(self, name: str, value: str = "", signed: bool = False, **options: t.Any) -> Response:
        """Express's ``res.cookie``: :meth:`set_cookie` with werkzeug's keyword options,
        and ``signed=True`` to sign the value with the app's ``SECRET_KEY``
        (read it back with ``req.signed_cookie(name)``)."""
        if signed:
            value = sign_cookie(value)
        return self.set_cookie(name, value, **options)

    # ------------------------------------------------------- navigation

    def redirect(self, route: str, code: int | None = None) -> Response:
        """Redirect to *route* (``"back"``: the ``Referer``).  Headers and cookies
        set earlier stay; the status is *code*, else a 3xx set earlier, else 302."""
        core = self._core
        if code is None:
            code = self._status_code
            if not 300 <= code < 400:
                code = 302
        else:
            code = _checked_code(core, code)
            if not 300 <= code < 400:
                raise ValueError(f"A redirect needs a 3xx status code, not {code}.")
        if type(route) is not str:
            if not isinstance(route, str):
                raise TypeError(f"A location must be str, not {type(route).__name__}.")
            route = str(route)
        if route == "back":
            request = _current_request()
            route = (request.headers.get("Referer") if request is not None else None) or "/"
        headers = _header_list(self)
        core.set_header(headers, "Location", route)
        core.set_header(headers, "Content-Type", _HTML)
        self._status, self._status_code = core.clean_status(code)
        target = escape(route)
        core.response_send(self, f'<!doctype html>\n<p>Redirecting to <a href="{target}">{target}</a>.</p>\n')
        return self

    # ------------------------------------------------------------- files

    def _adopt(self, other: t.Any, keep_status: bool) -> Response:
        """Take over *other*'s status, body and headers, keeping this response's
        own headers (cookies, custom fields) except those describing a body.
        *other*'s headers are validated on the way in (a ``Headers`` it was
        given was never checked)."""
        theirs = self._core.header_list(_header_list(other))
        names = {name.lower() for name, _ in theirs}
        merged = list(theirs)
        for name, value in _header_list(self):
            lname = name.lower()
            if lname in _REPRESENTATION_HEADERS:
                continue
            if lname == "set-cookie" or lname not in names:
                merged.append((name, value))
        status = self._status, self._status_code
        on_close = [*self._on_close, *getattr(other, "_on_close", ())]
        self._status, self._status_code = other._status, other._status_code
        self.response = other.response
        self.direct_passthrough = other.direct_passthrough
        _header_list(self)[:] = merged
        if on_close:
            self._on_close = on_close
        if keep_status and status[1] != 200 and self._status_code == 200:
            self._status, self._status_code = status
        return self

    def send_file(
        self,
        path_or_file: t.Any,
        mimetype: str | None = None,
        as_attachment: bool = False,
        download_name: str | None = None,
        conditional: bool = True,
        etag: bool | str = True,
        last_modified: t.Any = None,
        max_age: t.Any = None,
        *,
        root: str | os.PathLike[str] | None = None,
        attachment_filename: str | None = None,
        add_etags: bool | None = None,
        cache_timeout: int | None = None,
    ) -> Response:
        """Send a file as Flask's ``send_file`` does (:func:`fastres.files.send_flask_file`:
        streamed; conditional and range requests answered), keeping headers
        and cookies set earlier.

        With *root*, *path_or_file* is a name inside that folder (relative to
        the app), and names escaping it (``..``, absolute, NUL, symlinks out)
        are a 404.  ``attachment_filename``, ``add_etags`` and ``cache_timeout``
        are the old spellings flask-express documents; they still work, with a
        ``DeprecationWarning``.
        """
        for old, new, given in (
            ("attachment_filename", "download_name", attachment_filename),
            ("add_etags", "etag", add_etags),
            ("cache_timeout", "max_age", cache_timeout),
        ):
            if given is not None:
                warnings.warn(f"'{old}' is deprecated; use '{new}'.", DeprecationWarning, stacklevel=2)
        if attachment_filename is not None:
            download_name = attachment_filename
        if add_etags is not None:
            etag = add_etags
        if cache_timeout is not None:
            max_age = cache_timeout
        if root is not None:
            path_or_file = _safe_file(_app_folder(root), path_or_file)
        file_response = send_flask_file(
            path_or_file,
            mimetype=mimetype,
            as_attachment=as_attachment,
            download_name=download_name,
            conditional=conditional,
            etag=etag,
            last_modified=last_modified,
            max_age=max_age,
        )
        return self._adopt(file_response, keep_status=True)

    sendFile = send_file  # noqa: N815 - Express's name

    def download(
        self,
        path: str | os.PathLike[str],
        filename: str | None = None,
        *,
        root: str | os.PathLike[str] | None = None,
        **options: t.Any,
    ) -> Response:
        """Send a file as an attachment (Express's ``res.download``), named *filename*.

        Pass untrusted names with *root*: they must stay inside that folder.
        """
        return self.send_file(path, as_attachment=True, download_name=filename, root=root, **options)

    def attachment(self, file_name: str, download_name: str | None = None) -> Response:
        """Send *file_name* from the app's ``ATTACHMENTS_FOLDER`` (default
        ``attachments`` beside the app) as an attachment.  Names escaping the
        folder are a 404 whose page shows no server path."""
        folder = flask.current_app.config.get("ATTACHMENTS_FOLDER") or "attachments"
        return self.send_file(file_name, as_attachment=True, download_name=download_name, root=folder)

    def make_response(
        self,
        response: t.Any = None,
        status: t.Any = None,
        headers: t.Any = None,
        mimetype: str | None = None,
        content_type: str | None = None,
        direct_passthrough: bool = False,
    ) -> Response:
        """Rebuild this response from werkzeug's constructor arguments, keeping the
        cookies and headers set earlier and, without *status*, the status."""
        if status is None:
            status = self._status
        if mimetype is None and content_type is None:
            if headers is None or "content-type" not in Headers(headers):
                mimetype = "text/html"
        other = type(self)(response, status, headers, mimetype, content_type, direct_passthrough)
        return self._adopt(other, keep_status=False)

    # ------------------------------------------------------- negotiation

    def format(self, handlers: Mapping[str, t.Any]) -> Response | t.Any:
        """Content negotiation on ``Accept`` (Express's ``res.format``).

        Keys are MIME types or extensions, plus an optional ``"default"``.  The
        best match sets ``Content-Type`` and its handler runs: a callable is
        called with no arguments (its return value, if not ``None``, is
        returned), anything else is passed to :meth:`send`.  ``Vary: Accept``
        is always added; with no match and no default, the response becomes a
        406 and ``NotAcceptable`` is raised with it.
        """
        request = _required_request("format()")
        self.add_vary("Accept")
        keys = [key for key in handlers if key != "default"]
        mimes = [_mime_for(key) for key in keys]
        accept = request.accept_mimetypes
        if not accept:
            best = mimes[0] if mimes else None
        else:
            best = accept.best_match(mimes)
        if best is not None:
            self.type(best)
            handler = handlers[keys[mimes.index(best)]]
        elif "default" in handlers:
            handler = handlers["default"]
        else:
            self.set_status(406)
            self._core.set_header(_header_list(self), "Content-Type", _TEXT)
            self.set_data("Not Acceptable. Available: " + ", ".join(mimes) + "\n")
            raise NotAcceptable(response=self)
        if callable(handler):
            rv = handler()
            return self if rv is None else rv
        return self.send(handler)

    # ------------------------------------------------------------- misc

    def flash(self, message: str, category: str = "info") -> Response:
        """Flash a message for the next request (Flask's ``flash``)."""
        flask.flash(message, category)
        return self
