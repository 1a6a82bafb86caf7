"""The facade :class:`Response`: flask-express's ``Response`` API, Express.js's ``res``.

Header work goes straight to the core (``self._core``) on the response's
plain header list.
"""

from __future__ import annotations

import mimetypes
import os
import re
import typing as t
import warnings
from collections.abc import Mapping

import flask
from werkzeug.datastructures import Headers
from werkzeug.exceptions import NotAcceptable
from werkzeug.http import HTTP_STATUS_CODES, dump_options_header, parse_options_header
from werkzeug.urls import iri_to_uri

from ..files import send_flask_file
from ..json import app_json_body
from ..response import Response as _FastResponse
from . import _mime
from ._context import current_request, request_ctx, required_request
from ._files import app_folder, check_dotfiles, existing_file, max_age_seconds, safe_file
from ._freshness import is_fresh
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

#: Headers a 204 or 304 sends without (Express strips them, RFC 9110 forbids a body).
_NO_BODY_HEADERS = ("content-type", "content-length", "transfer-encoding")

#: ``send()`` called without an argument: an empty body without an ``ETag``.
_NOTHING: t.Any = object()

#: A redirect's target -> the URI the body names (werkzeug's ``iri_to_uri``, as the
#: ``Location`` header sends it).
_uris: dict[str, str] = {}

#: Content-Type set before ``send(str)`` -> the same with ``charset=utf-8``.
_utf8_types: dict[str, str] = {}

_PRIORITIES = {"low": "Low", "medium": "Medium", "high": "High"}

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+").fullmatch
_JSONP_UNSAFE = re.compile(r"[^\[\]\w$.]", re.ASCII).sub
_TEMPLATE_NAME = re.compile(r"[\w\-./]+\.\w+").fullmatch


def _slice_body(response: t.Any, source: t.Any, start: int | None, end: int | None) -> None:
    """Replace a file response's body by bytes *start* to *end* (inclusive) of
    *source* (a path or a seekable binary file)."""
    for bound in (start, end):
        if bound is not None and (type(bound) is not int or bound < 0):
            raise ValueError(f"start and end must be non-negative ints, not {bound!r}.")
    first = start or 0
    size = -1 if end is None else max(0, end - first + 1)
    if isinstance(source, str):
        with open(source, "rb") as file:
            file.seek(first)
            data = file.read(size)
    else:
        source.seek(first)
        data = source.read(size)
    response.close()
    response.response = [data]
    response.direct_passthrough = False
    response.headers["Content-Length"] = str(len(data))


def _redirect_body_kind(request: flask.Request) -> str | None:
    """``"text"``, ``"html"`` or ``None``: the redirect body ``Accept`` asks for
    (Express negotiates ``text`` before ``html``; no ``Accept`` means text)."""
    accept = request.accept_mimetypes
    if not accept:
        return "text"
    best = accept.best_match(("text/plain", "text/html"))
    return None if best is None else ("text" if best == "text/plain" else "html")


def _referer() -> str:
    """Where ``"back"`` leads (Express's ``redirect``/``location``): the request's
    ``Referer``, or ``/``."""
    request = current_request()
    return (request.headers.get("Referer") if request is not None else None) or "/"


def _escape_html(text: str) -> str:
    """Escape as Express's ``escape-html``: ``&``, ``<``, ``>``, ``"`` and ``'``."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


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

    #: The ``ETag`` that ``send``/``json``/``jsonp``/``render``/``sendStatus`` add
    #: (Express's ``etag`` setting): ``True`` or ``"weak"`` (Express's weak
    #: ETag), ``"strong"``, ``False`` (none, and none from ``send_file``
    #: either), or a callable ``(body: bytes, encoding: None) -> str | None``.
    #: Class-wide here, per app with ``EXPRESS_ETAG``, per response by assigning it.
    auto_etag: t.Any = True

    #: ``set_cookie`` is written here (it returns the response); ``bind_core``
    #: must leave it alone when it binds the core's hot methods.
    _fastres_own_methods: t.ClassVar[frozenset[str]] = frozenset({"set_cookie"})

    if t.TYPE_CHECKING:
        # The core this class runs on, typed as the pure twin so that mypy
        # checks every call into it (the compiled core's stub mirrors the twin).
        from .. import _core_py as _core

    # ------------------------------------------------------------ bodies

    def _finish(self, body: bytes | str | None) -> Response:
        """What Express's ``send`` does after the body is in place: an ``ETag``
        from a ``"strong"`` or callable setting (the weak one is the core's),
        the 304 answer to a fresh conditional GET/HEAD (Express's
        ``req.fresh``), and no body (nor the headers describing one) on a
        204, 205 or 304."""
        setting = self.auto_etag
        if setting is not True and setting is not False and body is not None:
            self._custom_etag(setting, body)
        ctx = request_ctx(None)
        if ctx is not None:
            environ = ctx.request.environ
            if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
                if is_fresh(self._core, environ, self._core.header_list_of(self), self._status_code):
                    self._status, self._status_code = self._core.clean_status(304)
                    self.response = []
        code = self._status_code
        if code == 204 or code == 304 or code == 205:
            headers = self._core.header_list_of(self)
            for name in ("transfer-encoding",) if code == 205 else _NO_BODY_HEADERS:
                self._core.drop_header(headers, name)
            if code == 205:
                self._core.set_header(headers, "Content-Length", "0")
            self.response = []
        return self

    def _custom_etag(self, setting: t.Any, body: bytes | str) -> None:
        """Add the ``ETag`` of a ``"weak"``/``"strong"``/callable setting, unless one is set."""
        headers = self._core.header_list_of(self)
        if self._core.has_header(headers, "etag"):
            return
        data = body.encode() if isinstance(body, str) else body
        if setting == "weak" or setting == "strong":
            value = self._core.weak_etag(data)
            etag = value if setting == "weak" else value[2:]
        elif callable(setting):
            etag = setting(data, None)
        else:
            raise ValueError(f"Unknown ETag setting {setting!r}: use True, False, 'weak', 'strong' or a callable.")
        if etag:
            self._core.set_header(headers, "ETag", etag)

    def send(self, content: t.Any = _NOTHING) -> Response:
        """Send *content* (Express's ``res.send``): str as ``text/html``, bytes as
        ``application/octet-stream``, anything else JSON-encodable (dict, list,
        numbers, booleans) as JSON; ``send()`` and ``send(None)`` send an empty
        body (``send()`` without an ``ETag``).

        A ``Content-Type`` set earlier is kept; for a str its charset becomes
        utf-8 (other parameters stay).  A str is sent as it is, even when it
        happens to be valid JSON.
        """
        tp = type(content)
        default_type: str | None
        if tp is str:
            default_type = self._text_type() if self._core.header_list_of(self) else _mime.HTML
        elif tp is bytes:
            default_type = _mime.OCTET
        elif tp is dict or tp is list:
            return self.json(content)
        elif content is _NOTHING or content is None:
            self._core.response_send(self, b"", None, self.auto_etag is True and content is None)
            return self._finish(None if content is _NOTHING else b"")
        elif isinstance(content, str):
            content = str(content)
            default_type = self._text_type()
        elif isinstance(content, (bytes, bytearray, memoryview)):
            content = bytes(content)
            default_type = _mime.OCTET
        else:
            return self.json(content)
        self._core.response_send(self, content, default_type, self.auto_etag is True)
        return self._finish(content)

    def _text_type(self) -> str | None:
        """The Content-Type for a str body: ``text/html`` when none is set, else
        the one set, with ``charset=utf-8`` (``None``: already so)."""
        headers = self._core.header_list_of(self)
        current = self._core.header_get(headers, "content-type")
        if current is None:
            return _mime.HTML
        wanted = _utf8_types.get(current)
        if wanted is None:
            mimetype, params = parse_options_header(current)
            params["charset"] = "utf-8"
            wanted = dump_options_header(mimetype, params)
            if len(_utf8_types) < 256:
                _utf8_types[current] = wanted
        if wanted != current:
            self._core.set_header(headers, "Content-Type", wanted)
        return None

    def json(self, *args: t.Any, **kwargs: t.Any) -> Response:
        """Send JSON: ``json(obj)``, ``json(a, b)`` (a list) or ``json(key=value)``
        (an object), written by the app's JSON provider (``app.json``: its key
        order, ``compact``, ``default``, dates) as ``jsonify`` writes it, without
        the trailing newline.  A JSON ``Content-Type`` set earlier
        (``application/problem+json``, ...) is kept; anything else becomes
        ``application/json``.  Values JSON cannot encode raise ``TypeError``
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
        body = app_json_body(data, self._core)
        self._core.response_send(self, body, _mime.JSON, self.auto_etag is True, True)
        return self._finish(body)

    def jsonp(self, obj: t.Any) -> Response:
        """JSON with JSONP support: with a callback in the query (``?callback=``, or
        the app's ``JSONP_CALLBACK_NAME``), the body calls it, guarded by ``/**/``
        and sent as ``text/javascript`` with ``X-Content-Type-Options: nosniff``.
        The callback keeps only ``[]``, ``$``, ``.`` and word characters.
        """
        body = app_json_body(obj, self._core)
        headers = self._core.header_list_of(self)
        callback = None
        request = current_request()
        if request is not None:
            name = flask.current_app.config.get("JSONP_CALLBACK_NAME") or "callback"
            callback = request.args.get(name)
        if callback:
            callback = _JSONP_UNSAFE("", callback)
        if callback:
            cb = callback.encode("ascii")
            body = body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
            body = b"/**/ typeof " + cb + b" === 'function' && " + cb + b"(" + body + b");"
            self._core.set_header(headers, "Content-Type", _mime.JAVASCRIPT)
            self._core.set_header(headers, "X-Content-Type-Options", "nosniff")
        else:
            current = self._core.header_get(headers, "content-type")
            if current is None or not self._core.is_json_type(current):
                self._core.set_header(headers, "Content-Type", _mime.JSON)
        self._core.response_send(self, body, None, self.auto_etag is True)
        return self._finish(body)

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
        self._core.response_send(self, html, _mime.HTML, self.auto_etag is True)
        return self._finish(html)

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
        self._core.set_header(self._core.header_list_of(self), "Content-Type", _mime.TEXT)
        phrase = HTTP_STATUS_CODES.get(self._status_code) or str(code)
        self._core.response_send(self, phrase, None, self.auto_etag is True)
        return self._finish(phrase)

    # ----------------------------------------------------------- headers

    def set(self, field: t.Any, value: t.Any = None) -> Response:
        """Set a header (replacing it), or several from a mapping (the last of
        names differing only in case wins) or a ``Headers`` (repeated fields
        all kept).  A list or tuple value sends one header line per item.

        ``Content-Type`` takes one value; without parameters a text type gets
        ``; charset=utf-8``.
        """
        tv = type(value)
        if tv is str or tv is int:
            if tv is str and ";" not in value and type(field) is str and field.lower() == "content-type":
                value = self._core.content_type_for(value)
            self._core.set_header(self._core.header_list_of(self), field, value)
            return self
        if value is None:
            if isinstance(field, Headers):
                seen: set[str] = set()
                for name, item in field.items():
                    if name.lower() in seen:
                        self.append(name, item)
                    else:
                        seen.add(name.lower())
                        self._set_one(name, item)
            elif isinstance(field, Mapping):
                for name, item in field.items():
                    self._set_one(name, item)
            else:
                raise TypeError("set() needs a field and a value, or a mapping of them.")
            return self
        self._set_one(field, value)
        return self

    def _set_one(self, name: str, value: t.Any) -> None:
        headers = self._core.header_list_of(self)
        if isinstance(value, (list, tuple)):
            if isinstance(name, str) and name.lower() == "content-type":
                raise TypeError("Content-Type cannot be set to a list.")
            checked = [(name, self._core.header_value(name, item)) for item in value]
            self._core.drop_header(headers, name)
            headers.extend(checked)
        elif type(value) is str and ";" not in value and type(name) is str and name.lower() == "content-type":
            self._core.set_header(headers, name, self._core.content_type_for(value))
        else:
            self._core.set_header(headers, name, value)

    header = set

    def append(self, field: str, value: t.Any) -> Response:
        """Add a header line, keeping lines already there (a list adds one per item)."""
        headers = self._core.header_list_of(self)
        if isinstance(value, (list, tuple)):
            headers.extend([(field, self._core.header_value(field, item)) for item in value])
        else:
            headers.append((field, self._core.header_value(field, value)))
        return self

    def get(self, field: str) -> str | list[str] | None:
        """The value of a response header: a str, a list when it has several
        lines (``Set-Cookie``, say), or ``None``."""
        lname = field.lower()
        values = [value for name, value in self._core.header_list_of(self) if name.lower() == lname]
        if not values:
            return None
        return values[0] if len(values) == 1 else values

    def type(self, value: str) -> Response:
        """Set ``Content-Type`` from an extension (``"json"``, ``".png"``) or a MIME type.

        Text types get ``; charset=utf-8``; an unknown extension gives
        ``application/octet-stream``.
        """
        if not isinstance(value, str):
            raise TypeError(f"type() needs a str, not {type(value).__name__}.")
        content_type = value if ";" in value else self._core.content_type_for(_mime.mime_for(value))
        self._core.set_header(self._core.header_list_of(self), "Content-Type", content_type)
        return self

    contentType = type  # noqa: N815 - Express's name (``content_type`` is werkzeug's property)

    def set_location(self, url: str) -> Response:
        """Set ``Location`` (Express's ``res.location``).  ``"back"`` means the
        request's ``Referer``, or ``/``."""
        if not isinstance(url, str):
            raise TypeError(f"A location must be str, not {type(url).__name__}.")
        if url == "back":
            url = _referer()
        self._core.set_header(self._core.header_list_of(self), "Location", url)
        return self

    def add_vary(self, field: str | t.Iterable[str]) -> Response:
        """Add field names to ``Vary`` once each (Express's ``res.vary``)."""
        names = [field] if isinstance(field, str) else list(field)
        wanted = [part.strip(" \t") for name in names for part in name.split(",") if part.strip(" \t")]
        for name in wanted:
            if name != "*" and not _TOKEN(name):
                raise ValueError(f"Invalid Vary field name {name!r}.")
        headers = self._core.header_list_of(self)
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

    def links(self, links: Mapping[str, str | t.Sequence[str]]) -> Response:
        """Add ``Link`` relations: ``links({"next": url, "last": [url1, url2]})``."""
        parts = []
        for rel, urls in links.items():
            if not isinstance(rel, str) or not rel or '"' in rel:
                raise ValueError(f"Invalid link relation {rel!r}.")
            if not isinstance(urls, (str, list, tuple)):
                raise ValueError(f"Invalid link target {urls!r}.")
            for url in [urls] if isinstance(urls, str) else urls:
                if not isinstance(url, str) or "<" in url or ">" in url:
                    raise ValueError(f"Invalid link target {url!r}.")
                parts.append(f'<{url}>; rel="{rel}"')
        if parts:
            headers = self._core.header_list_of(self)
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
        *,
        max_age: t.Any = None,
        expires: t.Any = None,
    ) -> Response:
        """Expire a cookie (werkzeug's ``delete_cookie``), returning the response.

        ``max_age`` and ``expires`` are accepted and ignored, as Express does:
        the cookie is always expired.
        """
        self.delete_cookie(key, path, domain, secure, httponly, samesite, partitioned)
        return self

    clearCookie = clear_cookie  # noqa: N815 - Express's name

    def cookie(
        self, name: str, value: t.Any = "", signed: bool = False, priority: str | None = None, **options: t.Any
    ) -> Response:
        """Express's ``res.cookie``: :meth:`set_cookie` with werkzeug's keyword options.

        A dict or list *value* is sent as a JSON cookie (``j:`` and its compact
        JSON), a number as its ``str``; ``signed=True`` signs the value with the app's ``SECRET_KEY``
        (read it back with ``req.signed_cookie(name)``); ``priority`` is
        ``"low"``, ``"medium"`` or ``"high"``.
        """
        if isinstance(value, (dict, list)):
            value = "j:" + self._core.json_dumps(value).decode()
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if signed:
            value = sign_cookie(value)
        attribute = None
        if priority is not None:
            attribute = _PRIORITIES.get(priority.lower()) if isinstance(priority, str) else None
            if attribute is None:
                raise ValueError(f"Invalid cookie priority {priority!r}: use 'low', 'medium' or 'high'.")
        self.set_cookie(name, value, **options)
        if attribute is not None:
            headers = self._core.header_list_of(self)
            for i in range(len(headers) - 1, -1, -1):
                if headers[i][0].lower() == "set-cookie":
                    headers[i] = (headers[i][0], headers[i][1] + "; Priority=" + attribute)
                    break
        return self

    # ------------------------------------------------------- navigation

    def redirect(self, route: t.Any, code: t.Any = None) -> Response:
        """Redirect to *route* (``"back"``: the ``Referer``); Express's
        ``redirect(status, url)`` order works too.  Headers and cookies set
        earlier stay; the status is *code*, else a 3xx set earlier, else 302.

        The body follows ``Accept`` as Express's does: a short HTML page, a
        ``text/plain`` line (also without ``Accept``), or an empty body
        without ``Content-Type`` for other clients; ``Vary: Accept`` is added.
        """
        if type(route) is int and isinstance(code, str):
            route, code = code, route
        if code is None:
            code = self._status_code
            if not 300 <= code < 400:
                code = 302
        else:
            code = _checked_code(self._core, code)
            if not 300 <= code < 400:
                raise ValueError(f"A redirect needs a 3xx status code, not {code}.")
        if type(route) is not str:
            if not isinstance(route, str):
                raise TypeError(f"A location must be str, not {type(route).__name__}.")
            route = str(route)
        if route == "back":
            route = _referer()
        headers = self._core.header_list_of(self)
        self._core.set_header(headers, "Location", route)
        self._status, self._status_code = self._core.clean_status(code)
        if self._core.has_header(headers, "vary"):
            self.add_vary("Accept")
        else:
            headers.append(("Vary", "Accept"))
        self._core.drop_header(headers, "content-type")
        request = current_request()
        kind = "text" if request is None else _redirect_body_kind(request)
        if kind is None:
            self._core.response_send(self, b"")
            return self
        phrase = HTTP_STATUS_CODES.get(code, str(code))
        address = _uris.get(route)
        if address is None:
            address = iri_to_uri(route)
            if len(_uris) < 256:
                _uris[route] = address
        if kind == "html":
            target = _escape_html(address)
            body = (
                f"<!DOCTYPE html><head><title>{phrase}</title></head>"
                f"<body><p>{phrase}. Redirecting to {target}</p></body>"
            )
            self._core.response_send(self, body, _mime.HTML)
        else:
            self._core.response_send(self, f"{phrase}. Redirecting to {address}", _mime.TEXT)
        return self

    # ------------------------------------------------------------- files

    def _adopt(self, other: t.Any, keep_status: bool, keep_type: bool = False) -> Response:
        """Take over *other*'s status, body and headers, keeping this response's
        own headers (cookies, custom fields) except those describing a body
        (with *keep_type*, a ``Content-Type`` set here stays too).  *other*'s
        headers are validated on the way in (a ``Headers`` it was given was
        never checked)."""
        theirs = self._core.header_list(self._core.header_list_of(other))
        own_type = self._core.header_get(self._core.header_list_of(self), "content-type") if keep_type else None
        names = {name.lower() for name, _ in theirs}
        merged = list(theirs)
        for name, value in self._core.header_list_of(self):
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
        self._core.header_list_of(self)[:] = merged
        if own_type is not None:
            self._core.set_header(self._core.header_list_of(self), "Content-Type", own_type)
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
        etag: bool | str | None = None,
        last_modified: t.Any = None,
        max_age: t.Any = None,
        *,
        root: str | os.PathLike[str] | None = None,
        dotfiles: str = "ignore",
        headers: Mapping[str, t.Any] | None = None,
        cache_control: bool = True,
        immutable: bool = False,
        accept_ranges: bool = True,
        start: int | None = None,
        end: int | None = None,
        attachment_filename: str | None = None,
        add_etags: bool | None = None,
        cache_timeout: int | None = None,
    ) -> Response:
        """Send a file as Flask's ``send_file`` does (:func:`fastres.files.send_flask_file`:
        streamed; conditional and range requests answered), with Express's
        ``sendFile`` options, keeping headers and cookies set earlier (a
        ``Content-Type`` set earlier too, unless *mimetype* is given).

        A missing file or a directory is a 404.  With *root*,
        *path_or_file* is a name inside that folder (relative to the app),
        and names escaping it (``..``, absolute, NUL, symlinks out) are a 404;
        without it a relative path is relative to the app.

        Express's options: ``dotfiles`` (``"ignore"``: a name with a part
        starting with a dot is a 404; ``"deny"``: 403; ``"allow"``),
        ``headers`` (set on success only), ``max_age`` (seconds, or a duration
        str such as ``"4h"``; floored, within 0 to one year), ``immutable``,
        ``cache_control=False`` (no ``Cache-Control``), ``last_modified=False``
        (no ``Last-Modified``, ``If-Modified-Since`` ignored),
        ``accept_ranges=False``, ``start``/``end`` (an inclusive byte slice).
        ``etag`` defaults to the response's ETag setting (off with
        ``EXPRESS_ETAG = False``).

        ``attachment_filename``, ``add_etags`` and ``cache_timeout`` are the
        old spellings flask-express documents; they still work, with a
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
        if etag is None:
            etag = self.auto_etag is not False
        seconds = max_age_seconds(max_age)
        if root is not None or isinstance(path_or_file, (str, os.PathLike)):
            name = os.fspath(path_or_file) if isinstance(path_or_file, os.PathLike) else path_or_file
            if isinstance(name, str):
                check_dotfiles(name, dotfiles)
            if root is not None:
                path_or_file = safe_file(app_folder(root), name)
            elif isinstance(name, str):
                path_or_file = existing_file(os.path.join(flask.current_app.root_path, name))
            else:
                raise TypeError(f"A file path must be str, not {type(name).__name__}.")
        mimetype_given = mimetype
        if mimetype is None and download_name is not None and isinstance(path_or_file, str):
            mimetype = mimetypes.guess_type(path_or_file)[0]  # Express types the file, not the name
        sliced = start is not None or end is not None
        plain = last_modified is not False and accept_ranges and not sliced
        file_response = send_flask_file(
            path_or_file,
            mimetype=mimetype,
            as_attachment=as_attachment,
            download_name=download_name,
            conditional=conditional and plain,
            etag=etag,
            last_modified=None if last_modified is False else last_modified,
            max_age=seconds,
        )
        if sliced:
            _slice_body(file_response, path_or_file, start, end)
        self._adopt(file_response, keep_status=True, keep_type=mimetype_given is None)
        hl = self._core.header_list_of(self)
        if last_modified is False:
            self._core.drop_header(hl, "last-modified")
        if not cache_control:
            self._core.drop_header(hl, "cache-control")
            self._core.drop_header(hl, "expires")
        elif type(seconds) is int or immutable:
            if type(seconds) is not int:
                seconds = 0
            self._core.set_header(
                hl, "Cache-Control", f"public, max-age={seconds}" + (", immutable" if immutable else "")
            )
        if headers:
            for field, value in headers.items():
                self._core.set_header(hl, field, value)
        if conditional and not plain:
            request = required_request("send_file()")
            length = self._core.header_get(hl, "content-length")
            self.make_conditional(
                request.environ, accept_ranges=accept_ranges, complete_length=int(length) if length else None
            )
            if not accept_ranges:
                self._core.drop_header(self._core.header_list_of(self), "accept-ranges")
        return self

    sendFile = send_file  # noqa: N815 - Express's name

    def download(
        self,
        path: str | os.PathLike[str],
        filename: str | None = None,
        *,
        root: str | os.PathLike[str] | None = None,
        headers: Mapping[str, t.Any] | None = None,
        **options: t.Any,
    ) -> Response:
        """Send a file as an attachment (Express's ``res.download``), named
        *filename* (default: the file's name), with :meth:`send_file`'s options;
        a ``Content-Disposition`` in *headers* is ignored.

        Pass untrusted names with *root*: they must stay inside that folder.
        """
        if headers:
            headers = {k: v for k, v in headers.items() if k.lower() != "content-disposition"}
        return self.send_file(path, as_attachment=True, download_name=filename, root=root, headers=headers, **options)

    def attachment(self, file_name: str | None = None, download_name: str | None = None) -> Response:
        """Without a name, mark the response as an attachment
        (``Content-Disposition: attachment``).  With one, send *file_name* from
        the app's ``ATTACHMENTS_FOLDER`` (default ``attachments`` beside the
        app) as an attachment, as flask-express does.  Names escaping the
        folder are a 404 whose page shows no server path."""
        if not file_name:
            self._core.set_header(self._core.header_list_of(self), "Content-Disposition", "attachment")
            return self
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

        Keys are MIME types (parameters are ignored for matching) or short
        names and extensions (``"text"``, ``"json"``, ``"html"``: Express's
        table), plus an optional ``"default"``.  The best match sets
        ``Content-Type`` and its handler runs; without ``Accept`` the first
        key wins.  A callable is called with no arguments (its return value,
        if not ``None``, is returned), anything else is passed to :meth:`send`.
        ``Vary: Accept`` is always added.  With no match and no default the
        response becomes a 406 listing the types, and ``NotAcceptable`` is
        raised with it (its ``types`` attribute holds them too).
        """
        request = required_request("format()")
        self.add_vary("Accept")
        keys = [key for key in handlers if key != "default"]
        mimes = [_mime.mime_for(key.partition(";")[0].strip()) for key in keys]
        accept = request.accept_mimetypes
        if not keys:
            best = None
        elif not accept:
            best = mimes[0]
        else:
            best = accept.best_match(mimes)
        if best is not None:
            self.type(best)
            handler = handlers[keys[mimes.index(best)]]
        elif "default" in handlers:
            handler = handlers["default"]
        else:
            self.set_status(406)
            self._core.set_header(self._core.header_list_of(self), "Content-Type", _mime.TEXT)
            self.set_data("Not Acceptable. Available: " + ", ".join(mimes) + "\n")
            error = NotAcceptable(response=self)
            error.types = mimes  # type: ignore[attr-defined]
            raise error
        if callable(handler):
            rv = handler()
            return self if rv is None else rv
        return self.send(handler)

    # ------------------------------------------------------------- misc

    def flash(self, message: str, category: str = "info") -> Response:
        """Flash a message for the next request (Flask's ``flash``)."""
        flask.flash(message, category)
        return self
