# dgmm: two commands on a fresh machine.
#   make run   set up everything and run the product on its embedded default (SQLite, no server)
#   make test  set up everything and run the whole test suite
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# System packages: a stamp per need (run: fonts; test: fonts, poppler, chromium, gettext), touched
# only when scripts/system-deps.sh succeeded, so a failed install is tried again on the next make.
SYSSTAMPS ?= $(VENV)
OUT := out

.PHONY: run test setup system-deps lint bench bench-reports bench-web clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,web,reports]'
	touch $(STAMP)

$(SYSSTAMPS)/.system-deps-%: scripts/system-deps.sh | $(BIN)/python
	bash scripts/system-deps.sh $*
	touch $@

setup: $(STAMP) $(SYSSTAMPS)/.system-deps-test

system-deps: $(SYSSTAMPS)/.system-deps-test

run: $(STAMP) $(SYSSTAMPS)/.system-deps-run
	bash scripts/run.sh

test: setup
	bash scripts/test.sh

lint: $(STAMP)
	$(BIN)/ruff check dgmm tests bench
	$(BIN)/ruff format --check dgmm tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/score.py

bench-reports: setup
	$(BIN)/python bench/reports.py

bench-web: setup
	$(BIN)/python bench/web.py

clean:
	rm -rf $(VENV) $(OUT) test-output
