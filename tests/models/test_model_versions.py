"""The extractor version names the models that are shipped: every extracted directive
carries it, so a model swapped without the version moving would mislabel the catalogue."""
from __future__ import annotations

import json
from pathlib import Path

from nlp import EXTRACTOR_VERSION

MODELS = Path(__file__).resolve().parents[2] / "models"


def _version(path: Path) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["version"]


def test_extractor_version_names_each_shipped_model():
    parts = EXTRACTOR_VERSION.split("+")
    assert _version(MODELS / "spans-spacy" / "meta.json") in parts
    assert _version(MODELS / "targets-crf" / "meta.json") in parts
    assert f"category-nb-{_version(MODELS / 'measure-category' / 'model.json')}" in parts


def test_code_version_of_the_span_model_is_the_shipped_one():
    from nlp.spans import spacy_backend

    assert _version(MODELS / "spans-spacy" / "meta.json") == spacy_backend.VERSION
