# Broadsheet: `make demo` runs the demo newspaper, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(HASH)
DEV_STAMP := $(VENV)/.installed-dev-$(HASH)

.PHONY: demo test check lint types layers pytest bench faults serve clean lock audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The demo needs only what the product runs on; tests, lint and types add the dev tools.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP) $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/broadsheet demo

serve: $(STAMP)
	$(BIN)/broadsheet serve

test: check pytest

check: lint types layers

lint: $(DEV_STAMP)
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

types: $(DEV_STAMP)
	$(BIN)/mypy

layers: $(DEV_STAMP)
	$(BIN)/lint-imports

pytest: $(DEV_STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py

# Fault scripts (minutes each; run as root: they start their own PostgreSQL and Redis, and use unshare -m).
faults: $(DEV_STAMP)
	cd bench/faults && for f in kill_workers sqlite_writers redis_outage postgres_restart full_disk; do \
		echo "=== $$f ==="; ../../$(BIN)/python $$f.py || exit 1; done

# Pins every dependency with hashes (pip's PEP 751 lock, rewritten without file locations).
lock: $(DEV_STAMP)
	$(BIN)/pip lock '.[dev]' -o pylock.toml  # pip writes it beside the project (paths in it are relative)
	$(BIN)/broadsheet dependencies lock pylock.toml --output requirements.lock
	rm pylock.toml

# Offline check of the pins: OSV=path/to/all.zip (the OSV PyPI export, see README).
audit: $(DEV_STAMP)
	$(BIN)/broadsheet dependencies audit --lock requirements.lock --osv $(OSV)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
