"""The core's ``Headers`` against werkzeug's: same results, same exceptions, same list.

Each example is a starting header list and a sequence of method calls, run on
a werkzeug ``Headers`` and on the core's ``Headers`` (both cores) side by
side.  After every call the results (or the exception types) and the header
lists must match.  The one allowed difference is the core's stricter
validation: a call that hands it a header werkzeug would store but the core
refuses (see :func:`fastres.core.impl.header_value`) raises ``ValueError`` or
``TypeError`` there; the two lists are then brought back in step.
"""

from __future__ import annotations

import copy
import pickle
import typing as t
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import Headers as WHeaders
from werkzeug.datastructures import MultiDict

from fastres import _core_py

EXAMPLES = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Names that collide case-insensitively, so lookups, sets and deletes find things.
COMMON = ["X-A", "x-a", "X-a", "X-B", "x-b", "Content-Type", "content-type", "Set-Cookie", "\u00c4-Name"]
TOKEN = "abcXYZ019-_!#$%&'*+.^`|~"
names = st.one_of(st.sampled_from(COMMON), st.text(TOKEN, min_size=1, max_size=8))
# Refused by the core, stored by werkzeug (CR/LF in a name, whitespace, ':', non-latin-1, empty).
strict_names = st.sampled_from(["X A", "X:A", "X\nA", "X\rA", "", "X-\u2713", "X\x00"])
any_names = st.one_of(names, names, names, strict_names)
values = st.one_of(
    st.text(st.characters(min_codepoint=32, max_codepoint=255, exclude_characters="\x7f"), max_size=12),
    st.sampled_from(["1", "2", "text/plain", "12", "-3", "x"]),
    st.integers(min_value=-3, max_value=20),
)
# Both refuse CR/LF; only the core refuses NUL and non-latin-1.
odd_values = st.sampled_from(["a\r\nb: c", "a\nb", "a\x00b", "caf\u00e9 \u2713", b"by", 1.5])
any_values = st.one_of(values, values, values, odd_values)
keys = st.one_of(st.sampled_from([*COMMON, "X-Missing", "X-A ", "x-A"]), names)
lookup_keys = st.one_of(keys, keys, keys, st.sampled_from([3, None]))
indexes = st.integers(min_value=-4, max_value=4)
slices = st.builds(slice, st.one_of(st.none(), indexes), st.one_of(st.none(), indexes))
pairs = st.lists(st.tuples(any_names, any_values), max_size=4)
start_lists = st.lists(st.tuples(names, values.map(str)), max_size=6)
option_kwargs = st.dictionaries(
    st.sampled_from(["filename", "charset", "max_age", "filename*"]),
    st.sampled_from(["a b", "x", "1", "", 'say "hi"', "a\\b", "x;y", "caf\u00e9", "UTF-8''a%20b", None, 3]),
    max_size=2,
)


def _sources(draw_pairs: st.SearchStrategy[t.Any]) -> st.SearchStrategy[tuple[str, t.Any]]:
    """A description of an argument made fresh for each side (an iterator is used once)."""
    return st.one_of(
        st.tuples(st.just("list"), draw_pairs),
        st.tuples(st.just("tuple"), draw_pairs),
        st.tuples(
            st.just("dict"),
            st.dictionaries(any_names, st.one_of(any_values, st.lists(any_values, max_size=3)), max_size=3),
        ),
        st.tuples(st.just("werkzeug"), draw_pairs),
        st.tuples(st.just("multidict"), draw_pairs),
        st.tuples(st.just("iter"), draw_pairs),
    )


def _make(source: tuple[str, t.Any]) -> t.Any:
    kind, data = source
    if kind == "list":
        return list(data)
    if kind == "tuple":
        return tuple(data)
    if kind == "dict":
        return {k: (list(v) if isinstance(v, list) else v) for k, v in data.items()}
    if kind == "werkzeug":
        headers = WHeaders()
        headers._list = list(data)  # as stored, unvalidated
        return headers
    if kind == "multidict":
        return MultiDict(data)
    return iter(list(data))


sources = _sources(pairs)
value_lists = st.one_of(
    st.tuples(st.just("list"), st.lists(any_values, max_size=3)),
    st.tuples(st.just("iter"), st.lists(any_values, min_size=1, max_size=3)),
)
types_ = st.sampled_from([None, int, str])

# (method, positional args, keyword args); a tuple ("src", source) argument is made fresh per side.
operations = st.one_of(
    st.tuples(st.just("__getitem__"), st.tuples(st.one_of(lookup_keys, indexes, slices)), st.just({})),
    st.tuples(st.just("_get_key"), st.tuples(lookup_keys), st.just({})),
    st.tuples(
        st.just("get"),
        st.tuples(lookup_keys),
        st.fixed_dictionaries({}, optional={"default": st.sampled_from(["d", None, 0]), "type": types_}),
    ),
    st.tuples(st.just("getlist"), st.tuples(lookup_keys), st.fixed_dictionaries({}, optional={"type": types_})),
    st.tuples(st.just("get_all"), st.tuples(lookup_keys), st.just({})),
    st.tuples(
        st.sampled_from(["items", "keys"]), st.just(()), st.fixed_dictionaries({}, optional={"lower": st.booleans()})
    ),
    st.tuples(
        st.sampled_from(
            [
                "values",
                "__iter__",
                "__len__",
                "popitem",
                "clear",
                "copy",
                "__copy__",
                "to_wsgi_list",
                "__str__",
                "__repr__",
                "pickle",
                "deepcopy",
            ]
        ),
        st.just(()),
        st.just({}),
    ),
    st.tuples(st.just("__contains__"), st.tuples(lookup_keys), st.just({})),
    st.tuples(
        st.sampled_from(["add", "add_header", "set"]),
        st.tuples(any_names, any_values),
        st.one_of(st.just({}), option_kwargs),
    ),
    st.tuples(st.just("setdefault"), st.tuples(any_names, any_values), st.just({})),
    st.tuples(
        st.sampled_from(["setlist", "setlistdefault"]),
        st.tuples(any_names, st.tuples(st.just("src"), value_lists)),
        st.just({}),
    ),
    st.tuples(
        st.sampled_from(["extend", "update", "__init__"]), st.tuples(st.tuples(st.just("src"), sources)), st.just({})
    ),
    st.tuples(
        st.sampled_from(["extend", "update"]),
        st.just(()),
        st.dictionaries(st.sampled_from(["X_A", "Y", "a"]), any_values, max_size=2),
    ),
    st.tuples(st.just("__setitem__"), st.tuples(any_names, any_values), st.just({})),
    st.tuples(st.just("__setitem__"), st.tuples(indexes, st.tuples(any_names, any_values)), st.just({})),
    st.tuples(st.just("__setitem__"), st.tuples(slices, pairs), st.just({})),
    st.tuples(st.just("__delitem__"), st.tuples(st.one_of(lookup_keys, indexes, slices)), st.just({})),
    st.tuples(st.just("remove"), st.tuples(lookup_keys), st.just({})),
    st.tuples(
        st.just("pop"),
        st.one_of(st.just(()), st.tuples(st.one_of(lookup_keys, indexes))),
        st.fixed_dictionaries({}, optional={"default": st.just("d")}),
    ),
    st.tuples(st.sampled_from(["__or__", "__ior__"]), st.tuples(st.tuples(st.just("src"), sources)), st.just({})),
    st.tuples(st.just("__eq__"), st.tuples(start_lists), st.just({})),
)


def _args(args: tuple[t.Any, ...]) -> tuple[t.Any, ...]:
    out = []
    for arg in args:
        if isinstance(arg, tuple) and len(arg) == 2 and arg[0] == "src":
            arg = _make(arg[1])
        out.append(arg)
    return tuple(out)


def _call(headers: t.Any, name: str, args: tuple[t.Any, ...], kwargs: dict[str, t.Any]) -> t.Any:
    if name == "pickle":
        return pickle.loads(pickle.dumps(headers))
    if name == "deepcopy":
        return copy.deepcopy(headers)
    if name == "__eq__":
        other = WHeaders(args[0])
        return (headers == other, other == headers, headers == headers.copy(), headers == args[0])
    result = getattr(headers, name)(*_args(args), **kwargs)
    if isinstance(result, Iterator) and not isinstance(result, WHeaders):
        result = list(result)  # items(), keys(), values(), __iter__()
    return result


def _outcome(headers: t.Any, name: str, args: tuple[t.Any, ...], kwargs: dict[str, t.Any]) -> tuple[str, t.Any]:
    try:
        return "ok", _call(headers, name, args, kwargs)
    except Exception as exc:  # noqa: BLE001 - the type is what is compared
        return "raised", type(exc)


def _strict_refusal(core: t.Any, name: str, args: tuple[t.Any, ...], kwargs: dict[str, t.Any]) -> bool:
    """Whether the call hands the core a header it refuses and werkzeug stores."""

    def refused(key: t.Any, value: t.Any) -> bool:
        try:
            core.header_value(key, value)
        except (ValueError, TypeError):
            return True
        return False

    candidates: list[tuple[t.Any, t.Any]] = []
    made = _args(args)
    if name in ("add", "add_header", "set", "setdefault", "__setitem__") and made:
        if (isinstance(made[0], int) and not isinstance(made[0], bool)) or isinstance(made[0], slice):
            items = [made[1]] if isinstance(made[0], int) else list(made[1])
            candidates += [tuple(item) for item in items]
        elif len(made) > 1:
            candidates.append((made[0], made[1]))
    elif name in ("setlist", "setlistdefault"):
        candidates += [(made[0], v) for v in made[1]]
    elif name in ("extend", "update", "__init__", "__or__", "__ior__"):
        for source in made:
            if isinstance(source, MultiDict):
                candidates += list(source.items(multi=True))
            elif isinstance(source, dict):
                for k, v in source.items():
                    candidates += [(k, x) for x in v] if isinstance(v, list) else [(k, v)]
            else:
                candidates += list(source)
        candidates += list(kwargs.items())
    return any(refused(k, v) for k, v in candidates)


def _comparable(result: t.Any) -> t.Any:
    if isinstance(result, WHeaders):
        return ("Headers", list(result._list))
    if isinstance(result, tuple) and len(result) == 2 and result[0] == "ok":
        return ("ok", _comparable(result[1]))
    return result


@pytest.fixture
def Headers(backend: t.Any) -> type:
    return backend.core.Headers  # type: ignore[no-any-return]


@EXAMPLES
@given(start=start_lists, ops=st.lists(operations, min_size=1, max_size=8))
def test_every_method_matches_werkzeug(
    backend: t.Any, Headers: type, start: list[tuple[str, str]], ops: list[t.Any]
) -> None:
    ours, theirs = Headers(start), WHeaders(start)
    for name, args, kwargs in ops:
        got = _outcome(ours, name, args, kwargs)
        want = _outcome(theirs, name, args, kwargs)
        if (
            got[0] == "raised"
            and got[1] in (ValueError, TypeError)
            and _strict_refusal(backend.core, name, args, kwargs)
        ):  # werkzeug stored it, or failed later (an index out of range, a later item)
            theirs._list[:] = list(ours._list)  # the core refused what werkzeug took
            continue
        assert _comparable(got) == _comparable(want), (name, args, kwargs)
        if got[0] == "ok" and isinstance(want[1], WHeaders):
            assert type(got[1]) is (type(ours) if type(want[1]) is WHeaders else type(want[1]))
        assert ours._list == theirs._list, (name, args, kwargs)
        assert all(type(item) is tuple and len(item) == 2 for item in ours._list)


@pytest.mark.parametrize("view", ["items", "items_lower", "keys", "keys_lower", "values"])
def test_views_step_lazily_like_werkzeugs(Headers: type, view: str) -> None:
    """items(), keys() and values() read the list when stepped, as werkzeug's generators do."""

    def run(h: t.Any) -> list[t.Any]:
        name, _, lower = view.partition("_")
        it = getattr(h, name)(**({"lower": True} if lower else {}))
        h.add("C", "3")
        first = next(it)
        h.add("D", "4")
        rest = list(it)
        h.add("E", "5")
        return [first, rest, list(it), list(getattr(h, name)())]

    start = [("A", "1"), ("b", "2")]
    assert run(Headers(start)) == run(WHeaders(start))


@pytest.mark.parametrize(
    "items",
    [
        [],
        [("X-A", "1"), ("x-b", "")],
        [("X-Q", "it's"), ("X-D", 'say "hi"'), ("X-B", "a\\b"), ("X-T", "a\tb"), ("X-C", "\x7f")],
        [("X-L", "caf\u00e9"), ("X-\u00c4", "\u00ff")],
        [("X-W", "\u2713"), ("X-\u2713", "v")],
        [["X-List", "1"], ("X-A", 2)],
    ],
)
@pytest.mark.parametrize("class_name", ["Headers", "H\u00e9aders", "H\u2713"])
def test_str_and_repr_as_werkzeugs(Headers: type, items: list[t.Any], class_name: str) -> None:
    """Whatever the list holds (set directly, unvalidated), and whatever the class is called."""
    ours = type(class_name, (Headers,), {})() if class_name != "Headers" else Headers()
    theirs = type(class_name, (WHeaders,), {})() if class_name != "Headers" else WHeaders()
    ours._list, theirs._list = list(items), list(items)
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)


def test_isinstance_and_layout(Headers: type) -> None:
    h = Headers([("X-A", 1)])
    assert isinstance(h, WHeaders)
    assert h._list == [("X-A", "1")] and type(h._list) is list
    assert h.__hash__ is None


def test_equal_to_werkzeugs_headers_not_to_others(Headers: type) -> None:
    ours, theirs = Headers([("X-A", "1"), ("x-b", "2")]), WHeaders([("x-a", "1"), ("X-B", "2")])
    assert ours == theirs and theirs == ours and not (ours != theirs)
    assert ours != [("X-A", "1"), ("x-b", "2")]
    sub = type("Sub", (Headers,), {})([("X-A", "1"), ("x-b", "2")])
    assert sub != ours and ours != sub  # werkzeug's rule: the same class


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("X-A", "a\r\nInjected: 1", "newline"),
        ("X-A", "a\nb", "newline"),
        ("X\r\nInjected", "1", "header name"),
        ("X A", "1", "header name"),
        ("X:A", "1", "header name"),
        ("", "1", "header name"),
        ("X-\u2713", "1", "header name"),
        ("X-A", "a\x00b", "latin-1"),
        ("X-A", "\u2713", "latin-1"),
    ],
)
def test_every_setter_refuses_what_the_core_refuses(Headers: type, name: str, value: str, message: str) -> None:
    h = Headers([("X-Keep", "1")])
    setters = [
        lambda: h.add(name, value),
        lambda: h.add_header(name, value),
        lambda: h.set(name, value),
        lambda: h.setdefault(name, value),
        lambda: h.setlist(name, ["ok", value]),
        lambda: h.setlistdefault(name, [value]),
        lambda: h.extend([(name, value)]),
        lambda: h.extend({name: [value]}),
        lambda: h.update({name: value}),
        lambda: h.update([(name, value)]),
        lambda: h.__setitem__(name, value),
        lambda: h.__setitem__(0, (name, value)),
        lambda: h.__setitem__(slice(0, 1), [(name, value)]),
        lambda: h.__ior__({name: value}),
        lambda: h | {name: value},
        lambda: Headers([(name, value)]),
    ]
    for setter in setters:
        with pytest.raises(ValueError, match=message):
            setter()
        assert (name, value) not in h._list
        h._list[:] = [("X-Keep", "1")]


def test_location_may_hold_an_iri(Headers: type) -> None:
    h = Headers()
    h["Location"] = "/caf\u00e9/\u2713"
    assert h["location"] == "/caf\u00e9/\u2713"


def test_non_str_names_are_refused(Headers: type) -> None:
    h = Headers()
    for bad in (1, None, b"X-A"):
        for setter in (
            lambda n: h.add(n, "v"),
            lambda n: h.set(n, "v"),
            lambda n: h.extend([(n, "v")]),
            lambda n: h.setlist(n, ["v"]),
            lambda n: h.__setitem__(slice(0, 0), [(n, "v")]),
        ):
            with pytest.raises(TypeError, match="Header names must be str"):
                setter(bad)
    assert h._list == []


def test_keyword_options_as_werkzeug(Headers: type) -> None:
    ours, theirs = Headers(), WHeaders()
    for h in (ours, theirs):
        h.add("Content-Disposition", "attachment", filename="a b.png", file_name="x")
        h.set("Content-Type", "text/plain", charset="utf-8")
    assert ours._list == theirs._list


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_and_copy_keep_the_class(Headers: type, protocol: int) -> None:
    h = Headers([("X-A", "1"), ("x-a", "2")])
    for clone in (pickle.loads(pickle.dumps(h, protocol)), copy.copy(h), copy.deepcopy(h), h.copy(), h[:]):
        assert type(clone) is Headers and clone._list == h._list and clone._list is not h._list


def test_subclass_results_keep_the_subclass(Headers: type) -> None:
    sub = type("Sub", (Headers,), {})
    h = sub([("X-A", "1")])
    assert type(h.copy()) is sub and type(h[:]) is sub and type(h | {"a": "b"}) is sub
    assert repr(h) == "Sub([('X-A', '1')])"
    assert str(h) == "X-A: 1\r\n\r\n"


class _Mutating(str):
    """A header name whose ``lower()`` and ``__eq__`` edit the list being scanned."""

    target: t.ClassVar[list[t.Any]] = []
    mode = "clear"

    def _poke(self) -> None:
        if self.mode == "clear":
            self.target.clear()
        elif self.mode == "grow":
            self.target.extend([("X-Grown", "1")] * 3)
        else:
            del self.target[:-1]

    def lower(self) -> str:  # type: ignore[override]
        self._poke()
        return str.lower(self)

    def __eq__(self, other: object) -> bool:
        self._poke()
        return str.__eq__(self, other)

    __hash__ = str.__hash__


@pytest.mark.parametrize("mode", ["clear", "grow", "shrink"])
@pytest.mark.parametrize("as_key", [False, True])
def test_list_edited_during_a_scan_never_crashes(Headers: type, mode: str, as_key: bool) -> None:
    """Python code run by a scan (a str subclass's lower()/__eq__) may edit the list meanwhile."""
    calls: list[t.Callable[[t.Any, t.Any], t.Any]] = [
        lambda h, k: h[k],
        lambda h, k: h.get(k),
        lambda h, k: h.getlist(k),
        lambda h, k: k in h,
        lambda h, k: h.set(k, "v"),
        lambda h, k: h.setdefault(k, "v"),
        lambda h, k: h.remove(k),
        lambda h, k: h.pop(k, None),
        lambda h, k: h.setlist(k, ["1", "2"]),
        lambda h, k: h.setlistdefault(k, ["1"]),
        lambda h, k: h.update({k: "v"}),
        lambda h, k: h.__delitem__(k),
        lambda h, k: list(h.items(lower=True)),
        lambda h, k: h == WHeaders(h._list),
        lambda h, k: h.copy(),
    ]
    for call in calls:
        h = Headers()
        name = _Mutating("X-M")
        _Mutating.target, _Mutating.mode = h._list, mode
        h._list.extend([(name, "1"), ("X-B", "2"), (_Mutating("x-m"), "3"), ("X-C", "4")])
        key = _Mutating("x-m") if as_key else "x-m"
        try:
            call(h, key)
        except (KeyError, ValueError, IndexError, TypeError):
            pass
        assert all(isinstance(item, tuple) for item in h._list)


@pytest.mark.parametrize("item", [("X-A",), ("X-A", "1", "2"), "ab", 5, None, ["X-A", "1"]])
def test_odd_items_in_the_list_raise_like_werkzeug(Headers: type, item: t.Any) -> None:
    """Anyone may write to ``_list``: a malformed item raises, never crashes."""
    for call in (
        lambda h: h["x-a"],
        lambda h: h.get("x-a"),
        lambda h: h.getlist("x-a"),
        lambda h: "x-a" in h,
        lambda h: h.set("x-a", "v"),
        lambda h: h.remove("x-a"),
        lambda h: list(h.items()),
        lambda h: h.pop("x-a", 1),
    ):
        ours, theirs = Headers(), WHeaders()
        ours._list.append(item)
        theirs._list.append(item)
        got, want = _outcome_of(call, ours), _outcome_of(call, theirs)
        if got[0] == want[0] == "raised":
            continue  # both refuse the item (the exact type may differ: a scan only reads the name)
        assert got[0] == "ok" or want[0] == "ok"


def _outcome_of(call: t.Callable[[t.Any], t.Any], h: t.Any) -> tuple[str, t.Any]:
    try:
        return "ok", call(h)
    except Exception as exc:  # noqa: BLE001
        return "raised", type(exc)


def test_response_headers_is_the_core_class(backend: t.Any) -> None:
    resp = backend.Response("x")
    assert type(resp.headers) is backend.core.Headers and isinstance(resp.headers, WHeaders)
    resp.headers["X-A"] = "1"
    resp.headers.add("X-B", 2)
    del resp.headers["content-length"]
    assert resp.headers is resp.headers
    from support import run_wsgi

    _, headers, _ = run_wsgi(resp)
    assert headers == [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("X-A", "1"),
        ("X-B", "2"),
        ("Content-Length", "1"),
    ]


def test_both_cores_define_the_same_methods() -> None:
    from fastres import core

    if core.compiled is None:
        pytest.skip("compiled core absent")

    def methods(cls: type) -> set[str]:
        return {name for name, value in vars(cls).items() if callable(value)}

    assert methods(_core_py.Headers) == methods(core.compiled.Headers)
    missing = {n for n in vars(WHeaders) if not n.startswith("_") and n not in vars(_core_py.Headers)}
    assert missing == set()
