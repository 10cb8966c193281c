# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install demo serve test e2e lint format chromium poppler bench clean

$(BIN)/daihoi: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(BIN)/daihoi

install: $(BIN)/daihoi

demo: install
	$(BIN)/daihoi migrate --noinput
	$(BIN)/daihoi demo --if-empty --address $(HOST)
	@# The background worker (imports, scan reading) runs beside the server and stops with it.
	$(BIN)/daihoi worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	$(BIN)/daihoi runserver $(HOST)

serve: install
	$(BIN)/daihoi runserver $(HOST)

test: install poppler
	$(BIN)/pytest -n 2

# The tests read back the PDFs we print with poppler's pdftotext/pdftoppm.
poppler:
	@command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils)

# Browser journeys in Debian's chromium (never `playwright install`: no download works here).
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

e2e: install chromium
	$(BIN)/pytest -m e2e -p no:cacheprovider -o addopts="" -q tests/e2e

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/count.py
	$(BIN)/python bench/import_members.py
	$(BIN)/python bench/job_queue.py
	$(BIN)/python bench/api_auth.py

clean:
	rm -rf $(VENV) db staticfiles .pytest_cache .ruff_cache
