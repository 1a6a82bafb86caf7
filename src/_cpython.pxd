# cython: language_level=3
# The CPython C API the compiled core uses beyond Cython's own cpython.* pxds:
# declarations only, no code.  What each assumption about CPython's internals
# means, and the versions it holds for, is in the "CPython internals" section
# of _core.pyx.

from cpython.object cimport PyObject


cdef extern from "Python.h":
    # Calls and type slots
    ctypedef PyObject* (*vectorcallfunc)(PyObject*, PyObject* const*, size_t, PyObject*)
    ctypedef PyObject* (*ternaryfunc)(PyObject*, PyObject*, PyObject*)
    ctypedef object (*newfunc)(object, object, PyObject*)
    ctypedef object (*allocfunc)(object, Py_ssize_t)
    ctypedef struct PyTypeObject:
        unsigned int tp_version_tag
        vectorcallfunc tp_vectorcall
        ternaryfunc tp_call
        newfunc tp_new
        allocfunc tp_alloc
    unsigned long Py_TPFLAGS_IS_ABSTRACT
    Py_ssize_t PyVectorcall_NARGS(size_t)
    bint PyType_HasFeature(PyTypeObject*, unsigned long)
    object PyObject_Vectorcall(object, PyObject* const*, size_t, PyObject*)

    # Descriptors and the instance dict
    object PyObject_GenericGetDict(object, void*)
    ctypedef int (*setter)(PyObject*, PyObject*, void*) except -1
    ctypedef struct PyGetSetDef:
        setter set
        void* closure
    ctypedef struct PyGetSetDescrObject:
        PyGetSetDef* d_getset

    # Dicts
    object PyDict_Copy(object)
    PyObject* PyDict_GetItemWithError(object, object) except? NULL
    Py_ssize_t PyDict_GET_SIZE(object)
    bint PyDict_Next(object, Py_ssize_t*, PyObject**, PyObject**)

    # The garbage collector
    bint PyObject_GC_IsTracked(object)
    void PyObject_GC_Track(object)

    # Lists
    PyObject* PyList_GET_ITEM(object, Py_ssize_t)
    list PyList_GetSlice(object, Py_ssize_t, Py_ssize_t)

    # Numbers
    const Py_ssize_t PY_SSIZE_T_MAX
    long PyLong_AsLongAndOverflow(object, int*) except? -1
    object PyNumber_Long(object)
    double PyFloat_AS_DOUBLE(object)

    # Strings
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_ssize_t PyUnicode_GET_LENGTH(object)
    int PyUnicode_IS_ASCII(object)
    enum: PyUnicode_1BYTE_KIND
    object PyUnicode_DecodeASCII(const char*, Py_ssize_t, const char*)
    str PyUnicode_New(Py_ssize_t, unsigned int)
    str PyUnicode_FromObject(object)
    Py_ssize_t PyUnicode_CopyCharacters(object, Py_ssize_t, object, Py_ssize_t, Py_ssize_t) except -1
    unsigned int PyUnicode_MAX_CHAR_VALUE(object)
    char* PyBytes_AS_STRING(object)
    Py_ssize_t PyBytes_GET_SIZE(object)
    object PyBytes_FromStringAndSize(const char*, Py_ssize_t)
