# Two commands for a fresh machine with Python 3.11+ (README, Quick start):
#   make course   set up .venv from environment.yml and open the course in JupyterLab
#   make test     set up .venv plus test tools and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8888
VOILA_PORT ?= 8866

.PHONY: course trainer voila test check lint typecheck hooks exercises content binder setup setup-test clean

# Python 3.11 or newer, with venv: say what to install instead of failing deep inside pip.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "The course needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>/dev/null || echo "not found")."; \
	  echo "  macOS: brew install python@3.11, then: make course PYTHON=python3.11"; \
	  echo "  Debian/Ubuntu/WSL: sudo apt-get install python3 python3-venv (or python3.11-venv)"; \
	  echo "  Windows: use WSL (Ubuntu) or Binder (README)"; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "'$(PYTHON)' lacks the venv module. Debian/Ubuntu/WSL: sudo apt-get install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The course's Jupyter configuration (scripts/install_jupyter_config.py); trainers add etc/jupyter-trainer/.
JUPYTER_CONFIG := etc/jupyter/jupyter_server_config.json etc/jupyter/labconfig/page_config.json \
	share/jupyter/lab/settings/overrides.json $(wildcard share/jupyter/voila/templates/course/*) \
	scripts/install_jupyter_config.py

$(VENV)/.course-installed: environment.yml pyproject.toml scripts/pip_pins.py $(JUPYTER_CONFIG) | $(BIN)/python
	$(BIN)/python scripts/pip_pins.py environment.yml > $(VENV)/requirements.txt
	$(BIN)/pip install --disable-pip-version-check -q -r $(VENV)/requirements.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .
	$(BIN)/python scripts/install_jupyter_config.py
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

# Progress is kept per browser address, so the port must not move silently: refuse with the fix.
PORT_FREE = @$(BIN)/python -c 'import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(("127.0.0.1", $(PORT))) == 0)' || { \
	  echo "Port $(PORT) is in use, perhaps by the course already running: open http://127.0.0.1:$(PORT)/ or stop it."; \
	  echo "To run a second copy: make course PORT=$$(($(PORT) + 1)) (its address differs, so its saved progress is separate)."; exit 1; }
LAB = $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) --ServerApp.port_retries=0 $(ALLOW_ROOT)

course: setup
	$(PORT_FREE)
	@$(BIN)/python scripts/learner_copy.py
	$(LAB) --ServerApp.default_url=/lab/tree/modules/00_start_here.ipynb

# A trainer's JupyterLab: the learner's set plus formgrader, the course list and the assignment creator.
trainer: setup
	$(PORT_FREE)
	JUPYTER_CONFIG_PATH="$(CURDIR)/etc/jupyter-trainer" $(LAB) --ServerApp.default_url=/formgrader

voila: setup
	$(BIN)/voila modules/ --port=$(VOILA_PORT)

test: setup-test
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)

# The fast loop while writing code or content: lint, unit and content tests (seconds, no servers).
check: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest -q -n auto -m "unit or content" -p no:cacheprovider $(PYTEST_ARGS)

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Type-check both packages, as pyproject.toml's [tool.mypy] says.
typecheck: setup-test
	$(BIN)/mypy

# Git hooks from .pre-commit-config.yaml: ruff and mypy, and nbstripout on module and solution notebooks.
# They run the environment's tools: commit with it active (. .venv/bin/activate).
hooks: setup-test
	$(BIN)/pre-commit install

# Regenerate exercises/ from solutions/ with nbgrader, in a scratch gradebook outside the repository.
exercises: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python scripts/generate_exercises.py

# Rewrite what is derived from one source: Sources cells, locked element cells, course maps.
content: setup
	$(BIN)/python scripts/build_content.py

# Refresh binder/environment.yml, the copy of environment.yml that Binder reads.
binder:
	cp environment.yml binder/environment.yml

clean:
	rm -rf $(VENV)
