# The two commands a newcomer needs are `make run` and `make test`;
# everything else here is a step they depend on.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
VENDOR := src/os2org/static/vendor
ASSETS := $(VENDOR)/.installed
DKFDS := frontend/node_modules/dkfds/dist
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench screenshots install assets lock demo messages clean

run: install assets
	DEBUG=1 $(BIN)/os2org migrate --noinput
	DEBUG=1 $(BIN)/os2org demo
	DEBUG=1 $(BIN)/os2org runserver $(HOST):$(PORT)

# The suite runs on every core (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one process.
# Each test file runs whole on one worker (loadfile), so a module fixture that
# builds an expensive world is built once. (loadgroup's xdist_group marks are
# silently ignored with pytest 9.2: pytest-xdist issue #1386.)
PYTEST_ARGS ?= -n auto --dist loadfile
test: install assets
	SECRET_KEY=tests-only-not-secret $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install assets
	$(BIN)/python bench/bench.py $(BENCH_ARGS)
	$(BIN)/python bench/handbook_import.py
	$(BIN)/python bench/org_load.py

# The README's pictures of the main pages, at desk and phone width, made again from the demo.
screenshots: install assets
	$(BIN)/python docs/screenshots.py

install: $(INSTALLED)

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Browser packages come from the npm registry, pinned by package-lock.json,
# and are copied into the static files; nothing is hand-copied.
assets: $(ASSETS)

$(ASSETS): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp frontend/node_modules/mermaid/dist/mermaid.min.js $(VENDOR)/mermaid.min.js
	# A handbook whose _config.yml asks for Mermaid 10 is drawn with Mermaid 10.
	cp frontend/node_modules/mermaid10/dist/mermaid.min.js $(VENDOR)/mermaid-10.min.js
	# Det Fælles Designsystem: its stylesheet and script, its icon sprite, and
	# exactly the fonts and images its stylesheet names (the production
	# storage refuses a stylesheet that names a missing file).
	rm -rf $(VENDOR)/dkfds
	mkdir -p $(VENDOR)/dkfds/css $(VENDOR)/dkfds/js $(VENDOR)/dkfds/img
	cp $(DKFDS)/css/dkfds.min.css $(DKFDS)/css/dkfds.min.css.map $(VENDOR)/dkfds/css/
	cp $(DKFDS)/js/dkfds.min.js $(DKFDS)/js/dkfds.min.js.map $(VENDOR)/dkfds/js/
	cp $(DKFDS)/img/all-svg-icons.svg $(VENDOR)/dkfds/img/
	cd $(DKFDS) && grep -o 'url([^)]*)' css/dkfds.min.css | sed -e 's/^url(//' -e 's/)$$//' -e 's/"//g' -e 's|^\.\./||' \
		| sort -u | xargs cp --parents -t $(CURDIR)/$(VENDOR)/dkfds
	touch $@

# Re-pin the Python dependencies after editing pyproject.toml.
lock:
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --extra s3 --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# Update the Danish/English catalogues after changing user-visible strings.
messages: install
	cd src/os2org && DEBUG=1 ../../$(BIN)/os2org makemessages --locale da --locale en --no-location
	cd src/os2org && DEBUG=1 ../../$(BIN)/os2org compilemessages

clean:
	rm -rf $(VENV) frontend/node_modules $(VENDOR) staticfiles os2org.sqlite3
