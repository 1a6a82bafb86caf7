"""File options of ``send_file``/``download``/``attachment``: safe paths under a root,
dot files, and ``max_age`` in Express's units and bounds."""

from __future__ import annotations

import math
import os
import re
import typing as t
from datetime import timedelta

import flask
from werkzeug.exceptions import Forbidden, HTTPException, NotFound
from werkzeug.security import safe_join


def safe_file(folder: str, name: t.Any) -> str:
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


def app_folder(folder: str | os.PathLike[str]) -> str:
    """*folder* relative to the current app's ``root_path`` (absolute ones stay)."""
    return os.path.join(flask.current_app.root_path, os.fspath(folder))


def existing_file(path: str) -> str:
    """*path* if it names a regular file, else ``NotFound`` (missing, a directory, ...)."""
    if "\x00" in path or not os.path.isfile(path):
        raise NotFound()
    return path


#: What Express's ``dotfiles`` option does with a name having a part that
#: starts with a dot: ``"ignore"`` (its default) answers 404, ``"deny"`` 403.
_DOTFILE_ERRORS: dict[str, type[HTTPException] | None] = {"ignore": NotFound, "deny": Forbidden, "allow": None}


def check_dotfiles(name: str, policy: str) -> None:
    """Raise ``NotFound``/``Forbidden`` when *name* (as given, normalised) has a
    dot file or dot folder in it and *policy* says so."""
    try:
        error = _DOTFILE_ERRORS[policy]
    except (KeyError, TypeError):
        raise ValueError(f"dotfiles must be 'ignore', 'deny' or 'allow', not {policy!r}.") from None
    if error is None:
        return
    parts = os.path.normpath(name).replace(os.sep, "/").split("/")
    if any(len(part) > 1 and part[0] == "." and part != ".." for part in parts):
        raise error()


#: The longest ``max-age`` Express sends (one year), in seconds.
_MAX_AGE_CAP = 31536000
_DURATION = re.compile(
    r"(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m"
    r"|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?",
    re.IGNORECASE,
).fullmatch
_UNIT_MS = {"s": 1000, "m": 60000, "h": 3600000, "d": 86400000, "w": 604800000, "y": 31557600000}


def max_age_seconds(value: t.Any) -> t.Any:
    """A ``max_age`` as whole seconds within 0 to one year, as Express sends it.

    Numbers and ``timedelta`` are seconds (Flask's unit); a str is a duration
    in Express's ``ms`` format (``"20s"``, ``"4h"``, ``"20d"``; a bare number
    is milliseconds).  ``None`` and callables pass through.
    """
    if value is None or callable(value):
        return value
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, str):
        match = _DURATION(value.strip())
        if match is None:
            raise ValueError(f"Invalid max_age {value!r}: use seconds or a duration like '20s', '4h', '2d'.")
        unit = (match.group(2) or "ms").lower()
        factor = 1 if unit.startswith(("ms", "mil")) else _UNIT_MS[unit[0]]
        seconds = float(match.group(1)) * factor / 1000
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value
        if seconds != seconds:
            raise ValueError("max_age must not be NaN.")
    else:
        raise TypeError(f"max_age must be seconds, a duration str or a timedelta, not {type(value).__name__}.")
    return max(0, min(_MAX_AGE_CAP, math.floor(seconds)))
