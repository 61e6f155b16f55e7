# Auxilios — the two commands a newcomer needs are `make run` and `make test`.
# Everything is idempotent: run any target on a fresh clone or an old checkout.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# Python 3.13 from pyenv (.python-version); the machine's python3 (3.11) is too old for Django 6.
PYTHON313 := $(shell pyenv which python 2>/dev/null || command -v python3.13)
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: setup deps browser run test lint bench fuzz lock clean

setup: deps browser ## .venv, dependencies, Chromium for browser tests, database and demo data
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --quiet-logins

$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON313)" && "$(PYTHON313)" -c 'import sys; assert sys.version_info[:2] == (3, 13), sys.version' \
	  || { echo "Python 3.13 is required (pyenv install 3.13.0; see .python-version)."; exit 1; }
	@test -x $(PY) || "$(PYTHON313)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --requirement requirements.lock
	@touch $(STAMP)

deps: $(STAMP)

browser: ## Debian's Chromium for the Playwright tests (never a downloaded browser)
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium…"; \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) \
	  || { echo "Could not install chromium: run 'apt-get install chromium' as root."; exit 1; }; }

run: deps ## serve the portal on http://127.0.0.1:8000 (tasks in-process unless REDIS_URL is set)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@if [ -n "$$REDIS_URL$$CELERY_BROKER_URL" ]; then \
	  echo "Starting a Celery worker with beat (broker: $${CELERY_BROKER_URL:-$$REDIS_URL})"; \
	  $(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2 & \
	  trap 'kill %1' EXIT; \
	fi; \
	echo "Portal: http://$(HOST):$(PORT)/   Back office: http://$(HOST):$(PORT)/admin/"; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	AUXILIOS_ENV=production SECRET_KEY=ci-check-$$(date +%s)-not-a-real-secret-but-long-enough-for-django \
	  ALLOWED_HOSTS=portal.example.coop DATABASE_URL=sqlite:////tmp/auxilios-deploy-check.sqlite3 \
	  EMAIL_URL=smtp+tls://portal:secret@smtp.example.coop:587 \
	  $(PY) manage.py check --deploy --fail-level WARNING

test: setup lint ## lint, migrations check, check --deploy, and the whole suite on PostgreSQL + Redis
	$(VENV)/bin/pytest -n 2 --create-db $(PYTEST_ARGS)

bench: setup ## every benchmark; writes docs/benchmarks.md
	$(PY) bench/run_all.py

fuzz: deps ## bounded fuzzing of the ZIP/XML reader
	$(PY) fuzz/fuzz_reader.py -max_total_time=$${FUZZ_SECONDS:-300} -rss_limit_mb=2048 -artifact_prefix=fuzz/

lock: ## re-resolve pinned dependencies into requirements.lock
	rm -rf /tmp/auxilios-lock && "$(PYTHON313)" -m venv /tmp/auxilios-lock
	/tmp/auxilios-lock/bin/pip install --quiet --upgrade pip
	/tmp/auxilios-lock/bin/pip install --quiet -e ".[dev]"
	/tmp/auxilios-lock/bin/pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) var
