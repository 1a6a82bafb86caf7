"""Content types the facade sends, and the MIME type for an extension."""

from __future__ import annotations

import mimetypes

_HTML = "text/html; charset=utf-8"
_TEXT = "text/plain; charset=utf-8"
_JAVASCRIPT = "text/javascript; charset=utf-8"
_OCTET = "application/octet-stream"
_JSON = "application/json"

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
