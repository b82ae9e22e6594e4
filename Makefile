# Terbuka: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/terbuka

.PHONY: run setup test test-sqlite test-postgres lint messages bench fuzz clean

$(BIN)/terbuka: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

setup: $(BIN)/terbuka
	$(BIN)/terbuka migrate --noinput -v0
	$(BIN)/terbuka calendar sync
	$(BIN)/terbuka demo
	TERBUKA_COLLECTSTATIC=1 $(BIN)/terbuka collectstatic --noinput -v0

run: setup
	$(BIN)/terbuka serve --port $(PORT)

test: $(BIN)/terbuka
	@./scripts/test

test-sqlite: $(BIN)/terbuka
	$(BIN)/pytest -q

test-postgres: $(BIN)/terbuka
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q

lint: $(BIN)/terbuka
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/terbuka makemigrations --check --dry-run

messages: $(BIN)/terbuka
	$(BIN)/terbuka makemessages -l en --ignore=.venv --ignore=var
	$(BIN)/terbuka compilemessages --ignore=.venv

bench: $(BIN)/terbuka
	$(BIN)/python bench/calendar_bench.py

# The long schema-driven fuzz of the whole API (the short one runs in `make test`); see docs/security-resilience.md.
fuzz: $(BIN)/terbuka
	$(BIN)/python bench/api_fuzz.py $(FUZZ_ARGS)

clean:
	rm -rf $(VENV) var
