# Guichet — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: system install demo demo-reset test e2e bench bench-quick lint check messages

# The Debian packages of system-packages.txt: installed if missing (as root or with sudo),
# otherwise the command that installs them is printed and make stops.
system:
	@scripts/install-system-packages

install: system $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

# Embedded default: SQLite in var/, tasks in-process, e-mails in var/emails/ (a line each on
# this console), the portal's own error pages (DEBUG off).
demo: export DEBUG = false
demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py encrypt_documents  # documents of a demo older than their encryption
	@echo "Guichet: http://127.0.0.1:8000/  (back office: http://127.0.0.1:8000/admin/)"
	$(PY) manage.py runserver 127.0.0.1:8000

# Back to a fresh demo: its database, documents and e-mails removed (then `make demo`).
demo-reset:
	rm -rf var/db.sqlite3 var/documents var/emails
	@echo "The demo is reset: run make demo."

test: install
	$(PY) -m pytest

e2e: install
	$(PY) -m pytest tests/e2e -m e2e

bench: install
	$(PY) -m bench

bench-quick: install
	$(PY) -m bench --quick

lint: install
	$(VENV)/bin/ruff check .

# Django's system checks (the procedures' registration checks among them) and no model change
# without its migration.
check: install
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

messages: install
	$(PY) manage.py makemessages -l fr --no-obsolete --add-location=file --ignore '.venv/*' --ignore 'bench/*' --ignore 'tests/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'
