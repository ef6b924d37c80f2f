# The two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test lint bench bench-quick audit install messages clean-venv mutate

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file changes, so a second `make run` starts in seconds.
$(VENV)/.installed: requirements.lock | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(VENV)/.installed

run: install
	bin/run

test: install
	bin/check-system
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Served as in production (gunicorn, 2 workers) and loaded with wrk, 100,000 generated reports
# by default; see bench/README.md for BENCH_DATABASE_URL, BENCH_REPORTS and BENCH_REUSE.
bench: install
	$(PY) bench/load.py

# In-process figures on the 2,000 demo reports (no server, no wrk): quick, between commits.
bench-quick: install
	$(PY) bench/run.py

# Known vulnerabilities in the pinned packages (pip-audit). Needs the network, so it is not
# part of `make test`; exits 2 with the reason when no vulnerability database answers.
audit: install
	$(PY) scripts/audit.py

# Mutation testing of the core rules (not part of `make test`: it takes minutes and all of a
# core). One module at a time, one test process at a time; `mutmut browse` shows the details.
# MUTATE_MODULES=pakn.reports.deadlines make mutate  runs one module.
MUTATE_MODULES ?= pakn.reports.workflow pakn.reports.deadlines pakn.core.calendar \
	pakn.core.personal_numbers
mutate: install
	for module in $(MUTATE_MODULES); do \
		$(VENV)/bin/mutmut run --max-children 1 "$$module.*" > /dev/null || exit 1; \
	done
	$(PY) bin/mutation-score $(MUTATE_MODULES)

# Refresh the message catalogues after changing translatable strings (needs gettext).
messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

clean-venv:
	rm -rf $(VENV)
