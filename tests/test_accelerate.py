"""``core.accelerate``: the compiled core's own construct and call slots.

With the compiled core, ``Response(...)`` and ``response(environ,
start_response)`` skip CPython's generic slot dispatch.  These tests pin that
nothing observable changes: every argument form, every error, and every way a
class can take ``__new__``, ``__init__`` or ``__call__`` back.  They run on
both cores (``accelerate`` is a no-op in the pure twin) and must agree.
"""

from __future__ import annotations

import copy

import pytest
import werkzeug

from support import WSGI_ENVIRON, run_wsgi


def _signature(response):
    return (response.status, list(response.headers), response.get_data(), response.direct_passthrough)


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((), {}),
        (("body",), {}),
        (("body", 201), {}),
        (("body", 201, {"X-A": "1"}, "text/plain", None, True), {}),
        ((), {"response": b"body", "status": "202 ACCEPTED"}),
        (("body",), {"mimetype": "application/json"}),
        (("body",), {"content_type": "text/x-a; charset=utf-8", "headers": [("X-B", "2")]}),
        ((["a", "b"],), {"direct_passthrough": True}),
        ((None, None, None, None, None, False), {}),
    ],
)
def test_every_argument_form_builds_what_init_builds(backend, args, kwargs):
    made = backend.Response(*args, **kwargs)
    by_hand = backend.Response.__new__(backend.Response)
    backend.Response.__init__(by_hand, *args, **kwargs)
    assert type(made) is backend.Response
    assert _signature(made) == _signature(by_hand)


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((), {"nope": 1}, "nope"),
        (("a",), {"response": "b"}, "response"),
        (("a", 200, None, None, None, False, "extra"), {}, "positional"),
        ((), {"status": 200, **{"status ": 1}}, "status "),
    ],
)
def test_bad_arguments_raise_typeerror(backend, args, kwargs, message):
    with pytest.raises(TypeError, match=message):
        backend.Response(*args, **kwargs)


def test_a_subclass_init_runs(backend):
    class Tagged(backend.Response):
        def __init__(self, *args, **kwargs):
            self.tag = kwargs.pop("tag")
            super().__init__(*args, **kwargs)

    response = Tagged("body", tag="t")
    assert response.tag == "t" and response.get_data() == b"body"


def test_new_and_init_assigned_after_the_class_was_made(backend):
    class Late(backend.Response):
        pass

    seen = []

    def __new__(cls, *args, **kwargs):
        seen.append("new")
        return object.__new__(cls)

    Late("warm up the class cache")
    Late.__new__ = staticmethod(__new__)
    Late("x")
    assert seen == ["new"]

    def __init__(self, *args, **kwargs):
        seen.append("init")
        backend.Response.__init__(self, *args, **kwargs)

    Late.__init__ = __init__
    assert Late("y").get_data() == b"y"
    assert seen == ["new", "new", "init"]
    del Late.__init__
    assert Late("z").get_data() == b"z" and seen == ["new", "new", "init", "new"]


def test_call_assigned_after_the_class_was_made(backend):
    class Late(backend.Response):
        pass

    response = Late("body")
    assert run_wsgi(response)[2] == b"body"
    Late.__call__ = lambda self, environ, start_response: [b"replaced"]
    assert response(dict(WSGI_ENVIRON), lambda *a: None) == [b"replaced"]
    del Late.__call__
    assert run_wsgi(response)[2] == b"body"


def test_call_with_keywords_and_wrong_arity(backend):
    response = backend.Response("body")
    started = []
    app_iter = response(environ=dict(WSGI_ENVIRON), start_response=lambda *a: started.append(a))
    assert b"".join(app_iter) == b"body" and started[0][0] == "200 OK"
    with pytest.raises(TypeError):
        response(dict(WSGI_ENVIRON))
    with pytest.raises(TypeError):
        response(dict(WSGI_ENVIRON), lambda *a: None, "extra")


def test_a_metaclass_call_is_honoured(backend):
    class Meta(type):
        def __call__(cls, *args, **kwargs):
            instance = super().__call__(*args, **kwargs)
            instance.via_meta = True
            return instance

    class Fancy(backend.Response, metaclass=Meta):
        pass

    assert Fancy("body").via_meta is True


def test_deleting_new_behaves_as_on_werkzeug(backend):
    # CPython keeps a stale tp_new after `del cls.__new__`; the fast path must not hide it.
    def outcome(base):
        class Late(base):
            pass

        Late.__new__ = staticmethod(lambda cls, *args, **kwargs: object.__new__(cls))
        del Late.__new__
        try:
            return Late("x").get_data()
        except TypeError as error:
            return str(error)

    assert outcome(backend.Response) == outcome(werkzeug.Response)


def test_automatically_set_content_length_every_way_it_can_be_set(backend):
    class Off(backend.Response):
        automatically_set_content_length = False

    class ByProperty(backend.Response):
        @property
        def automatically_set_content_length(self):
            return self.wants_length

        def __init__(self, *args, wants_length, **kwargs):
            self.wants_length = wants_length
            super().__init__(*args, **kwargs)

    def has_length(response):
        return "Content-Length" in response.headers

    assert has_length(backend.Response("x")) and not has_length(Off("x"))
    assert has_length(ByProperty("x", wants_length=True))
    assert not has_length(ByProperty("x", wants_length=False))
    Off("warm the class cache")
    Off.automatically_set_content_length = True
    assert has_length(Off("x"))


def test_the_core_own_header_names_do_not_vouch_for_values(backend):
    # Items the core made carry its own name objects; a tuple reusing such a
    # name object with a new value is still checked.
    response = backend.Response("x")
    content_type_name, content_length_name = (name for name, _ in response.headers._list)
    for name in (content_type_name, content_length_name):
        bad = backend.Response("x")
        bad.headers._list.append((name, "1\r\nX-Injected: yes"))
        with pytest.raises(ValueError, match="newline"):
            run_wsgi(bad)


def test_a_status_code_changed_behind_the_status_line_is_checked(backend):
    response = backend.Response("x")
    response._status_code = 5000  # the default status line object stays
    with pytest.raises(ValueError, match="5000"):
        run_wsgi(response)


STATE = {"response", "_status", "_status_code", "headers", "direct_passthrough", "_on_close"}


def test_instance_attributes_work_on_a_response_built_by_the_fast_path(backend):
    # The construct slot installs the instance __dict__ whole: werkzeug's state.
    response = backend.Response("x")
    assert set(vars(response)) == STATE
    response.note = "kept"
    assert vars(response)["note"] == "kept" and response.note == "kept"
    clone = copy.copy(response)
    assert clone.note == "kept" and clone.get_data() == b"x"
    restored = copy.deepcopy(response)
    assert restored.note == "kept" and restored.get_data() == b"x" and restored.status == "200 OK"
    del response.note
    assert set(vars(response)) == STATE
