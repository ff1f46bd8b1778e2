# SPDX-License-Identifier: EUPL-1.2
# Two commands: `make run` starts Casusregie with demo data, `make test` runs every check.
# Dependencies: requirements.txt (runtime) and requirements-dev.txt (runtime + development),
# both locked with hashes by `make lock` (uv); every install checks the hashes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
# make test runs the suite on this many processes (pytest-xdist); TEST_WORKERS=0 for one.
TEST_WORKERS ?= 2
# --no-deps: install exactly the lock, resolve nothing (as the Dockerfile does). Python 3.11's
# own pip (23.2) resolving the lock picked a newer fonttools for WeasyPrint's
# `fonttools[woff]` than the locked one, once that newer release existed, and refused it.
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
UV_COMPILE := $(VENV)/bin/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)

.PHONY: run test install lock audit sbom messages diagram benchmark clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements-dev.txt
	$(PY) -m pip check --disable-pip-version-check
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
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	@# The real OpenID Connect provider of the SSO tests (npm, pinned by its lock file).
	@if command -v npm >/dev/null && [ ! -d tests/oidc/provider/node_modules ]; then \
		npm ci --prefix tests/oidc/provider --no-audit --no-fund --silent; fi
	msgfmt -c --check-format -o /dev/null locale/en/LC_MESSAGES/django.po
	@# Both cores; the tests with a real broker or a production database run one at a time
	@# on one of them (tests/conftest.py, SERVICE_TESTS), the rest beside them.
	$(PY) -m pytest -n $(TEST_WORKERS)
	$(MAKE) --no-print-directory audit

# Re-resolve pyproject.toml's ranges into the two hashed locks. Run it after changing the
# dependencies in pyproject.toml (or after merging branches that did), and commit both files.
# Existing pins are kept; `make lock UPGRADE=1` moves every pin to the newest allowed version.
lock:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet --disable-pip-version-check "uv>=0.9,<1"
	$(UV_COMPILE) -o requirements.txt
	$(UV_COMPILE) --extra dev -c requirements.txt -o requirements-dev.txt

# Known vulnerabilities in the runtime lock (PyPI's advisory data); docs/deployment.md.
audit: install
	$(PY) scripts/audit.py

# CycloneDX software bill of materials of the runtime lock.
sbom: install
	@mkdir -p var
	$(VENV)/bin/cyclonedx-py requirements requirements.txt --pyproject pyproject.toml \
		--output-reproducible --output-format JSON --output-file var/sbom.cdx.json
	@echo "SBOM: var/sbom.cdx.json"

messages: install
	$(PY) manage.py makemessages --locale en --ignore ".venv/*" --ignore "var/*"
	$(PY) scripts/po_unfuzzy.py locale/en/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --locale en

diagram: install
	$(PY) manage.py phase_diagram > docs/phase-diagram.md

clean:
	rm -rf $(VENV) var
