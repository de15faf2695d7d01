# microcred: `make site` checks the catalogue and builds the site; `make test` runs the tests.
# The first run creates .venv with the Python found as $(PYTHON) and installs the project.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: help install install-test site build serve check test lint bench docs clean

help:
	@echo "make site   - install, check the catalogue, build the site into site/"
	@echo "make test   - install with test extras and run the whole test suite"
	@echo "make serve  - live preview of the site on http://127.0.0.1:8000/"
	@echo "make check  - check the catalogue only"
	@echo "make lint   - ruff over the package and the tests"
	@echo "make bench  - run the benchmarks and rewrite docs/benchmarks.md"
	@echo "make docs   - regenerate docs/rules.md, docs/fields.md and .github/CODEOWNERS"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

site build: install
	$(BIN)/microcred build

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: install
	$(BIN)/microcred check

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check scripts tests

bench: install-test
	$(BIN)/python -m benchmarks

docs: install
	$(BIN)/microcred rules --write docs/rules.md
	$(BIN)/microcred fields --write docs/fields.md
	$(BIN)/microcred codeowners

clean:
	rm -rf site .pytest_cache
