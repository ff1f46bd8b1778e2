# SPDX-License-Identifier: EUPL-1.2
# Two commands: `make run` starts Casusregie with demo data, `make test` runs every check.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test install lock messages diagram benchmark clean

$(STAMP): requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data
	@echo ""
	@echo "Casusregie draait op http://127.0.0.1:$(PORT)/  (stoppen met Ctrl-C)"
	@$(PY) manage.py demo_logins
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" PORT=$(PORT) $(VENV)/bin/honcho start -f Procfile

test: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	@# The real OpenID Connect provider of the SSO tests (npm, pinned by its lock file).
	@if command -v npm >/dev/null && [ ! -d tests/oidc/provider/node_modules ]; then \
		npm ci --prefix tests/oidc/provider --no-audit --no-fund --silent; fi
	$(PY) -m pytest

# Re-resolve the dependency ranges of pyproject.toml into the exact pins of requirements.lock.
lock:
	$(PYTHON) scripts/lock.py

messages: install
	$(PY) manage.py makemessages --locale en --ignore ".venv/*" --ignore "var/*"
	$(PY) manage.py compilemessages --locale en

diagram: install
	$(PY) manage.py phase_diagram > docs/phase-diagram.md

clean:
	rm -rf $(VENV) var
