# Everyday commands. `make demo` and `make test` set up everything they need
# (system packages, .venv) on first use through scripts/setup.sh.
VENV := .venv
PY := $(VENV)/bin/python
EXAMPLE ?= examples/welding_soe.yaml

.PHONY: setup demo test fuzz matrix lint typecheck format check clean docs bench

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	./scripts/setup.sh

setup: $(VENV)/.installed

demo: $(VENV)/.installed
	$(VENV)/bin/stakeholders demo $(EXAMPLE) --out out

test: $(VENV)/.installed
	$(PY) -m pytest -q

# The safety tests at length (docs/safety.md): every test in tests/safety/, under the
# hypothesis "fuzz" profile (at least 10,000 examples).
fuzz: $(VENV)/.installed
	STAKEHOLDERS_FUZZ=1 $(PY) -m pytest -q -p no:cacheprovider tests/safety

# The dependency matrix (docs/getting-started.md, "Supported versions"): the test suite, safety tests
# included, on the oldest versions we support (constraints/oldest.txt) and on the newest, each in a venv
# of its own (.venv-oldest, .venv-newest). `make matrix MATRIX=oldest` runs one job.
MATRIX ?= oldest newest
matrix: $(VENV)/.installed
	./scripts/matrix.sh $(MATRIX)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check stakeholders tests
	$(VENV)/bin/ruff format --check stakeholders tests

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy
	$(VENV)/bin/pyright

format: $(VENV)/.installed
	$(VENV)/bin/ruff format stakeholders tests
	$(VENV)/bin/ruff check --fix stakeholders tests

# The generated pages and the gallery, then the site into site/ (warnings are errors). To look at it:
# `python scripts/screenshot_docs.py site` writes screenshots to /tmp/docs-shots/ (needs Debian's chromium).
docs: $(VENV)/.installed
	$(PY) scripts/gen_docs.py
	$(PY) scripts/gallery.py
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict

check: lint typecheck test

# Benchmarks (not part of the tests): every step against its floor; writes
# benchmarks/results/latest.json and the table in docs/benchmarks.md.
# `make bench BENCH_ARGS=--quick` skips the 100,000-person map and large charts.
bench: $(VENV)/.installed
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .venv-oldest .venv-newest out .pytest_cache .mypy_cache .ruff_cache .hypothesis
