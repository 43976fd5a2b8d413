# Two commands on a fresh machine: `make chat` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install chat run webhook test bench migrate clean cluster

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/unionbot i18n check
	$(BIN)/unionbot answers build
	touch $(STAMP)

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
