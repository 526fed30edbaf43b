# `make repro` and `make test` each set themselves up on a fresh clone (python3, git, make).
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Offline by design: no hub downloads, caches inside the repository, no DVC analytics.
export PATH := $(CURDIR)/$(BIN):$(PATH)
export HF_HOME := $(CURDIR)/.hf_home
export HF_HUB_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export DVC_NO_ANALYTICS := 1
export PYTHONHASHSEED := 0

.PHONY: install repro test lint clean-outputs

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch is pinned to 2.13.0 in pyproject.toml: pip takes the local CPU wheel, never CUDA.
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

repro: install
	$(BIN)/dvc repro

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
