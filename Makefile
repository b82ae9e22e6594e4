# Terbuka: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/terbuka
# Test processes per database leg (pytest-xdist); 0 runs the tests in one process.
TEST_WORKERS ?= 2
export TEST_WORKERS

.PHONY: run setup dev test test-sqlite test-postgres test-random lint lock messages bench fuzz clean

$(BIN)/pip:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Runtime only (what `make run` and production need), pinned with hashes in requirements/runtime.txt.
$(BIN)/terbuka: pyproject.toml requirements/runtime.txt | $(BIN)/pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/runtime.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

# Development tools on top (pytest, ruff, mypy…): requirements/dev.txt holds the runtime set with the same
# pins plus the `dev` extra, all with hashes.
$(BIN)/pytest: $(BIN)/terbuka requirements/dev.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@

dev: $(BIN)/pytest

# Regenerate both lock files from pyproject.toml with pip-tools (installed into .venv only for this);
# `make lock LOCK_ARGS=--upgrade` moves every pin to the newest release allowed.
LOCK_FLAGS := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
LOCK_HOW := make lock (pip-compile --generate-hashes from pyproject.toml
lock: | $(BIN)/pip
	$(BIN)/pip install --quiet pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="$(LOCK_HOW) [project.dependencies])" \
		$(BIN)/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) --output-file requirements/runtime.txt pyproject.toml
	CUSTOM_COMPILE_COMMAND="$(LOCK_HOW) [project.dependencies] + the dev extra, -c runtime.txt)" \
		$(BIN)/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) --extra dev --constraint requirements/runtime.txt \
		--output-file requirements/dev.txt pyproject.toml

setup: $(BIN)/terbuka
	$(BIN)/terbuka migrate --noinput -v0
	$(BIN)/terbuka calendar sync
	$(BIN)/terbuka demo
	TERBUKA_COLLECTSTATIC=1 $(BIN)/terbuka collectstatic --noinput -v0

# `terbuka serve --port $(PORT)` also sets SITE_URL (QR codes, e-mail links) to http://127.0.0.1:$(PORT) unless given.
run: setup
	$(BIN)/terbuka serve --port $(PORT)

test: $(BIN)/pytest
	@./scripts/test

test-sqlite: $(BIN)/pytest
	env -u DATABASE_URL $(BIN)/pytest -q -n $(TEST_WORKERS)

test-postgres: $(BIN)/pytest
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n $(TEST_WORKERS)

# Tests in a shuffled order (modules and the tests inside them), to prove they do not depend on each other;
# one process (each xdist worker would shuffle differently). Repeat a run with --random-order-seed=N.
test-random: $(BIN)/pytest
	env -u DATABASE_URL $(BIN)/pytest --random-order

lint: $(BIN)/pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/terbuka makemigrations --check --dry-run

messages: $(BIN)/terbuka
	$(BIN)/terbuka makemessages -l en --ignore=.venv --ignore=var
	$(BIN)/terbuka compilemessages --ignore=.venv

bench: $(BIN)/terbuka
	$(BIN)/python bench/calendar_bench.py

# The long schema-driven fuzz of the whole API (the short one runs in `make test`); see docs/security.md.
fuzz: $(BIN)/pytest
	$(BIN)/python bench/api_fuzz.py $(FUZZ_ARGS)

clean:
	rm -rf $(VENV) var
