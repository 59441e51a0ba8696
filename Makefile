# StateUp CMS: `make run` to serve the site locally, `make test` to check everything.
# Both set up the virtualenv first; running them again only redoes what changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run test lint format lock bench clean messages compilemessages

help:
	@echo "make run     set up, migrate, load demo content and serve on http://$(HOST):$(PORT)/"
	@echo "make test    set up, lint, check migrations and run the whole test suite"
	@echo "make bench   measure requests/s and latency under gunicorn (see README)"
	@echo "make format  apply ruff's fixes and formatting"
	@echo "make lock    re-pin every dependency in requirements.lock"
	@echo "make messages  add newly marked strings to locale/es and locale/pt, then check them"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $@

install: $(INSTALLED)

run: install compilemessages
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py loaddemo
	DJANGO_DEBUG=1 $(BIN)/python manage.py demostaff --site-url http://$(HOST):$(PORT)
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint compilemessages
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --extra dev --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var media staticfiles .coverage htmlcov

# Search latency (p50/p95/p99) on 10,000 generated briefs, in a database of its own
# (<database>_bench, or var/bench.sqlite3); set DATABASE_URL to measure PostgreSQL.
.PHONY: bench-search
bench-search: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py benchsearch --briefs 10000

# Lighthouse (pinned in audit/package-lock.json, installed with npm ci) on a brief
# page served by gunicorn with production settings; prints the four category
# scores and fails below 95. Needs Node.js 18.20+ and Chromium (CHROME_PATH).
.PHONY: audit
AUDIT_NPM := audit/node_modules/.package-lock.json
$(AUDIT_NPM): audit/package.json audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund
	@touch $@

audit: install $(AUDIT_NPM)
	$(BIN)/python audit/lighthouse.py $(AUDIT_ARGS)

# Translations (see README, "Translations"). The catalogues (.po) are committed; the
# compiled .mo files are made here, by `make run` and `make test`, and never committed.
# Folders makemessages never reads: tooling, tests and generated files.
MESSAGES_IGNORE := --ignore=.venv --ignore=audit --ignore=bench --ignore=tests --ignore=demo \
	--ignore=node_modules --ignore=staticfiles --ignore=media --ignore=var --ignore=htmlcov
compilemessages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv -v 0

messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l es -l pt --no-obsolete $(MESSAGES_IGNORE)
	for po in locale/*/LC_MESSAGES/django.po; do msgfmt --check --statistics -o /dev/null $$po; done
