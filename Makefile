# Two commands for a fresh machine with Python 3.11+ (README, Quick start):
#   make course   set up .venv from environment.yml and open the course in JupyterLab
#   make test     set up .venv plus test tools and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8888
VOILA_PORT ?= 8866
# The course's Voilà template lives in share/jupyter (see voila.json).
export JUPYTER_PATH := $(CURDIR)/share/jupyter

.PHONY: course voila test check lint exercises binder setup setup-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

SERVER_CONFIG := etc/jupyter/jupyter_server_config.json

$(VENV)/.course-installed: environment.yml pyproject.toml scripts/pip_pins.py $(SERVER_CONFIG) | $(BIN)/python
	$(BIN)/python scripts/pip_pins.py environment.yml > $(VENV)/requirements.txt
	$(BIN)/pip install --disable-pip-version-check -q -r $(VENV)/requirements.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .
	# An editable install skips data files: put the course's Jupyter configuration in place by hand.
	mkdir -p $(VENV)/etc/jupyter && cp $(SERVER_CONFIG) $(VENV)/$(SERVER_CONFIG)
	touch $@

$(VENV)/.test-installed: requirements-test.txt deploy/jupyterhub/package-lock.json $(VENV)/.course-installed
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-test.txt
	# JupyterHub's proxy, from npm at the locked versions, for the hub test (tests/hub.py).
	mkdir -p $(VENV)/hub-proxy && cp deploy/jupyterhub/package.json deploy/jupyterhub/package-lock.json $(VENV)/hub-proxy/
	if command -v npm >/dev/null; then npm ci --prefix $(VENV)/hub-proxy --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the JupyterHub test will be skipped (Node.js from your package manager adds it)"; fi
	touch $@

setup: $(VENV)/.course-installed
setup-test: $(VENV)/.test-installed

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

course: setup
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) $(ALLOW_ROOT) --ServerApp.default_url=/lab/tree/modules/00_start_here.ipynb

voila: setup
	$(BIN)/voila modules/ --port=$(VOILA_PORT)

test: setup-test
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)

# The fast loop while writing code or content: lint, unit and content tests (seconds, no servers).
check: setup-test
	$(BIN)/ruff check .
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest -q -m "unit or content" -p no:cacheprovider $(PYTEST_ARGS)

lint: setup-test
	$(BIN)/ruff check .

# Regenerate exercises/ from solutions/ with nbgrader, in a scratch gradebook outside the repository.
exercises: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python scripts/generate_exercises.py

# Refresh binder/environment.yml, the copy of environment.yml that Binder reads.
binder:
	cp environment.yml binder/environment.yml

clean:
	rm -rf $(VENV)
