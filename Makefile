# Set-up is two commands: `make demo` and `make test`. Both create .venv when missing.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: demo test lint eval bench clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	# CPU-only torch: the machine's local wheel when present, else PyTorch's CPU index.
	$(PIP) install -q "torch==2.13.0" || $(PIP) install -q torch --index-url https://download.pytorch.org/whl/cpu
	$(PIP) install -q -e ".[dev,train,redis]"
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@echo "== 1. ingest the five seed articles (corpus/seeds, credited in corpus/README.md)"
	$(VENV)/bin/chidao ingest --db $(DEMO_DB) corpus/seeds
	@echo "== 2. extract directives"
	$(VENV)/bin/chidao extract --db $(DEMO_DB)
	@echo "== 3. what was found: issuer, province before → after the 2025 merger, measures by category"
	$(VENV)/bin/chidao list --db $(DEMO_DB)
	@echo "== 4. accent-free search: \"xu ly nghiem\" finds \"xử lý nghiêm\""
	$(VENV)/bin/chidao search --db $(DEMO_DB) "xu ly nghiem"

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .

eval: $(STAMP)
	$(VENV)/bin/chidao eval corpus --split test

bench: $(STAMP)
	$(PY) bench/extract.py
	$(PY) bench/search.py --n 200000
	$(PY) bench/crawl.py

clean:
	rm -rf $(VENV) .pytest_cache $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
