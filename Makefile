# The commands a person and CI use. Every target bootstraps .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site test check serve bench schema browser diff clean lock lint zensical

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

## lock: re-resolve pyproject.toml's ranges in a fresh venv and rewrite constraints.txt
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[test,lint]'
	{ echo "# Exact versions every 'make' target installs (pip -c), so builds are reproducible."; \
	  echo "# Update: make lock (a fresh venv resolves pyproject.toml, then this file is rewritten)."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf .venv-lock

## site: check the shipped corpus and build site/ (strict MkDocs build, swapped in on success)
site: $(STAMP)
	$(BIN)/comity build

## check: validate the corpus only
check: $(STAMP)
	$(BIN)/comity check

## serve: live preview on http://127.0.0.1:8000, regenerating on corpus changes
serve: $(STAMP)
	$(BIN)/comity serve

## browser: make sure Debian's chromium is installed (browser tests need it)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: sudo apt-get install chromium"; fi; }

## test: the whole test suite (unit, golden, property, build, browser)
test: $(STAMP) browser
	$(BIN)/python -m pytest -n auto --durations=10

## lint: ruff (rules in pyproject.toml), the formatter's check and mypy (settings in pyproject.toml)
lint: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,lint]'
	$(BIN)/ruff check generator tests benchmarks scripts
	$(BIN)/ruff format --check generator tests benchmarks scripts
	$(BIN)/mypy generator --ignore-missing-imports

## bench: world-scale benchmark on a synthetic 193-jurisdiction corpus
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

## diff: Markdown report of facts and verdicts changed since BASE (default origin/main)
# BASE reaches comity as one quoted argument from the environment, never as shell text.
BASE ?= origin/main
export BASE
diff: $(STAMP)
	@$(BIN)/comity diff -- "$$BASE"

## schema: regenerate corpus/schema/*.json from the models
schema: $(STAMP)
	$(BIN)/comity schema

## zensical: generate the pages and build them with Zensical, Material's successor, into
## site-zensical/ (installed into .venv if missing; not locked; see MAINTAINING.md). The
## config is mkdocs.yml with its own site_dir; Zensical keeps its cache in .cache/.
ZENSICAL_SITE := site-zensical
zensical: $(STAMP)
	test -x $(BIN)/zensical || $(BIN)/python -m pip install --quiet -c constraints.txt -e '.[zensical]'
	$(BIN)/comity generate
	{ cat mkdocs.yml; printf '\n# Written by make zensical from mkdocs.yml.\nsite_dir: $(ZENSICAL_SITE)\n'; } > .zensical.yml
	$(BIN)/zensical build --strict -f .zensical.yml

clean:
	rm -rf site docs/generated .pytest_cache $(ZENSICAL_SITE) .zensical.yml .cache
