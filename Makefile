# The README's commands. Each target sets up what it needs, so a fresh clone only needs
# Python 3.11 and the package registries.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# One stamp per requirements file: `make run` installs what runs the site, the test
# targets add the tools on top.
STAMP := $(VENV)/.requirements-installed
DEV_STAMP := $(VENV)/.requirements-dev-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format venv dev-venv bench e2e test-postgres load validate perf perf-fragments

venv: $(STAMP)
dev-venv: $(DEV_STAMP)

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

# Web Push keys for `make run`, made once and kept beside the SQLite file (see the README for
# production, where they come from the environment).
VAPID_ENV := var/vapid.env

$(VAPID_ENV): | venv
	@mkdir -p var
	DJANGO_DEBUG=true $(BIN)/python manage.py generate_vapid_keys > $@.tmp && mv $@.tmp $@

## run: set up, migrate SQLite, load the catalog and the demo account, serve on :8000 with the worker (mail, notifications, reminders) beside it
run: venv $(VAPID_ENV)
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py setup_demo
	set -a && . ./$(VAPID_ENV) && set +a && \
	DJANGO_DEBUG=true DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://$(HOST):$(PORT)} \
	$(BIN)/python manage.py serve $(HOST):$(PORT)

## test: set up and run the whole test suite, with the linters first
# The tests that need no browser run in two processes (pytest-xdist, one per core); then the
# browser tests and the production lane (one browser, one gunicorn) in one. Both always run;
# the target fails if either failed.
SUITE = $(BIN)/python -m pytest -n 2 --ignore=tests/e2e --ignore=tests/production; fast=$$?; \
	$(BIN)/python -m pytest tests/e2e tests/production && exit $$fast

test: dev-venv lint
	sh -c '$(SUITE)'

## e2e: only the browser tests (needs the chromium package; see .ci/run)
e2e: dev-venv
	$(BIN)/python -m pytest tests/e2e

lint: dev-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: dev-venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: time the Reports (analysis, each chart uncached, cache hit) for 30/365/3,650 days, and a share link's FHIR file for 20 years
bench: venv
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py bench_reports
	DJANGO_DEBUG=true $(BIN)/python manage.py bench_share_fhir

## validate: check the Reports' statistics on 192,000 simulated diaries, the randomised experiment on 13,000 and the before/after comparison on 20,000 (all cores)
validate: venv
	OPENBLAS_NUM_THREADS=1 DJANGO_DEBUG=true $(BIN)/python manage.py validate_reports

## test-postgres: the whole test suite against a throw-away PostgreSQL (Debian's postgresql)
test-postgres: dev-venv
	scripts/with-postgres sh -c '$(SUITE)'

## load: gunicorn on 127.0.0.1 under simulated users (LOAD_USERS=20 LOAD_SECONDS=30)
LOAD_USERS ?= 20
LOAD_SECONDS ?= 30
load: venv
	$(BIN)/python scripts/load.py --users $(LOAD_USERS) --seconds $(LOAD_SECONDS)

## perf: every page's req/s under gunicorn + wrk against a bare Django view (PERF_SECONDS=5 PERF_ROUNDS=3), on SQLite, then on two servers sharing PostgreSQL and Redis
perf: venv
	$(BIN)/python scripts/perf.py
	scripts/with-postgres $(BIN)/python scripts/perf.py --pair

## perf-fragments: each {% cache %} fragment's gain as a paired A/B (PERF_FRAGMENTS=nav,entry_form to pick)
perf-fragments: venv
	$(BIN)/python scripts/perf_fragments.py
