"""Content types the facade sends, and the MIME type for an extension or file name."""

from __future__ import annotations

import mimetypes

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
JAVASCRIPT = "text/javascript; charset=utf-8"
OCTET = "application/octet-stream"
JSON = "application/json"

#: Express's answers (its ``mime-types`` table) where Python's differ or have
#: none: short names used with ``type()``/``format()``, and extensions that
#: Python treats as encodings (``.gz``) or maps elsewhere (``.js`` before 3.12).
EXPRESS_TYPES = {
    "text": "text/plain",
    "txt": "text/plain",
    "html": "text/html",
    "htm": "text/html",
    "json": "application/json",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "css": "text/css",
    "csv": "text/csv",
    "xml": "application/xml",
    "md": "text/markdown",
    "gz": "application/gzip",
    "zip": "application/zip",
    "bin": "application/octet-stream",
    "wasm": "application/wasm",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
}

# A private table so the answer does not depend on the host's /etc/mime.types.
python_types = mimetypes.MimeTypes().types_map[True]
mime_cache: dict[str, str] = {}


def mime_for(value: str) -> str:
    """The MIME type for a name (``"json"``, ``".png"``, ``"file.tar.gz"``: the
    last extension wins), or *value* itself when it is a MIME type; unknown
    names give ``application/octet-stream``."""
    if "/" in value:
        return value
    rv = mime_cache.get(value)
    if rv is None:
        ext = value.rpartition(".")[2].lower()
        rv = EXPRESS_TYPES.get(ext) or python_types.get("." + ext) or OCTET
        if len(mime_cache) < 256:
            mime_cache[value] = rv
    return rv
