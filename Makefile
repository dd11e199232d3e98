# Broadsheet: `make demo` runs the demo newspaper, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test check lint types layers pytest bench faults serve clean lock audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

demo: $(STAMP)
	$(BIN)/broadsheet demo

serve: $(STAMP)
	$(BIN)/broadsheet serve

test: check pytest

check: lint types layers

lint: $(STAMP)
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

types: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Fault scripts (minutes each; run as root: they start their own PostgreSQL and Redis, and use unshare -m).
faults: $(STAMP)
	cd bench/faults && for f in kill_workers sqlite_writers redis_outage postgres_restart full_disk; do \
		echo "=== $$f ==="; ../../$(BIN)/python $$f.py || exit 1; done

# Pins every dependency with hashes (pip's PEP 751 lock, rewritten without file locations).
lock: $(STAMP)
	$(BIN)/pip lock '.[dev]' -o build/pylock.toml
	$(BIN)/broadsheet dependencies lock build/pylock.toml --output requirements.lock

# Offline check of the pins: OSV=path/to/all.zip (the OSV PyPI export, see README).
audit: $(STAMP)
	$(BIN)/broadsheet dependencies audit --lock requirements.lock --osv $(OSV)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
