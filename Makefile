# Two commands: `make run` (site with demo content) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
UV_VERSION := 0.13.8
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test install install-dev migrate seed lint audit format e2e bench clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed-base: requirements/base.lock $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/base.lock
	touch $@

$(VENV)/.installed-dev: requirements/dev.lock $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements/dev.lock
	touch $@ $(VENV)/.installed-base

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed-base node_modules/.installed
install-dev: $(VENV)/.installed-dev node_modules/.installed

migrate: install
	$(BIN)/python manage.py migrate --no-input -v 0

seed: migrate
	$(BIN)/python manage.py seed_demo

# Threads matter: the mock DigiD's token call comes back to this same server.
# The site's own address follows HOST and PORT (links in e-mail, the mock's login), unless set.
run: seed
	@echo "Het Hogeland draait op http://$(HOST):$(PORT)/ (stoppen met Ctrl+C)"
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} \
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)} \
	$(BIN)/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 \
		--no-control-socket --access-logfile - --env DJANGO_SETTINGS_MODULE=$(DJANGO_SETTINGS_MODULE) \
		--config config/gunicorn.py

# PYTEST_WORKERS=2: two pytest-xdist workers. Tests are then handed out one at a time in
# pytest-django's order, so on each worker the tests that flush the database (live server,
# transactional) come after those that need the migrations' data (Site, root page, service
# norms): not --dist loadfile. A module with one expensive module fixture (scale-out stack,
# private PostgreSQL) is an xdist_group; test files that use Redis each have a database number
# of their own. Still one process by default: in the one full run with two workers (SQLite,
# 24.5 min on a busy machine) the PostgreSQL-restart test failed once (pytest 9.2 had split its
# xdist_group over both workers: see README, "Tests and CI"), and PostgreSQL was not run with
# two workers.
PYTEST_WORKERS ?= 0
test: install-dev
	scripts/ensure-chromium.sh
	scripts/ensure-varnish.sh
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Security scanners: bandit (config in pyproject.toml), then pip-audit and npm audit, which fail
# when their vulnerability database cannot be reached (AUDIT_UNREACHABLE=warn: a warning).
audit: install-dev node_modules/.installed
	$(BIN)/bandit -c pyproject.toml -r . -q
	BIN=$(BIN) scripts/audit-dependencies.sh

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Public pages (queries, cache hits vs a static file, the service index at scale), then
# search on SQLite and PostgreSQL side by side. The other benchmarks are run by hand (README).
bench: install-dev
	$(BIN)/python bench/serve_pages.py
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) node_modules var
