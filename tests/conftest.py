"""Shared test set-up: offline, and the path to the shared real-text corpora."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("DVC_NO_ANALYTICS", "1")

ROOT = Path(__file__).resolve().parents[1]
# SCHOON_CORPORA: where `make mutants` runs the tests from a copy of the project (mutants/).
CORPORA = Path(os.environ.get("SCHOON_CORPORA") or ROOT.parent / "shared" / "corpora")


@pytest.fixture
def corpora() -> Path:
    """`../shared/corpora`; tests that need it skip when it is absent (a user's clone)."""
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not present")
    return CORPORA
