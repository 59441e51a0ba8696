# StateUp CMS: `make run` to serve the site locally, `make test` to check everything.
# Both set up the virtualenv first; running them again only redoes what changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run test lint format lock bench bench-send clean messages compilemessages

help:
	@echo "make run     set up, migrate, load demo content and serve on http://$(HOST):$(PORT)/"
	@echo "make test    set up, lint, check migrations and run the whole test suite"
	@echo "make bench   measure requests/s and latency under gunicorn (see README)"
	@echo "make bench-pdf  time the PDF edition of the seed's EU–LAC brief (goal < 3 s)"
	@echo "make bench-send  send a campaign to 100,000 subscribers over SMTP (see README)"
	@echo "make format  apply ruff's fixes and formatting"
	@echo "make lock    re-pin every dependency in requirements.lock"
	@echo "make messages  add newly marked strings to locale/es and locale/pt, then check them"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $@

install: $(INSTALLED)

# WeasyPrint's system libraries for PDF editions: installed when missing if this is root
# on Debian; otherwise the site runs without PDFs and the admin says why.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
.PHONY: pdf-deps
pdf-deps:
	@if ldconfig -p 2>/dev/null | grep -q libpango-1.0.so.0 && ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset.so.0; then :; \
	elif [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get install -y -qq --no-install-recommends $(PDF_PACKAGES) >/dev/null || echo "Could not install $(PDF_PACKAGES): PDF editions are off"; \
	else echo "Pango is missing: PDF editions are off until $(PDF_PACKAGES) are installed (the admin says so too)"; fi

# The site's address reaches every command and the server (links in emails).
RUN_ENV := DJANGO_DEBUG=1 STATEUP_SITE_URL=http://$(HOST):$(PORT)

run: install pdf-deps compilemessages
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py loaddemo
	$(RUN_ENV) $(BIN)/python manage.py demostaff
	@# The background worker (emails, campaigns, PDFs, reminders) runs beside the web
	@# server and stops with it, however runserver ends (Ctrl+C, an error).
	$(RUN_ENV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

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

# Campaign sending: 100,000 confirmed subscribers in a database of their own
# (<database>_sendbench, or var/sendbench.sqlite3), one campaign, sent by real workers
# over SMTP to a local aiosmtpd sink; prints messages/s, the ratio to bare smtplib
# loops to the same sink (one connection per worker), and worker memory.
# SEND_ARGS="--backend rq" for the Redis queue, "--workers 1" for one worker.
bench-send: install
	$(BIN)/python bench/send.py $(SEND_ARGS)

# Search latency (p50/p95/p99) on 10,000 generated briefs, in a database of its own
# (<database>_bench, or var/bench.sqlite3); set DATABASE_URL to measure PostgreSQL.
.PHONY: bench-search
bench-search: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py benchsearch --briefs 10000

# How long the PDF edition of the seed's EU–LAC brief takes to make (goal: under 3 s),
# in a SQLite file of its own (var/bench-pdf.sqlite3). Printed, not asserted.
.PHONY: bench-pdf
bench-pdf: install
	$(BIN)/python bench/pdf.py $(BENCH_ARGS)

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
