# fastres developer commands.  Each target sets itself up from a fresh clone:
# a virtualenv in $(VENV), pinned dependencies, and a real (non-editable)
# build of fastres installed into it, so tests never import the source tree.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
DEPS := $(VENV)/.deps-installed
BUILT := $(VENV)/.fastres-built
SOURCES := setup.py pyproject.toml MANIFEST.in src/_core.pyx $(wildcard fastres/*.py fastres/*.pyi)
PYTEST_ARGS ?=

.PHONY: help build test bench conformance clean

help:
	@echo "make test    build fastres and run the whole suite on both cores"
	@echo "make bench   build fastres and compare it with werkzeug (pyperf)"
	@echo "make conformance  run werkzeug's and Flask's own test suites with fastres swapped in"

$(DEPS): constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt setuptools Cython Flask Werkzeug orjson pytest hypothesis pyperf matplotlib
	touch $@

$(BUILT): $(DEPS) $(SOURCES)
	$(PIP) install -q --no-build-isolation --no-deps --force-reinstall .
	touch $@

build: $(BUILT)

# -I: isolated mode, so `fastres` is the installed build, never ./fastres.
# FASTRES_REQUIRE_EXTENSIONS: a missing compiled core fails the run.
test: $(BUILT)
	FASTRES_REQUIRE_EXTENSIONS=1 $(PY) -I -m pytest tests $(PYTEST_ARGS)

bench: $(BUILT)
	$(PY) -I benchmarks/run.py --fast

clean:
	rm -rf $(VENV) $(PEER_VENV) build dist *.egg-info src/_core.c src/_core.html benchmarks/results

# Conformance: werkzeug's and Flask's own test suites (from their pinned
# sdists, cached outside the repo) with fastres swapped in; see
# tests/peer/run.py.  A venv of its own: the peers' test requirements, pinned
# in tests/peer/requirements.txt, and a real build of fastres.
PEER_VENV ?= .venv-peer
PEER_PY := $(PEER_VENV)/bin/python
PEER_DEPS := $(PEER_VENV)/.deps-installed
PEER_BUILT := $(PEER_VENV)/.fastres-built
CONFORMANCE_ARGS ?=

$(PEER_DEPS): constraints.txt pyproject.toml tests/peer/requirements.txt
	$(PYTHON) -m venv $(PEER_VENV)
	$(PEER_PY) -m pip install -q --upgrade pip
	$(PEER_PY) -m pip install -q -c constraints.txt setuptools Cython Flask Werkzeug orjson -r tests/peer/requirements.txt
	touch $@

$(PEER_BUILT): $(PEER_DEPS) $(SOURCES)
	$(PEER_PY) -m pip install -q --no-build-isolation --no-deps --force-reinstall .
	touch $@

conformance: $(PEER_BUILT)
	$(PEER_PY) -I tests/peer/run.py $(CONFORMANCE_ARGS)
