"""The Express facade: flask-express's ``Response`` API, Express.js's ``res``, on Flask 3.

:class:`Response` is a :class:`fastres.Response` with the seed's methods
(``send``, ``json(...)``, ``set_status``, ``end``, ``set``/``get``/``type``,
chainable ``set_cookie``/``clear_cookie``, ``redirect``, ``attachment``,
``send_file``, ``render``, ``flash``, ``make_response``) and Express's extras
(``append``, ``cookie(signed=True)``, ``download``, ``jsonp``, ``format``,
``links``, ``set_location``, ``add_vary``, ``sendStatus``, weak ETags and 304
answers in ``send``).  Every setter returns the response, so calls chain.

Express's ``status``, ``json`` (as a property), ``location`` and ``vary`` are
werkzeug properties that Flask and users' tests rely on.  The drop-in
:class:`fastres.Response` keeps werkzeug's meaning for all of them; only this
class turns ``json`` into a method, and ``status``/``location``/``vary`` are
spelled ``set_status``/``set_location``/``add_vary`` here.

:class:`App` is a :class:`flask.Flask` whose ``route``/``get``/``post``/...
decorators take views written ``def view(req, res, **url_params)``, with
``req`` a :class:`Request` facade and ``res`` a fresh :class:`Response`.  Its
``response_class`` stays :class:`fastres.Response`, so Flask's own responses
and the test client's (``rv.json`` is still the parsed body) are unchanged.

Everything here is a thin layer: header work goes straight to the core
(``self._core``) on the response's plain header list.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import mimetypes
import os
import re
import typing as t
import warnings
from collections.abc import Mapping
from decimal import Decimal

import flask
import itsdangerous
from markupsafe import escape
from werkzeug.datastructures import Headers
from werkzeug.exceptions import NotAcceptable, NotFound
from werkzeug.http import HTTP_STATUS_CODES, parse_date, parse_etags, unquote_etag
from werkzeug.security import safe_join

from .response import Response as _FastResponse

try:  # Flask keeps the request context in this ContextVar; reading it is cheap.
    from flask.globals import _cv_request
except ImportError:  # pragma: no cover - a Flask without it
    _cv_request = None  # type: ignore[assignment]

__all__ = [
    "App",
    "Request",
    "Response",
    "sign_cookie",
    "unsign_cookie",
]

_HTML = "text/html; charset=utf-8"
_TEXT = "text/plain; charset=utf-8"
_JAVASCRIPT = "text/javascript; charset=utf-8"
_OCTET = "application/octet-stream"
_JSON = "application/json"

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
_NO_CACHE = re.compile(r"(?:^|,)\s*no-cache\s*(?:,|$)", re.IGNORECASE).search
_TEMPLATE_NAME = re.compile(r"[\w\-./]+\.\w+").fullmatch
_COOKIE_SALT = "fastres.express.signed-cookie"

# A private table so the answer does not depend on the host's /etc/mime.types.
_mime_table = mimetypes.MimeTypes()
_mime_cache: dict[str, str] = {}


def _mime_for(value: str) -> str:
    """The MIME type for an extension (``"json"``, ``".png"``) or a MIME type itself."""
    if "/" in value:
        return value
    rv = _mime_cache.get(value)
    if rv is None:
        ext = value.lower().lstrip(".")
        rv = (_mime_table.guess_type("f." + ext)[0] if ext else None) or _OCTET
        if len(_mime_cache) < 256:
            _mime_cache[value] = rv
    return rv


def _header_list(resp: t.Any) -> list[tuple[str, str]]:
    """The response's live header list: fastres's plain ``_hlist`` while there is
    one, else the ``_list`` of its ``Headers`` (a werkzeug-built response)."""
    hl = getattr(resp, "_hlist", None)
    if type(hl) is list:
        return hl
    return resp.headers._list  # type: ignore[no-any-return]


def _json_default(obj: t.Any) -> t.Any:
    """What orjson does not encode natively, encoded as Flask's JSON provider does."""
    if isinstance(obj, Decimal):
        return str(obj)
    html = getattr(obj, "__html__", None)
    if html is not None:
        return str(html())
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def _dumps(core: t.Any, data: t.Any) -> bytes:
    """JSON through the core; non-str dict keys (``{1: "a"}``) become strings as in
    Flask.  orjson's option for them costs on every call, so it is only used
    on the retry after a failure."""
    try:
        return core.json_dumps(data, _json_default)  # type: ignore[no-any-return]
    except TypeError:
        return core.json_dumps(data, _json_default, core.JSON_OPT_NON_STR_KEYS)  # type: ignore[no-any-return]


def _checked_code(core: t.Any, code: t.Any) -> int:
    """*code* as an int within 100-999, else ``ValueError``."""
    if type(code) is not int and (type(code) is bool or not isinstance(code, int)):
        raise ValueError(f"Status code must be an integer within 100-999, not {code!r}.")
    code = int(code)
    core.check_status_code(code)
    return code  # type: ignore[no-any-return]


if _cv_request is not None:
    _request_ctx = _cv_request.get
else:  # pragma: no cover - a Flask without _cv_request

    def _request_ctx(default: t.Any = None) -> t.Any:
        if flask.has_request_context():
            return flask.globals.request_ctx._get_current_object()
        return default


def _current_request() -> flask.Request | None:
    ctx = _request_ctx(None)
    return None if ctx is None else ctx.request


def _required_request(what: str) -> flask.Request:
    request = _current_request()
    if request is None:
        raise RuntimeError(f"{what} needs an active request (run it inside a view).")
    return request


def _is_fresh(core: t.Any, environ: t.Mapping[str, t.Any], headers: list[tuple[str, str]], code: int) -> bool:
    """Whether a conditional GET/HEAD may be answered 304 (Express's ``req.fresh``)."""
    if not (200 <= code < 300 or code == 304):
        return False
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if not if_none_match and not if_modified_since:
        return False
    cache_control = environ.get("HTTP_CACHE_CONTROL")
    if cache_control and _NO_CACHE(cache_control):
        return False
    if if_none_match:
        etags = parse_etags(if_none_match)
        if not etags.star_tag:
            etag = core.header_get(headers, "etag")
            if etag is None or not etags.contains_weak(unquote_etag(etag)[0] or ""):
                return False
    if if_modified_since:
        last_modified = core.header_get(headers, "last-modified")
        since = parse_date(if_modified_since)
        modified = parse_date(last_modified) if last_modified else None
        if since is None or modified is None or modified > since:
            return False
    return True


def _secret_keys(app: flask.Flask) -> list[t.Any]:
    key = app.secret_key
    if not key:
        raise RuntimeError("Signed cookies need the app's SECRET_KEY to be set.")
    return [*(app.config.get("SECRET_KEY_FALLBACKS") or ()), key]


def _signer(app: flask.Flask | None) -> itsdangerous.Signer:
    if app is None:
        app = flask.current_app._get_current_object()  # type: ignore[attr-defined]
    return itsdangerous.Signer(_secret_keys(app), salt=_COOKIE_SALT, digest_method=hashlib.sha256)


def sign_cookie(value: str, app: flask.Flask | None = None) -> str:
    """*value* signed with the app's ``SECRET_KEY``, as ``s:<value>.<signature>``."""
    if not isinstance(value, str):
        raise TypeError(f"A signed cookie value must be str, not {type(value).__name__}.")
    return "s:" + _signer(app).sign(value).decode()


def unsign_cookie(value: str | None, app: flask.Flask | None = None) -> str | None:
    """The value inside a signed cookie, or ``None`` if it is missing, unsigned or forged.

    Keys in ``SECRET_KEY_FALLBACKS`` are accepted too, as Flask's sessions do.
    """
    if not value or not value.startswith("s:"):
        return None
    try:
        return _signer(app).unsign(value[2:]).decode()
    except (itsdangerous.BadSignature, UnicodeDecodeError):
        return None


def _safe_file(folder: str, name: t.Any) -> str:
    """*name* joined under *folder*, or ``NotFound`` (which never shows a path).

    ``werkzeug.security.safe_join`` refuses absolute paths and ``..``; this
    also refuses NUL, non-str names, names that are not regular files, and
    symlinks that lead out of *folder*.
    """
    if isinstance(name, os.PathLike):
        name = os.fspath(name)
    if not isinstance(name, str) or not name or "\x00" in name:
        raise NotFound()
    joined = safe_join(folder, name)
    if joined is None:
        raise NotFound()
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(joined)
    if os.path.commonpath([real_folder, real]) != real_folder or not os.path.isfile(real):
        raise NotFound()
    return joined


def _app_folder(folder: str | os.PathLike[str]) -> str:
    """*folder* relative to the current app's ``root_path`` (absolute ones stay)."""
    return os.path.join(flask.current_app.root_path, os.fspath(folder))


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
            headers = self._hlist
            if type(headers) is not list:
                headers = self.headers._list
            self._core.set_header(headers, field, value)
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
        own headers (cookies, custom fields) except those describing a body."""
        theirs = _header_list(other)
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
        """Send a file with Flask's ``send_file`` (streamed; conditional and range
        requests answered), keeping headers and cookies set earlier.

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
        file_response = flask.send_file(
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


class _AttrView:
    """Read-only attribute access over a mapping: ``req.query.page`` is
    ``req.query.get("page")`` (``None`` when absent); indexing, ``get``,
    ``getlist``, ``in`` and iteration work as on the mapping."""

    __slots__ = ("_data",)

    def __init__(self, data: t.Mapping[str, t.Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> t.Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._data.get(name)

    def __getitem__(self, key: str) -> t.Any:
        return self._data[key]

    def get(self, key: str, default: t.Any = None, type: t.Any = None) -> t.Any:  # noqa: A002
        if type is None:
            return self._data.get(key, default)
        try:
            return type(self._data[key])
        except (KeyError, ValueError, TypeError):
            return default

    def getlist(self, key: str) -> list[t.Any]:
        getlist = getattr(self._data, "getlist", None)
        if getlist is not None:
            return getlist(key)  # type: ignore[no-any-return]
        return [self._data[key]] if key in self._data else []

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> t.Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def keys(self) -> t.Any:
        return self._data.keys()

    def items(self) -> t.Any:
        return self._data.items()

    def values(self) -> t.Any:
        return self._data.values()

    def to_dict(self) -> dict[str, t.Any]:
        return dict(self._data.items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _AttrView):
            other = other._data
        return self.to_dict() == (dict(other.items()) if isinstance(other, Mapping) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{self.to_dict()!r}>"


class Request:
    """The ``req`` of a ``(req, res)`` view: a small facade over :class:`flask.Request`.

    Anything not defined here is read from the Flask request (``req.args``,
    ``req.files``, ...); the request itself is ``req.request``.
    """

    __slots__ = ("request",)

    def __init__(self, request: flask.Request) -> None:
        self.request = request

    @property
    def query(self) -> _AttrView:
        """The query string arguments (``req.query.page`` or ``req.query["page"]``)."""
        return _AttrView(self.request.args)

    @property
    def params(self) -> _AttrView:
        """The URL parameters of the matched route."""
        return _AttrView(self.request.view_args or {})

    @property
    def body(self) -> t.Any:
        """The parsed body: JSON for a JSON request (400 if malformed), else the form."""
        request = self.request
        if request.is_json:
            return request.get_json()
        return _AttrView(request.form)

    @property
    def json(self) -> t.Any:
        """The parsed JSON body, ``None`` unless the request is JSON (400 if malformed)."""
        request = self.request
        return request.get_json() if request.is_json else None

    @property
    def cookies(self) -> t.Mapping[str, str]:
        return self.request.cookies

    @property
    def signed_cookies(self) -> dict[str, str]:
        """The cookies set with ``res.cookie(..., signed=True)`` whose signature checks out."""
        app = flask.current_app._get_current_object()  # type: ignore[attr-defined]
        rv = {}
        for name, raw in self.request.cookies.items():
            value = unsign_cookie(raw, app)
            if value is not None:
                rv[name] = value
        return rv

    def signed_cookie(self, name: str, default: str | None = None) -> str | None:
        """The verified value of a signed cookie; *default* when missing, unsigned or forged."""
        value = unsign_cookie(self.request.cookies.get(name))
        return default if value is None else value

    def get(self, field: str, default: str | None = None) -> str | None:
        """A request header, case-insensitive (``Referrer`` and ``Referer`` are one)."""
        if field.lower() in ("referer", "referrer"):
            field = "Referer"
        return self.request.headers.get(field, default)

    header = get

    @property
    def ip(self) -> str | None:
        """The client address (behind proxies, configure ``ProxyFix``)."""
        return self.request.remote_addr

    @property
    def ips(self) -> list[str]:
        return list(self.request.access_route)

    @property
    def path(self) -> str:
        return self.request.path

    @property
    def method(self) -> str:
        return self.request.method

    @property
    def hostname(self) -> str:
        """The ``Host`` without its port."""
        host = self.request.host
        if host.startswith("["):  # an IPv6 literal
            return host[: host.find("]") + 1]
        return host.partition(":")[0]

    @property
    def protocol(self) -> str:
        return self.request.scheme

    @property
    def secure(self) -> bool:
        return self.request.is_secure

    def accepts(self, *types: str) -> str | None:
        """The best of *types* (MIME types or extensions) for ``Accept``, or ``None``."""
        mimes = [_mime_for(item) for item in types]
        accept = self.request.accept_mimetypes
        if not accept:
            return types[0] if types else None
        best = accept.best_match(mimes)
        return None if best is None else types[mimes.index(best)]

    def __getattr__(self, name: str) -> t.Any:
        return getattr(self.request, name)

    def __repr__(self) -> str:
        return f"<express.Request {self.request.method} {self.request.path!r}>"


class App(flask.Flask):
    """A :class:`flask.Flask` whose ``route``/``get``/``post``/``put``/``patch``/
    ``delete`` decorators take ``def view(req, res, **url_params)``.

    ``res`` is a fresh :attr:`express_response_class` (a :class:`Response`),
    ``req`` an :attr:`express_request_class`.  A view may return anything Flask
    accepts; returning ``None`` sends ``res``.  ``add_url_rule`` and blueprints
    keep Flask's plain view signature.

    Config: ``ATTACHMENTS_FOLDER`` (``"attachments"``, relative to the app),
    ``EXPRESS_ETAG`` (``True``: weak ETags from ``send``), ``JSONP_CALLBACK_NAME``
    (``"callback"``).
    """

    #: Flask's own responses (and the test client's) stay the drop-in flavour,
    #: whose ``json`` is werkzeug's property.
    response_class = _FastResponse
    express_response_class: type[Response] = Response
    express_request_class: type[Request] = Request

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        self.config.setdefault("ATTACHMENTS_FOLDER", "attachments")
        self.config.setdefault("EXPRESS_ETAG", True)
        self.config.setdefault("JSONP_CALLBACK_NAME", "callback")

    def route(self, rule: str, **options: t.Any) -> t.Callable[[t.Any], t.Any]:
        """Register a ``(req, res, **url_params)`` view for *rule* (Flask's options)."""

        def decorator(view: t.Any) -> t.Any:
            endpoint = options.pop("endpoint", None)
            self.add_url_rule(rule, endpoint, self.express_view(view), **options)
            return view

        return decorator

    def express_view(self, view: t.Callable[..., t.Any]) -> t.Callable[..., t.Any]:
        """Wrap a ``(req, res, **url_params)`` view as a Flask view function."""
        if not issubclass(self.express_response_class, self.response_class):
            raise TypeError(
                "express_response_class must subclass response_class, or Flask converts"
                " each res into response_class and the facade is lost."
            )
        app = self

        def pair() -> tuple[Request, Response]:
            res = app.express_response_class()
            if not app.config["EXPRESS_ETAG"]:
                res.auto_etag = False
            request = _current_request()
            return app.express_request_class(request), res  # type: ignore[arg-type]

        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(**params: t.Any) -> t.Any:
                req, res = pair()
                rv = await view(req, res, **params)
                return res if rv is None else rv

            return async_wrapper

        @functools.wraps(view)
        def wrapper(**params: t.Any) -> t.Any:
            req, res = pair()
            rv = view(req, res, **params)
            return res if rv is None else rv

        return wrapper

    def listen(
        self,
        port: int = 3000,
        host: str = "127.0.0.1",
        callback: t.Callable[[], t.Any] | None = None,
        **options: t.Any,
    ) -> None:
        """Run the development server on *host*:*port* (Express's ``app.listen``);
        *callback* runs just before it starts.  Options go to :meth:`flask.Flask.run`."""
        if callback is not None:
            callback()
        self.run(host=host, port=port, **options)
