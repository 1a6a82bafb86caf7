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

.PHONY: help build test bench clean

help:
	@echo "make test    build fastres and run the whole suite on both cores"
	@echo "make bench   build fastres and compare it with werkzeug (pyperf)"

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
	rm -rf $(VENV) build dist *.egg-info src/_core.c src/_core.html benchmarks/results
