"""Safe file paths for ``send_file(root=...)``, ``download`` and ``attachment``."""

from __future__ import annotations

import os
import typing as t

import flask
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join


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
