"""Build fastres: cythonize ``src/_core.pyx`` into ``fastres._core``.

``FASTRES_NO_EXTENSIONS=1`` at build time gives a pure-Python build (and a
``py3-none-any`` wheel).  ``FASTRES_DEBUG_BUILD=1`` compiles without
optimisation, with assertions and debug symbols.
"""

import os

from setuptools import setup


def _flag(name: str) -> bool:
    value = os.environ.get(name, "")
    return bool(value) and value != "0"


def _extensions() -> list:
    if _flag("FASTRES_NO_EXTENSIONS"):
        return []
    from Cython.Build import cythonize
    from setuptools import Extension

    debug = _flag("FASTRES_DEBUG_BUILD")
    compile_args = ["-O0", "-g3", "-UNDEBUG"] if debug else ["-O3"]
    extension = Extension(
        "fastres._core",
        ["src/_core.pyx"],
        extra_compile_args=compile_args,
        extra_link_args=["-g"] if debug else [],
    )
    return cythonize(
        [extension],
        language_level=3,
        compiler_directives={"linetrace": False, "embedsignature": True},
        annotate=_flag("FASTRES_ANNOTATE"),
    )


setup(ext_modules=_extensions())
