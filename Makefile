# Two commands matter: `make run` (set up and serve on http://127.0.0.1:5000 with SQLite)
# and `make test` (set up and run the whole suite). Everything else is a step of those.
VENV := .venv
BIN := $(VENV)/bin
FLASK := KINTSUGI_ENV=development $(BIN)/flask --app server

.PHONY: run test setup build migrate test-tools lint

$(BIN)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build: node_modules/.installed
	npm run build

setup: $(BIN)/.installed build

migrate: $(BIN)/.installed
	$(FLASK) db upgrade

run: setup migrate
	$(FLASK) run --host 127.0.0.1 --port 5000

# Browser tests drive Debian's Chromium; the multi-worker tests start a private redis-server and,
# where no PostgreSQL answers on 127.0.0.1:5432, a private cluster from Debian's postgresql.
# The production-stack and backup tests run Caddy, trust its CA with NSS's certutil, and use
# psql / pg_dump / pg_restore. Install what is missing when we may (root); otherwise say what
# is needed.
test-tools:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v caddy >/dev/null 2>&1 || missing="$$missing caddy"; \
	command -v certutil >/dev/null 2>&1 || missing="$$missing libnss3-tools"; \
	command -v pg_restore >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y $$missing; \
	  else echo "The tests need Debian packages:$$missing (sudo apt-get install$$missing)" >&2; \
	  exit 1; fi; fi

# The API tests on both cores (pytest-xdist, a database per worker), then the browser tests one
# at a time (two Chromiums on two cores would only make each wait).
test: setup test-tools
	$(BIN)/pytest -n 2 --ignore=tests/browser
	$(BIN)/pytest tests/browser

# No import cycle in server/ and no view importing another (tools/import_cycles.py), no dead code
# (vulture: see pyproject.toml),
# then ruff with the security rules (S, flake8-bandit: see pyproject.toml). Then every bandit
# check again over all of server/: with --isolated it also covers the generated migrations
# (excluded from the style rules), and --preview adds bandit's dangerous-import checks (pickle,
# xml, telnetlib, ftplib, pycrypto: S4xx), which ruff still counts as preview.
lint: $(BIN)/.installed
	$(BIN)/python tools/import_cycles.py server
	$(BIN)/vulture
	$(BIN)/ruff check .
	$(BIN)/ruff check --isolated --preview --select S server
