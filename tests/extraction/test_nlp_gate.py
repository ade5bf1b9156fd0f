"""Quality gate: extraction on the held-out test split must stay above the floors pinned in
corpus/baseline.json. Floors are only ever raised (on purpose, in their own commit)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chidao.pipeline import extract_many
from nlp.evaluate import evaluate, load_gold

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report() -> dict:
    docs = load_gold(ROOT / "corpus", "test")
    assert len(docs) >= 60, "the test split must hold at least 60 documents"
    preds = {r["doc_id"]: r for r in extract_many((g["doc_id"], g["text"], None, g.get("title")) for g in docs)}
    return evaluate(docs, preds).as_dict()


def _floors() -> dict:
    return json.loads((ROOT / "corpus" / "baseline.json").read_text(encoding="utf-8"))["floors"]


@pytest.mark.parametrize("field", ["issuer", "addressees", "measures", "targets", "deadlines", "numbers"])
def test_field_f1_at_or_above_floor(report: dict, field: str) -> None:
    floor = _floors()["fields"][field]
    assert report["fields"][field]["f1"] >= floor, f"{field} F1 {report['fields'][field]['f1']} < floor {floor}"


def test_detection_category_and_province_floors(report: dict) -> None:
    floors = _floors()
    assert report["directive_document"]["f1"] >= floors["directive_document"]
    assert report["measure_category_accuracy"] >= floors["measure_category_accuracy"]
    assert report["province_accuracy"]["current"] >= floors["province_current"]
