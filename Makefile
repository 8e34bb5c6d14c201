# UCJ forecasting suite. `make help` lists the targets.
# Only python3 and make are needed on a fresh machine: the first target that needs the
# environment creates .venv, installs the package and registers the Jupyter kernel "ucj".

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.ucj-installed
OUT    ?= reports
JOBS   ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help env reports test test-fast lab lint format bench browser clean constraints

help: ## List the targets (daftar perintah)
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-11s %s\n", $$1, $$2}'

# Installs are reproducible: every dependency is pinned by constraints.txt (the versions the suite
# passes with). To move to newer versions: `make constraints` after upgrading packages in .venv
# (e.g. `.venv/bin/pip install -U pandas`), run `make test`, and commit constraints.txt.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name ucj --display-name "Python (ucj)" >/dev/null
	@touch $(STAMP)

env: $(STAMP) ## Create .venv, install the package and the Jupyter kernel "ucj"

reports: $(STAMP) ## Run every notebook for every regency; writes reports/index.html
	$(BIN)/ucj batch --out $(OUT) $(if $(JOBS),--jobs $(JOBS),)
	@echo "Laporan / reports: $(abspath $(OUT))/index.html"

browser: ## Install Debian's chromium for the browser test (needs root; skipped otherwise)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "chromium missing and not root: browser tests will be skipped"; fi; \
	fi

test: $(STAMP) browser ## Run the whole test suite (pytest)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP) ## Tests without the slow ones (notebooks, cluster, browser)
	$(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

lab: $(STAMP) ## Open JupyterLab on notebooks/ with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks

lint: $(STAMP) ## ruff lint and format check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP) ## ruff format and autofix
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

bench: $(STAMP) ## Run the benchmarks (results in benchmarks/results/)
	$(BIN)/python benchmarks/backtest.py
	$(BIN)/python benchmarks/bench_engine.py
	$(BIN)/python benchmarks/bench_batch.py

constraints: ## Rewrite constraints.txt from the versions installed in .venv (pip freeze)
	@test -x $(BIN)/python || { echo "no $(VENV): run make env first"; exit 2; }
	@{ echo "# Versions the project is developed and tested with (pip freeze of .venv, without the project)."; \
	  echo "# Used by \`make env\`: pip install -c constraints.txt -e '.[test]'. Refresh: \`make constraints\`."; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > constraints.txt.tmp && mv constraints.txt.tmp constraints.txt
	@echo "constraints.txt: $$(grep -c '==' constraints.txt) pins"

clean: ## Remove generated reports and caches (keeps .venv)
	rm -rf $(OUT)/*/ $(OUT)/.cache $(OUT)/index.html $(OUT)/summary.* $(OUT)/batch.json .pytest_cache .hypothesis tests/output build dist
