"""The in-measure target tagger: training data, a small CRF that learns, the shipped model,
and the pipeline step that adds its targets."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nlp import target_model
from nlp.target_model import TargetTagger, fit, gold_examples, predicted_examples

ROOT = Path(__file__).resolve().parents[2]


def test_training_examples_locate_targets_inside_measures():
    gold = [{"doc_id": "a", "directives": [{
        "measures": [{"text": "xử lý nghiêm những hành vi vi phạm pháp luật", "category": "sanction"},
                     {"text": "báo cáo kết quả", "category": "report"}],
        "targets": ["những hành vi vi phạm pháp luật", "hành vi vi phạm", "chủ đầu tư"]}]}]
    (first, second) = gold_examples(gold)
    # overlapping targets: the longer one; a target outside every measure labels nothing
    assert first == ("xử lý nghiêm những hành vi vi phạm pháp luật", [(13, 44, "TARGET")])
    assert second == ("báo cáo kết quả", [])
    predicted = {"a": {"directives": [{"measures": [{"text": "kiểm tra chủ đầu tư dự án"}]}]}}
    assert predicted_examples(gold, predicted) == [("kiểm tra chủ đầu tư dự án", [(9, 19, "TARGET")])]
    assert predicted_examples(gold, {}) == []


def _examples() -> list[tuple[str, list]]:
    """Orders whose object (a target) follows "xử lý nghiêm" or "thu hồi"; others have none."""
    objects = ["các cơ sở kinh doanh vi phạm", "những cá nhân sai phạm", "các hộ lấn chiếm đất",
               "những đối tượng buôn lậu", "các doanh nghiệp chậm nộp thuế", "những tàu cá vi phạm",
               "các công trình xây dựng trái phép", "những cán bộ nhũng nhiễu"]
    out = []
    for obj in objects:
        for verb in ("xử lý nghiêm", "thu hồi giấy phép của"):
            text = f"{verb} {obj}"
            start = len(verb) + 1
            out.append((text, [(start, start + len(obj), "TARGET")]))
        out.append((f"báo cáo kết quả về {obj.split()[-1]} trước ngày 15/6", []))
        out.append(("tăng cường công tác tuyên truyền", []))
    return out


def test_a_small_crf_learns_the_object_of_an_order(tmp_path: Path):
    meta = fit(_examples(), tmp_path, log=lambda _: None, iterations=60, min_count=1)
    assert meta["measures"] == 32 and meta["measures_with_targets"] == 16
    tagger = TargetTagger(tmp_path)
    text = "xử lý nghiêm các cơ sở kinh doanh vi phạm"
    [found, none] = tagger.tag([text, "tăng cường công tác tuyên truyền"])
    assert [text[s:e] for s, e in found] == ["các cơ sở kinh doanh vi phạm"]
    assert none == []
    assert tagger.tag([""]) == [[]]
    # words the caller segmented (the pipeline passes the document's own)
    words = ["xử lý", "nghiêm", "các", "cơ sở", "kinh doanh", "vi phạm"]
    assert tagger.tag_tokens([(words, [True] * 5 + [False])]) == [found]


def test_fit_refuses_empty_data(tmp_path: Path):
    with pytest.raises(ValueError, match="no measures"):
        fit([], tmp_path)


def test_missing_model_says_how_to_get_one(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="chidao train --component targets"):
        TargetTagger(tmp_path / "nowhere")


def test_shipped_model():
    folder = ROOT / "models" / "targets-crf"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == target_model.VERSION
    assert (folder / "model.crf").stat().st_size < 5_000_000  # committed to git
    texts = ["tăng cường kiểm tra, xử lý nghiêm những hành vi vi phạm pháp luật",
             "xử lý nghiêm những người lợi dụng chức trách, nhiệm vụ được giao để tư lợi"]
    found = TargetTagger(folder).tag(texts)
    assert [t[s:e] for t, spans in zip(texts, found, strict=True) for s, e in spans] == [
        "những hành vi vi phạm pháp luật",
        "những người lợi dụng chức trách, nhiệm vụ được giao để tư lợi"]


class _FixedTagger:
    """Tags one phrase as a target wherever it is in a measure."""

    def __init__(self, phrase: str):
        self.phrase = phrase

    def tag_tokens(self, toks: list[tuple[list[str], list[bool]]]) -> list[list[tuple[int, int]]]:
        out = []
        for words, spaces in toks:
            t = "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True))
            at = t.find(self.phrase)
            out.append([(at, at + len(self.phrase))] if at >= 0 else [])
        return out


@pytest.mark.parametrize(("phrase", "added"), [
    ("những tàu cá vỏ thép hư hỏng", True),   # new: added, in document offsets
    ("tàu cá", False),                         # two syllables: too generic for a target
])
def test_pipeline_step_adds_targets(monkeypatch: pytest.MonkeyPatch, phrase: str, added: bool):
    from nlp import pipeline as pl

    monkeypatch.setattr(target_model, "TargetTagger", lambda folder: _FixedTagger(phrase))
    pipe = pl.build()
    text = "UBND tỉnh Bình Định yêu cầu Sở Nông nghiệp khẩn trương sửa chữa những tàu cá vỏ thép hư hỏng."
    (d,) = pipe(text)._.drafts
    targets = [(t.text, text[t.start:t.end]) for t in d.targets]
    assert ((phrase, phrase) in targets) is added
    (directive,) = pipe(text)._.directives
    assert (phrase in directive["targets"]) is added


def test_pipeline_step_keeps_an_overlapping_target(monkeypatch: pytest.MonkeyPatch):
    from nlp import pipeline as pl
    from nlp.rules import Span

    text = "UBND tỉnh Bình Định yêu cầu Sở Nông nghiệp khẩn trương sửa chữa những tàu cá vỏ thép hư hỏng."
    doc = pl.build(overrides={"nlp.pipeline": ["sentences", "gazetteer", "references", "letter_layout",
                                               "directive_finder", "arguments"]})(text)
    (d,) = doc._.drafts
    start = text.index("tàu cá vỏ thép")
    d.targets = [Span(start, start + len("tàu cá vỏ thép"), "tàu cá vỏ thép", "target")]
    pl.MeasureTargetsComponent(_FixedTagger("những tàu cá vỏ thép hư hỏng"))(doc)
    assert [t.text for t in d.targets] == ["tàu cá vỏ thép"]
    # the same words already a target elsewhere (another measure): listed once
    phrase = "Những tàu cá vỏ thép hư hỏng"
    d.targets = [Span(0, len(phrase), phrase, "target")]
    pl.MeasureTargetsComponent(_FixedTagger("những tàu cá vỏ thép hư hỏng"))(doc)
    assert [t.text for t in d.targets] == [phrase]


def test_trains_from_the_command_line(tmp_path: Path):
    from chidao.commands.train import train

    out = tmp_path / "targets"
    result = CliRunner().invoke(train, ["--component", "targets", "--out", str(out), "--epochs", "5",
                                        "--limit", "12"])
    assert result.exit_code == 0, result.output
    assert "saved target model" in result.output and "on dev's gold measures" in result.output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["train_documents"] == 12 and meta["settings"]["iterations"] == 5
    assert meta["measures"] > meta["measures_with_targets"] > 0
    assert meta["splits"] == "train"


def test_learns_from_dev_too_when_asked(tmp_path: Path):
    from chidao.commands.train import train

    out = tmp_path / "targets"
    result = CliRunner().invoke(train, ["--component", "targets", "--with-dev", "--out", str(out),
                                        "--epochs", "5", "--limit", "6"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["train_documents"] == 12 and meta["splits"] == "train+dev"  # 6 train + 6 dev
