# The two set-up commands of the README: `make build` and `make test`.
# Each creates .venv, installs what is missing (system packages with apt-get
# when run as root) and then runs its job.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
AXE    := $(VENV)/node/node_modules/axe-core/axe.min.js

# Debian packages the pipeline and its tests need:
#  - pango/harfbuzz (+ the subsetter) for WeasyPrint, a font family covering Belarusian (і, ў),
#  - gettext (msgfmt/msgcat/msgmerge are the peers the tests compare against),
#  - poppler-utils (pdftoppm) and chromium for looking at the output as a reader would,
#  - nodejs/npm to fetch axe-core for the accessibility test.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
	fonts-noto-core gettext poppler-utils chromium

.PHONY: build test setup system-deps clean goldens bench lint

build: setup
	$(PY) -m pipeline build

test: setup
	$(PY) -m pytest

setup: system-deps $(STAMP) $(AXE)

system-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	command -v $(PYTHON) >/dev/null 2>&1 && $(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || missing="$$missing python3 python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "missing system packages:$$missing"; echo "run 'sudo make setup' or install them with apt-get"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $@

$(AXE):
	mkdir -p $(VENV)/node
	npm install --silent --no-audit --no-fund --prefix $(VENV)/node axe-core@4

# Regenerate every golden file of the test suite from the current code.
goldens: setup
	$(PY) -m tests.regen

bench: setup
	$(PY) bench/segment_bench.py
	$(PY) bench/merge_bench.py
	$(PY) bench/build_bench.py
	$(PY) bench/check_compare.py
	$(PY) bench/check_mutations.py
	$(PY) bench/ingest_bench.py
	$(PY) bench/text_bench.py
	$(PY) bench/html_bench.py
	$(PY) bench/churn_bench.py
	$(PY) bench/exchange_bench.py
	$(PY) bench/review_bench.py
	$(PY) bench/preview_bench.py

lint: setup
	$(VENV)/bin/mypy

clean:
	rm -rf dist $(VENV)
