"""The spaCy pipeline, golden extraction files, the seeds gate and the CLI twins."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

import nlp
from chidao.cli import main
from nlp.evaluate import evaluate, load_gold

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("CHIDAO_UPDATE_GOLDEN") == "1"


def test_pipeline_components_are_registered_and_versioned() -> None:
    pipe = nlp.get_pipeline()
    factories = [pipe.get_pipe_meta(name).factory for name in pipe.pipe_names]
    assert factories == ["chidao_sentences_v1", "chidao_gazetteer_v1", "chidao_references_v1",
                         "chidao_letter_layout_v1", "chidao_directive_finder_v1",
                         "chidao_arguments_v1", "chidao_measure_targets_v1", "chidao_measure_classifier_v1"]
    doc = pipe("Chủ tịch UBND tỉnh Kiên Giang yêu cầu Sở Nội vụ kiểm tra.")
    assert doc.text == "Chủ tịch UBND tỉnh Kiên Giang yêu cầu Sở Nội vụ kiểm tra."
    assert "Kiên Giang" in [t.text for t in doc]  # underthesea joins the syllables
    assert [s.text for s in doc.spans["authorities"]][:1] == ["Chủ tịch UBND tỉnh Kiên Giang"]


def test_kept_text_is_the_text_the_tokens_rebuild(seed_texts: dict[str, str]) -> None:
    # The pipeline reads the tokenizer's input instead of doc.text (rebuilt per access):
    # the two must be the same string, gaps, double spaces and newlines included.
    from nlp.tokenizer import RAW_TEXT_KEY

    pipe = nlp.get_pipeline()
    for text in [*seed_texts.values(), "  Hai  khoảng trắng\n\n\tvà tab ", "", "\n"]:
        doc = pipe.make_doc(text)
        assert doc.user_data[RAW_TEXT_KEY] == doc.text == text


def test_spans_are_exact_and_offsets_point_at_them(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        for d in nlp.extract(text, offsets=True):
            off = d["offsets"]
            s, e = off["issuer"]
            assert text[s:e] == d["issuer"]["text"]
            for field in ("addressees", "targets", "deadlines"):
                assert [text[a:b] for a, b in off[field]] == d[field]
            assert [text[a:b] for a, b in off["measures"]] == [m["text"] for m in d["measures"]]
            for ev in d["evidence"]:
                assert 0 <= ev["start"] < ev["end"] <= len(text)
            assert 0 < d["confidence"] <= 1


@pytest.mark.parametrize("doc_id", [
    "000_6f59b5241603ee44", "001_fe5e530b71d5b782", "002_e1e0ad78005db800",
    "003_2d9334573928f316", "004_c816e3c1e9aa99f9"])
def test_golden_extraction(doc_id: str, seed_texts: dict[str, str]) -> None:
    """Any change in what the extractor finds on the seeds shows up as a diff here;
    regenerate on purpose with CHIDAO_UPDATE_GOLDEN=1."""
    got = nlp.extract_document(doc_id, seed_texts[doc_id])
    path = GOLDEN / f"{doc_id}.json"
    if UPDATE or not path.exists():
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def test_extract_input_on_seeds_meets_issuer_floor(tmp_path: Path, shared: Path, seed_texts: dict[str, str]) -> None:
    src = tmp_path / "seeds.jsonl"
    src.write_text("".join(json.dumps({"doc_id": k, "text": v}, ensure_ascii=False) + "\n"
                           for k, v in seed_texts.items()), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    schema = json.loads((shared / "directive.schema.json").read_text(encoding="utf-8"))
    preds = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        jsonschema.validate(row, schema)
        preds[row["doc_id"]] = row
    assert list(preds) == list(seed_texts)  # one line per input, in input order
    report = evaluate(load_gold(shared / "seeds" / "gold"), preds).as_dict()
    assert report["fields"]["issuer"]["f1"] >= 0.8


def test_extract_input_survives_bad_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"doc_id": "a", "text": "UBND tỉnh Cà Mau yêu cầu Sở Y tế kiểm tra các cơ sở."}\n'
                   "this is not json\n"
                   '{"doc_id": "c"}\n'
                   '{"doc_id": "d", "text": ""}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in rows] == ["a", "line-2", "line-3", "d"]
    assert rows[0]["directives"] and "error" not in rows[0]
    assert "in.jsonl:2" in rows[1]["error"] and rows[1]["directives"] == []
    assert "no 'text'" in rows[2]["error"]
    assert rows[3]["error"] and rows[3]["directives"] == []
    assert "error" in result.output


def test_eval_command_reports_every_field(root: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(root / "corpus"), "--split", "dev", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{"):])
    assert report["documents"] >= 30
    for field in ("issuer", "addressees", "measures", "targets", "deadlines", "numbers"):
        assert 0.0 <= report["fields"][field]["f1"] <= 1.0
    assert report["directive_document"]["gold"] > 0
    assert report["per_province"]


def test_eval_lists_missed_and_spurious_spans(eval_files) -> None:
    from nlp.evaluate import span_errors

    gold = [{"doc_id": "a", "directives": [{"issuer": {"text": "UBND tỉnh"},
                                            "targets": ["những người lợi dụng chức trách", "hộ kinh doanh"]}]},
            {"doc_id": "b", "directives": [{"issuer": {"text": "Sở Y tế"}, "targets": ["cơ sở khám bệnh"]}]}]
    preds = {"a": {"directives": [{"issuer": {"text": "UBND tỉnh"},
                                   "targets": ["những người lợi dụng chức trách, nhiệm vụ", "người dân"]}]},
             "b": {"directives": [{"issuer": {"text": "Sở Y tế"}, "targets": ["cơ sở khám bệnh"]}]}}
    # the first target matches at token F1 >= 0.5; document b has no error and is left out
    assert span_errors(gold, preds, "targets") == [
        {"doc_id": "a", "missed": ["hộ kinh doanh"], "spurious": ["người dân"]}]
    assert span_errors(gold, preds, "issuer") == []
    with pytest.raises(ValueError):
        span_errors(gold, preds, "colour")
    # the CLI twin, on predictions read from a file
    corpus = eval_files.corpus(gold)
    pred_file = eval_files.predictions("pred.jsonl", preds)
    result = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(pred_file), "--errors", "targets"])
    assert result.exit_code == 0, result.output
    assert "targets: 1 missed, 1 spurious, in 1 documents" in result.output
    assert "missed    hộ kinh doanh" in result.output and "spurious  người dân" in result.output
    result = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(pred_file), "--errors", "targets",
                                       "--format", "json"])
    report = json.loads(result.output[result.output.index("{"):])
    assert report["errors"]["targets"][0]["missed"] == ["hộ kinh doanh"]


def test_eval_warns_of_gold_documents_a_predictions_file_lacks(eval_files) -> None:
    gold = [{"doc_id": "a", "directives": [{"issuer": {"text": "UBND tỉnh"}}]},
            {"doc_id": "b", "directives": []}]
    corpus = eval_files.corpus(gold)
    only_a = eval_files.predictions("a.jsonl", {"a": {"directives": [{"issuer": {"text": "UBND tỉnh"}}]}})
    result = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(only_a)])
    assert result.exit_code == 0, result.output
    assert "warning: 1 of 2 gold documents have no line in" in result.stderr
    both = eval_files.predictions("ab.jsonl", {"a": {"directives": []}, "b": {"directives": []}})
    quiet = CliRunner().invoke(main, ["eval", str(corpus), "--pred", str(both), "--compare", str(only_a)])
    assert "warning: 1 of 2" in quiet.stderr and "ab.jsonl" not in quiet.stderr  # only --compare lacks one


def test_eval_rejects_missing_gold(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code != 0
    assert "no gold documents" in result.output


class _PhraseTagger:
    """A stand-in span model that tags one fixed phrase as a measure wherever it reads it."""

    PHRASE = "hỗ trợ ngư dân lập hồ sơ"

    def __init__(self) -> None:
        self.read: dict[str, int] = {"primary": 0, "nested": 0}  # windows read per layer

    def predict_tokens(self, toks: list[tuple[list[str], list[bool]]], layers: list[str] | None = None) -> list[dict]:
        for layer in layers or ["primary", "nested"]:
            self.read[layer] += len(toks)
        out = []
        for words, spaces in toks:
            window = "".join(w + (" " if sp else "") for w, sp in zip(words, spaces, strict=True))
            at = window.find(self.PHRASE)
            hit = at >= 0 and (layers is None or "primary" in layers)
            out.append({"measures": [(at, at + len(self.PHRASE))] if hit else []})
        return out


def _phrase_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tagger: _PhraseTagger,
                     **arguments: object) -> Any:
    """The pipeline with ``tagger`` as its span model, in the union, for measures only; more
    settings of the arguments step as keywords."""
    from nlp.pipeline import build
    from nlp.spans import spacy_backend

    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(spacy_backend, "load", lambda path: tagger)
    settings = {"backend": "union", "model_path": str(tmp_path), "ensemble_paths": [],
                "model_fields": ["measures"], "context_fields": ["measures"], **arguments}
    return build(overrides={f"components.arguments.{k}": v for k, v in settings.items()})


@pytest.mark.parametrize(("context", "found"), [(0, False), (2, True)])
def test_model_reads_the_sentences_after_a_directive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     context: int, found: bool) -> None:
    tagger = _PhraseTagger()
    pipe = _phrase_pipeline(tmp_path, monkeypatch, tagger, context_sentences=context)
    text = ("UBND tỉnh Bình Định yêu cầu Sở Nông nghiệp kiểm tra toàn bộ tàu vỏ thép. "
            "Việc hỗ trợ ngư dân lập hồ sơ khởi kiện do các địa phương đảm nhận. "
            "Công ty đóng tàu cho biết sẽ sửa chữa trong tháng tới.")
    doc = pipe(text)
    (d,) = doc._.drafts
    assert (_PhraseTagger.PHRASE in [m.text for m in d.measures]) is found
    # the sentence the order came from becomes evidence; a sentence without one does not
    evidence = {text[s.start:s.end] for s in d.sentences}
    assert ("Việc hỗ trợ ngư dân lập hồ sơ khởi kiện do các địa phương đảm nhận." in evidence) is found
    assert not any(e.startswith("Công ty đóng tàu") for e in evidence)
    # the first layer reads every window; the second skips a following sentence without orders
    assert tagger.read == ({"primary": 3, "nested": 2} if found else {"primary": 1, "nested": 1})


@pytest.mark.parametrize(("marked", "second", "found", "read"), [
    # further on, a sentence with an order word ("tiếp tục") and a measure verb after it is
    # read, and the order after the word counts
    (0, "Theo báo cáo, việc tiếp tục hỗ trợ ngư dân lập hồ sơ khởi kiện là cấp bách.", False, 2),
    (3, "Theo báo cáo, việc tiếp tục hỗ trợ ngư dân lập hồ sơ khởi kiện là cấp bách.", True, 3),
    # what comes before the order word is not an order
    (3, "Việc hỗ trợ ngư dân lập hồ sơ khởi kiện cần được kiểm tra lại.", False, 3),
    # an order word with no measure verb after it: the sentence is not read
    (3, "Việc hỗ trợ ngư dân lập hồ sơ khởi kiện cũng cần có kinh phí.", False, 2),
])
def test_model_reads_marked_sentences_further_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 marked: int, second: str, found: bool, read: int) -> None:
    tagger = _PhraseTagger()
    pipe = _phrase_pipeline(tmp_path, monkeypatch, tagger, context_sentences=1,
                            marked_context_sentences=marked)
    text = ("UBND tỉnh Bình Định yêu cầu Sở Nông nghiệp kiểm tra toàn bộ tàu vỏ thép. "
            "Nhiều ngư dân đã mất trắng sau các chuyến biển. "
            "Giá cá ngừ giảm mạnh trong tháng qua. "
            + second)
    (d,) = pipe(text)._.drafts
    assert (_PhraseTagger.PHRASE in [m.text for m in d.measures]) is found
    # the next sentence is read always, the last one only with ``marked`` and an order in it,
    # and the third, without an order word, never
    assert tagger.read["primary"] == read
    evidence = {text[s.start:s.end] for s in d.sentences}
    assert (second in evidence) is found


def test_context_stops_at_another_directive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = _phrase_pipeline(tmp_path, monkeypatch, _PhraseTagger(), context_sentences=2)
    text = ("UBND tỉnh Bình Định yêu cầu Sở Nông nghiệp kiểm tra toàn bộ tàu vỏ thép. "
            "Bộ trưởng Bộ Nông nghiệp chỉ đạo Tổng cục Thủy sản rà soát các hợp đồng đóng tàu. "
            "Việc hỗ trợ ngư dân lập hồ sơ khởi kiện do các địa phương đảm nhận.")
    first, second = pipe(text)._.drafts
    assert _PhraseTagger.PHRASE not in [m.text for m in first.measures]
    assert _PhraseTagger.PHRASE in [m.text for m in second.measures]


def test_batched_extraction_equals_one_by_one(seed_texts: dict[str, str]) -> None:
    from chidao.pipeline import extract_many, extract_one

    items = [(doc_id, text, None, None) for doc_id, text in sorted(seed_texts.items())]
    assert list(extract_many(items, offsets=True)) == [extract_one(*it, offsets=True) for it in items]


def test_a_document_that_breaks_a_batch_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from chidao.pipeline import extract_many
    from nlp import rules

    real = rules.find_directives

    def fragile(text: str, *args: object, **kwargs: object) -> list:
        if "BOOM" in text:
            raise RuntimeError("broken document")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(rules, "find_directives", fragile)
    good = "UBND tỉnh Cà Mau yêu cầu Sở Y tế kiểm tra các cơ sở khám bệnh."
    items = [("a", good, None, None), ("b", "BOOM " + good, None, None), ("c", good, None, None)]
    rows = list(extract_many(items))
    assert [r["doc_id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["directives"] and rows[2]["directives"] and "error" not in rows[0]
    assert rows[1]["directives"] == [] and "broken document" in rows[1]["error"]


@pytest.mark.parametrize(("merge", "expected"), [
    ([], ["kiểm tra các cơ sở kinh doanh", "xử lý nghiêm các vi phạm"]),
    (["measures"], ["kiểm tra các cơ sở kinh doanh, xử lý nghiêm các vi phạm"]),
])
def test_model_span_replaces_the_pieces_the_rules_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       merge: list[str], expected: list[str]) -> None:
    from nlp.pipeline import build
    from nlp.spans import spacy_backend

    tagger = _PhraseTagger()
    tagger.PHRASE = "kiểm tra các cơ sở kinh doanh, xử lý nghiêm các vi phạm"
    (tmp_path / "meta.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(spacy_backend, "load", lambda path: tagger)
    pipe = build(overrides={"components.arguments.backend": "union",
                            "components.arguments.model_path": str(tmp_path),
                            "components.arguments.ensemble_paths": [],
                            "components.arguments.model_fields": ["measures"],
                            "components.arguments.merge_fields": merge})
    (d,) = pipe("UBND tỉnh yêu cầu Sở Y tế kiểm tra các cơ sở kinh doanh, xử lý nghiêm các vi phạm.")._.drafts
    assert [m.text for m in d.measures] == expected


class _OtherPhraseTagger(_PhraseTagger):
    PHRASE = "tổ chức đối thoại với chủ tàu"


def test_ensemble_adds_a_second_models_spans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nlp.pipeline import build
    from nlp.spans import ensemble, train

    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        (folder / "meta.json").write_text("{}", encoding="utf-8")
    taggers = {str(first): _PhraseTagger(), str(second): _OtherPhraseTagger()}
    monkeypatch.setattr(train, "load", lambda path: taggers[str(path)])
    pipe = build(overrides={"components.arguments.backend": "union",
                            "components.arguments.model_path": str(first),
                            "components.arguments.ensemble_paths": [str(second)],
                            "components.arguments.model_fields": ["measures"],
                            "components.arguments.context_sentences": 2,
                            "components.arguments.context_fields": ["measures"]})
    assert isinstance(pipe.get_pipe("arguments").predictor, ensemble.EnsembleTagger)
    text = ("UBND tỉnh Bình Định yêu cầu Sở Nông nghiệp kiểm tra toàn bộ tàu vỏ thép. "
            "Việc hỗ trợ ngư dân lập hồ sơ khởi kiện, tổ chức đối thoại với chủ tàu do các địa phương đảm nhận.")
    (d,) = pipe(text)._.drafts
    measures = [m.text for m in d.measures]
    assert _PhraseTagger.PHRASE in measures and _OtherPhraseTagger.PHRASE in measures
