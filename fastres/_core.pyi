# Type stub for the compiled core fastres._core (src/_core.pyx).
#
# Generated from the pure twin fastres/_core_py.py by .ci/gen_core_stub.py
# (make stub): the two export the same names with the same signatures.
# tests/test_typing.py checks stub and twin agree, and that the compiled
# functions take the same parameters at run time.

import typing as t
from http import HTTPStatus
from typing import Final

__all__ = [
    "BACKEND",
    "JSON_OPT_SORT_KEYS",
    "JSON_OPT_INDENT_2",
    "JSON_OPT_NON_STR_KEYS",
    "clean_status",
    "check_status_code",
    "content_type_for",
    "header_value",
    "header_list",
    "set_header",
    "has_header",
    "header_get",
    "is_json_type",
    "encoded_length",
    "wsgi_headers",
    "http_date",
    "dump_cookie",
    "json_dumps",
    "weak_etag",
    "ContextConfig",
    "EncodedIterator",
    "join_encoded",
    "response_init",
    "response_set_data",
    "response_get_data",
    "response_wsgi_headers",
    "response_app_iter",
    "response_call",
    "response_close",
    "response_set_cookie",
    "response_send",
    "accelerate",
    "_class_cache_misses",
]

BACKEND: Final = "cython"
JSON_OPT_SORT_KEYS: Final[int]
JSON_OPT_INDENT_2: Final[int]
JSON_OPT_NON_STR_KEYS: Final[int]

def clean_status(value: int | str | HTTPStatus) -> tuple[str, int]: ...
def check_status_code(code: int, status: str | None = None) -> None: ...
def content_type_for(mimetype: str) -> str: ...
def header_value(name: str, value: t.Any) -> str: ...
def header_list(headers: t.Any) -> list[tuple[str, str]]: ...
def set_header(headers: list[tuple[str, str]], name: str, value: t.Any) -> None: ...
def header_get(headers: list[tuple[str, str]], name: str) -> str | None: ...
def is_json_type(content_type: str) -> bool: ...
def has_header(headers: list[tuple[str, str]], name: str) -> bool: ...
def encoded_length(body: t.Iterable[t.Any]) -> int: ...
def wsgi_headers(
    headers: list[tuple[str, str]],
    status_code: int,
    environ: t.Mapping[str, t.Any],
    autocorrect_location: bool,
    body: t.Any,
    trusted: bool = False,
) -> list[tuple[str, str]]: ...
def http_date(timestamp: t.Any = None) -> str: ...
def dump_cookie(
    key: str,
    value: str = "",
    max_age: t.Any = None,
    expires: t.Any = None,
    path: str | None = "/",
    domain: str | None = None,
    secure: bool = False,
    httponly: bool = False,
    sync_expires: bool = True,
    max_size: int = 4093,
    samesite: str | None = None,
    partitioned: bool = False,
) -> str: ...
def json_dumps(obj: t.Any, default: t.Callable[[t.Any], t.Any] | None = None, option: int = 0) -> bytes: ...
def weak_etag(data: bytes) -> str: ...

class ContextConfig:
    def __init__(self, var: t.Any, key: str, default: t.Any) -> None: ...
    def __get__(self, obj: t.Any, owner: type | None = None) -> t.Any: ...

class EncodedIterator:
    def __init__(self, iterable: t.Iterable[t.Any], on_close: t.Callable[[], t.Any] | None = None) -> None: ...
    def __iter__(self) -> t.Iterator[bytes]: ...
    def __next__(self) -> bytes: ...
    def close(self) -> None: ...

def join_encoded(body: t.Iterable[t.Any]) -> bytes: ...
def _class_cache_misses() -> int: ...
def response_init(
    self: t.Any,
    response: t.Any = None,
    status: int | str | HTTPStatus | None = None,
    headers: t.Any = None,
    mimetype: str | None = None,
    content_type: str | None = None,
    direct_passthrough: bool = False,
) -> None: ...
def response_set_data(self: t.Any, value: bytes | str) -> None: ...
def response_get_data(self: t.Any, as_text: bool = False) -> bytes | str: ...
def response_wsgi_headers(self: t.Any, environ: t.Mapping[str, t.Any]) -> list[tuple[str, str]]: ...
def response_app_iter(self: t.Any, environ: t.Mapping[str, t.Any]) -> t.Iterable[bytes]: ...
def response_call(
    self: t.Any, environ: t.Mapping[str, t.Any], start_response: t.Callable[..., t.Any]
) -> t.Iterable[bytes]: ...
def response_close(self: t.Any) -> None: ...
def response_set_cookie(
    self: t.Any,
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
) -> None: ...
def response_send(
    self: t.Any, body: str | bytes, content_type: str | None = None, etag: bool = False, json: bool = False
) -> None: ...
def accelerate(cls: type) -> None: ...
