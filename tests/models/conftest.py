"""Shared fixtures for the span-tagger tests. No test here may reach the network."""
from __future__ import annotations

import os

# Before transformers is imported anywhere: any hub lookup must fail instead of downloading.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import pytest  # noqa: E402

from nlp.spans import data  # noqa: E402


@pytest.fixture(scope="session")
def blank_nlp():
    return data.make_nlp()


@pytest.fixture(scope="session")
def train_docs() -> list[data.GoldDoc]:
    """The first 12 train documents that have directives (enough to hit every label)."""
    docs = [d for d in data.load_gold(["train"]) if d.spans]
    return docs[:12]
