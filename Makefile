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
	@sh scripts/system-packages.sh
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
