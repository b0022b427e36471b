# Two commands for a new machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export PORT

.PHONY: run test lint format venv demo migrate static messages browser clean screenshots

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt constraints.txt
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	@touch $@

migrate: venv
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo

static: venv
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0

## Start web server and task worker with the Krefeld demo data (Ctrl-C stops both).
run: demo static
	QUARTIER_DEMO_MODE=$${QUARTIER_DEMO_MODE:-1} $(BIN)/python manage.py serve --port $(PORT)

## The whole suite, browser tests included, on every core (pytest-xdist, one test database per
## process). `make test PYTEST_WORKERS=0` runs it in one process; PYTEST_ARGS adds options.
PYTEST_WORKERS ?= auto
## Compiled modules are kept (__pycache__) even where the environment says not to: every
## process imports and rewrites the whole project, which costs each one about 5 s otherwise.
test: venv browser
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

## PNGs of the main pages at 390 px and 1366 px with the demo data, into var/screenshots/.
screenshots: venv browser
	$(BIN)/python -m pytest e2e/screenshots.py -q
	@echo "Screenshots: var/screenshots/"

## Installs the Debian packages the tests need (Chromium, fonts, pdftotext) if missing.
browser:
	@sh scripts/ensure-system-packages

## Style, migrations, the layering between apps (import-linter) and the type check (mypy).
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/mypy

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: venv
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var/db.sqlite3* var/media var/mail var/static
