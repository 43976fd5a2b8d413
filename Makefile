# Two commands on a fresh machine: `make chat` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install chat run webhook test bench migrate clean cluster lock

# Installs the pinned versions of constraints.txt (the ranges are in pyproject.toml).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m compileall -q bot handlers ui domain  # bytecode even where PYTHONDONTWRITEBYTECODE is set (start -0.2 s)
	$(BIN)/unionbot i18n check
	$(BIN)/unionbot answers build
	touch $(STAMP)

# Re-pin: resolve pyproject.toml's ranges in a throw-away virtualenv and freeze them.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[dev]'
	head -3 constraints.txt > constraints.new
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e ' >> constraints.new
	mv constraints.new constraints.txt
	rm -rf .lock-venv
	@echo "constraints.txt updated: run make test, then commit it"

install: $(STAMP)

chat: install
	$(BIN)/unionbot chat

run: install
	$(BIN)/unionbot run

webhook: install
	$(BIN)/unionbot webhook

migrate: install
	$(BIN)/unionbot db upgrade

test: install
	$(BIN)/unionbot i18n check
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench

# Production shape on loopback: 2 webhook workers + scheduler + load balancer on the machine's
# PostgreSQL and Redis (deploy/README.md). Ctrl-C stops everything.
cluster: install
	$(BIN)/unionbot cluster

clean:
	rm -rf $(VENV) .pytest_cache
