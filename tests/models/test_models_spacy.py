"""The committed spaCy span model loads and tags spans that are exact slices of the text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.spans import data, spacy_backend

MODEL = Path(__file__).resolve().parents[2] / "models" / "spans-spacy"

TEXT = (
    "Chủ tịch UBND tỉnh Kiên Giang Lâm Minh Thành vừa ký công văn yêu cầu giám đốc các sở, "
    "ban, ngành và chủ tịch UBND các huyện, thành phố tăng cường kiểm tra, giám sát việc thực "
    "hiện nhiệm vụ; xử lý nghiêm những hành vi gây phiền hà, nhũng nhiễu người dân, doanh "
    "nghiệp; báo cáo kết quả về Sở Nội vụ trước ngày 30/6/2024."
)


@pytest.fixture(scope="module")
def tagger() -> spacy_backend.SpacySpanTagger:
    if not (MODEL / "meta.json").exists():
        pytest.fail(f"committed model missing: {MODEL} (run `chidao train --backend spacy`)")
    return spacy_backend.load(MODEL)


def test_model_meta_and_size(tagger):
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"].startswith("spans-spacy-")
    assert set(meta["layers"]) == set(data.LAYERS)
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size < 15_000_000  # committed to git: keep it small


def test_predicts_exact_substrings(tagger):
    spans = tagger.predict(TEXT)
    assert set(spans) == set(data.FIELDS)
    found = 0
    for field, offsets in spans.items():
        for start, end in offsets:
            piece = TEXT[start:end]
            assert 0 <= start < end <= len(TEXT), field
            assert piece == piece.strip() and piece in TEXT
            found += 1
    # an unmistakable directive: the model must find at least a measure in it
    assert spans["measures"], spans
    assert found >= 2


def test_predict_many_matches_predict(tagger):
    texts = [TEXT, "Hôm nay trời nắng đẹp.", ""]
    batch = tagger.predict_many(texts)
    assert batch[0] == tagger.predict(TEXT)
    assert batch[2] == {f: [] for f in data.FIELDS}


def test_numpy_blas_ops_tag_as_blis_does(tagger):
    """The loaded layers multiply through numpy's BLAS (3-4x faster than blis here); the
    spans must be those of the same model on thinc's default blis ops."""
    import spacy
    from thinc.api import NumpyOps

    for nlp in tagger.layers.values():
        ops = {type(node.ops) for _, pipe in nlp.pipeline for node in pipe.model.walk()}
        assert ops == {NumpyOps}
        assert all(not node.ops.use_blis for _, pipe in nlp.pipeline for node in pipe.model.walk())
    words, spaces = data.segment(tagger._tokenizer_nlp, TEXT)
    expected = []
    for layer in data.LAYERS:
        blis_nlp = spacy.load(MODEL / layer)  # thinc's default ops
        assert blis_nlp.get_pipe("ner").model.ops.use_blis
        doc = blis_nlp(spacy.tokens.Doc(blis_nlp.vocab, words=words, spaces=spaces))
        expected.extend((e.start_char, e.end_char, e.label_) for e in doc.ents)
    assert tagger.predict_tokens([(words, spaces)]) == [data.group_by_field(expected)]


def test_training_is_deterministic_with_the_seed(tmp_path: Path, train_docs):
    """Training multiplies through numpy's BLAS on one thread: same seed, same bytes."""
    for run in ("a", "b"):
        meta = spacy_backend.train(tmp_path / run, train_docs[:6], train_docs[6:8], epochs=1,
                                   log=lambda _: None)
        assert meta["layers"]["primary"]["best_epoch"] == 1
    for layer in data.LAYERS:
        first = (tmp_path / "a" / layer / "ner" / "model").read_bytes()
        assert first == (tmp_path / "b" / layer / "ner" / "model").read_bytes()
    assert set(spacy_backend.load(tmp_path / "a").predict(TEXT)) == set(data.FIELDS)


def test_fixed_epochs_keep_the_last_and_need_no_dev(tmp_path: Path, train_docs):
    """Learning from dev too, no split is left to pick the epoch: each layer trains exactly
    as many epochs as asked, the last kept, dev (when given) only logged."""
    lines: list[str] = []
    meta = spacy_backend.train(tmp_path / "m", train_docs[:6], [], fixed_epochs={"primary": 2, "nested": 1},
                               log=lines.append)
    assert meta["fixed_epochs"] == {"primary": 2, "nested": 1}
    assert [meta["layers"][x]["best_epoch"] for x in ("primary", "nested")] == [2, 1]
    assert sum("[primary] epoch" in x for x in lines) == 2 and sum("[nested] epoch" in x for x in lines) == 1
    assert all(" dev - " in x for x in lines if "] epoch" in x)  # no dev to score
    assert meta["layers"]["primary"]["dev_f1"] is None and meta["splits"] == "train"
    with pytest.raises(ValueError, match="no dev documents"):  # nothing would pick the epoch
        spacy_backend.train(tmp_path / "n", train_docs[:2], [], epochs=1, log=lines.append)
    assert set(spacy_backend.load(tmp_path / "m").predict(TEXT)) == set(data.FIELDS)
