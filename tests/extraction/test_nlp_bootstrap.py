"""Bootstrap intervals: the point values are `chidao eval`'s own, the intervals behave."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli import main
from nlp import bootstrap
from nlp.evaluate import SCORED_FIELDS, evaluate


def _directive(issuer: str, measures: list[str], targets: list[str] = ()) -> dict:
    return {"issuer": {"text": issuer}, "province": {"legacy": "Cà Mau", "current": "Cà Mau"},
            "measures": [{"text": m, "category": "inspect"} for m in measures], "targets": list(targets)}


@pytest.fixture()
def gold() -> list[dict]:
    docs = []
    for i in range(12):
        docs.append({"doc_id": f"d{i}", "directives": [_directive(
            "UBND tỉnh Cà Mau", [f"kiểm tra cơ sở số {i}", f"xử lý nghiêm vi phạm loại {i}"],
            [f"cơ sở số {i}"])]})
    docs.append({"doc_id": "empty", "directives": []})
    return docs


@pytest.fixture()
def half_right(gold: list[dict]) -> dict[str, dict]:
    """Even documents fully right, odd ones with one measure and the target missed."""
    preds = {}
    for g in gold:
        d = json.loads(json.dumps(g))
        if d["directives"] and int(g["doc_id"][1:]) % 2:
            d["directives"][0]["measures"] = d["directives"][0]["measures"][:1]
            d["directives"][0]["targets"] = []
        preds[g["doc_id"]] = d
    return preds


def test_point_values_are_the_evaluation(gold, half_right):
    result = bootstrap.intervals(gold, half_right, resamples=200)
    report = evaluate(gold, half_right).as_dict()
    for name in SCORED_FIELDS:
        assert result["scores"][name]["value"] == report["fields"][name]["f1"]
    assert result["scores"]["directive_document"]["value"] == report["directive_document"]["f1"]
    assert result["scores"]["measure_category_accuracy"]["value"] == report["measure_category_accuracy"]
    assert result["scores"]["province_current"]["value"] == report["province_accuracy"]["current"]


def test_intervals_contain_the_value_and_are_reproducible(gold, half_right):
    a = bootstrap.intervals(gold, half_right, resamples=300, seed=7)
    assert a == bootstrap.intervals(gold, half_right, resamples=300, seed=7)
    measures = a["scores"]["measures"]
    assert measures["low"] < measures["value"] < measures["high"]  # some documents lose a measure
    issuer = a["scores"]["issuer"]
    assert issuer["low"] == issuer["value"] == issuer["high"] == 1.0  # never wrong: no spread
    assert a["scores"]["numbers"]["value"] == 1.0  # nothing to find, nothing found
    wider = bootstrap.intervals(gold, half_right, resamples=300, seed=7, level=0.99)["scores"]["measures"]
    assert wider["low"] <= measures["low"] and wider["high"] >= measures["high"]


def test_paired_difference(gold, half_right):
    same = bootstrap.paired(gold, half_right, half_right, resamples=200)
    for s in same["scores"].values():
        if s["difference"] is not None:
            assert s["difference"] == s["low"] == s["high"] == 0.0 and s["other_higher"] == 0.5
    perfect = {g["doc_id"]: g for g in gold}
    better = bootstrap.paired(gold, half_right, perfect, resamples=200)["scores"]
    assert better["measures"]["other"] == 1.0 and better["measures"]["difference"] > 0
    assert better["measures"]["low"] > 0 and better["measures"]["other_higher"] == 1.0
    assert better["targets"]["low"] > 0
    worse = bootstrap.paired(gold, perfect, half_right, resamples=200)["scores"]["measures"]
    assert worse["difference"] == -better["measures"]["difference"] and worse["high"] < 0


def test_no_documents_is_an_error():
    with pytest.raises(ValueError):
        bootstrap.intervals([], {})


def test_cli_ci_and_compare(tmp_path: Path, eval_files, gold, half_right):
    corpus = eval_files.corpus(gold)
    old = eval_files.predictions("old.jsonl", half_right)
    new = eval_files.predictions("new.jsonl", {g["doc_id"]: g for g in gold})
    result = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(old), "--ci", "--compare", str(new)])
    assert result.exit_code == 0, result.output
    assert "95% bootstrap intervals (1000 resamples of 13 documents, seed 13)" in result.output
    assert "new.jsonl against old.jsonl: paired bootstrap" in result.output
    measures_row = next(x for x in result.output.splitlines() if x.startswith("measures") and "%" in x)
    assert measures_row.split()[-1] == "100%"
    result = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(old), "--ci", "--compare", str(new),
                                       "--format", "json"])
    report = json.loads(result.output)
    assert report["intervals"]["scores"]["measures"]["value"] == report["fields"]["measures"]["f1"]
    assert report["paired"]["other"] == str(new) and report["paired"]["scores"]["measures"]["low"] > 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"directives": []}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(old), "--compare", str(bad)])
    assert result.exit_code != 0 and "bad.jsonl:1: a prediction needs a doc_id" in result.output


def test_cli_scores_only_the_documents_of_a_draw(eval_files, gold, half_right):
    corpus = eval_files.corpus(gold)
    picked = [g["doc_id"] for g in gold[:4]]
    (corpus / "selection_extra99.json").write_text(
        json.dumps({"seed": 1, "documents": [{"doc_id": d, "split": "dev"} for d in picked]}), encoding="utf-8")
    old = eval_files.predictions("old.jsonl", half_right)
    result = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(old), "--draw", "selection_extra99.json",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == 4
    result = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(old), "--draw", "selection_extra98.json"])
    assert result.exit_code != 0 and "no draw 'selection_extra98.json'" in result.output
