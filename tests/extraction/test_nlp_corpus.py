"""The gold corpus itself: valid files, the split sizes the project promises."""
from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def _validator():
    spec = importlib.util.spec_from_file_location("validate", CORPUS / "tools" / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_gold_file_is_valid() -> None:
    validate = _validator()
    files = sorted((CORPUS / "gold").glob("*.json")) + sorted((CORPUS / "double").glob("*.json"))
    assert len(files) >= 220
    problems = []
    for f in files:
        gold = json.loads(f.read_text(encoding="utf-8"))
        text = (CORPUS / "text" / f"{f.stem}.txt").read_text(encoding="utf-8")
        problems += [f"{f.name}: {p}" for p in validate.problems(gold, text)]
    assert problems == []


def test_splits_provinces_and_negatives() -> None:
    rows = [json.loads(x) for x in (CORPUS / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    splits = Counter(r["split"] for r in rows)
    assert splits["test"] >= 60 and splits["train"] + splits["dev"] + splits["test"] >= 205
    provinces, empty = set(), 0
    for r in rows:
        gold = json.loads((CORPUS / "gold" / f"{r['doc_id']}.json").read_text(encoding="utf-8"))
        empty += not gold["directives"]
        provinces |= {d["province"]["legacy"] for d in gold["directives"] if d["province"].get("legacy")}
    assert len(provinces) >= 25
    assert 0.15 <= empty / len(rows) <= 0.35


def _dev_folds():
    spec = importlib.util.spec_from_file_location("dev_folds", CORPUS / "tools" / "dev_folds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_folds_hold_out_each_half_once(tmp_path: Path) -> None:
    folds = _dev_folds()
    rows = [json.loads(line) for line in (CORPUS / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    dev = {r["doc_id"] for r in rows if r["split"] == "dev"}
    halves = {}
    for held_out in folds.FOLDS:
        view = folds.make_view(CORPUS, tmp_path / held_out, held_out)
        split = {json.loads(line)["doc_id"]: json.loads(line)["split"]
                 for line in (view / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
        halves[held_out] = {d for d, s in split.items() if s == "dev"}
        assert {d for d, s in split.items() if s == "test"} == {r["doc_id"] for r in rows if r["split"] == "test"}
        assert (view / "gold" / f"{rows[0]['doc_id']}.json").exists()
        assert split.keys() == {r["doc_id"] for r in rows}  # nothing dropped, nothing added
    a, b = halves["a"], halves["b"]
    assert a | b == dev and not a & b  # every dev document held out exactly once
    assert 0.4 < len(a) / len(dev) < 0.6
    assert all(folds.fold_of(d) == "a" for d in a)  # by the id alone, so reruns agree


def test_dev_folds_smoke_run(tmp_path: Path, capsys) -> None:
    """The whole tool on a few dev documents with the quickest component."""
    folds = _dev_folds()
    folds.main(["--component", "category", "--out", str(tmp_path), "--limit", "6"])
    out = capsys.readouterr().out
    assert "measure_category_accuracy" in out and "difference [95%]" in out
    base = (tmp_path / "base.jsonl").read_text(encoding="utf-8").splitlines()
    held = (tmp_path / "folds.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(base) == len(held) == 6
    assert [json.loads(x)["doc_id"] for x in base] == [json.loads(x)["doc_id"] for x in held]
    assert (tmp_path / "model_category_a" / "model.json").exists()
    # a rerun reuses the fold models, and --base shipped sets them against the shipped pipeline
    folds.main(["--component", "category", "--out", str(tmp_path), "--limit", "6", "--base", "shipped"])
    out = capsys.readouterr().out
    assert out.count("reusing") == 2 and "base: the shipped extractor" in out
    assert "shipped" in out.split("difference [95%]")[0].splitlines()[-1]


def _select_extra(monkeypatch):
    monkeypatch.syspath_prepend(str(CORPUS / "tools"))  # it imports select_docs beside it
    spec = importlib.util.spec_from_file_location("select_extra", CORPUS / "tools" / "select_extra.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_draw_counts_the_press_spellings_of_a_province_only_when_asked(monkeypatch) -> None:
    select = _select_extra(monkeypatch)
    hcm = {"text": "UBND TP.HCM yêu cầu các quận rà soát. TPHCM sẽ báo cáo Thủ tướng."}
    hue = {"text": "UBND tỉnh Thừa Thiên - Huế chỉ đạo các huyện kiểm tra."}
    # draws 1-15 read the list as it is, so they stay reproducible
    assert select.main_province(hcm) is None
    assert select.main_province(hcm, press_spellings=True) == "TP HCM"
    assert select.main_province(hue, press_spellings=True) == "Thừa Thiên Huế"
    # an article naming another province more often keeps that one
    mixed = {"text": "Đà Nẵng, Đà Nẵng và Đà Nẵng; một lần TP.HCM."}
    assert select.main_province(mixed, press_spellings=True) == "Đà Nẵng"


def test_the_draw_counts_the_old_tone_placement_only_when_asked(monkeypatch) -> None:
    select = _select_extra(monkeypatch)
    khanh_hoa = {"text": "UBND tỉnh Khánh Hoà yêu cầu các huyện dừng cấp phép khai thác cát."}
    # draws 1-19 read the list as it is ("Khánh Hòa"), so they stay reproducible
    assert select.main_province(khanh_hoa, press_spellings=True) is None
    assert select.main_province(khanh_hoa, press_spellings=True, old_tones=True) == "Khánh Hòa"
    assert select.old_tone_spellings()["Thanh Hoá"] == "Thanh Hóa"
    assert "Hà Nội" not in select.old_tone_spellings()  # names without such a vowel pair stay out
