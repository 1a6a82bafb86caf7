"""Conditional GET/HEAD: whether a response may be answered 304 (Express's ``req.fresh``)."""

from __future__ import annotations

import re
import typing as t

from werkzeug.http import parse_date, parse_etags, unquote_etag

_NO_CACHE = re.compile(r"(?:^|,)\s*no-cache\s*(?:,|$)", re.IGNORECASE).search


def is_fresh(core: t.Any, environ: t.Mapping[str, t.Any], headers: list[tuple[str, str]], code: int) -> bool:
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
