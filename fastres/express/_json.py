"""JSON encoding for the facade: orjson through the core, with Flask's defaults."""

from __future__ import annotations

import typing as t
from decimal import Decimal


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
