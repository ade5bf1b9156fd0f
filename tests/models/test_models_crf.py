"""The CRF span tagger: features, a smoke training run, and the ensemble of taggers."""
from __future__ import annotations

import json

import pytest

from nlp.spans import crf_backend, data, ensemble, train


def test_features_one_list_per_word_with_what_the_lexicon_knows(blank_nlp):
    words, spaces = data.segment(blank_nlp, "UBND tỉnh yêu cầu kiểm tra trước ngày 30/6.")
    feats, offsets = crf_backend.features(words, spaces)
    assert len(feats) == len(words) == len(offsets)
    by_word = {w: f for w, f in zip(words, feats, strict=True)}
    assert "F:C" in by_word["yêu cầu"]  # an order cue
    assert "F:V" in by_word["kiểm tra"] and "dc=1" in by_word["kiểm tra"]  # a verb right after it
    assert "MENT" in by_word["UBND"]  # inside an authority mention
    assert "DL" in by_word["30/6"]  # inside a time limit
    assert feats == crf_backend.features(words, spaces)[0]  # deterministic


def test_smoke_training_saves_a_loadable_tagger(tmp_path, train_docs):
    out = crf_backend.smoke_model(tmp_path / "crf", train_docs[:6])
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["backend"] == "crf" and set(meta["layers"]) == set(data.LAYERS)
    tagger = train.load(out)  # the shared loader reads the backend from meta.json
    assert isinstance(tagger, crf_backend.CRFSpanTagger)
    spans = tagger.predict(train_docs[0].text)
    assert set(spans) == set(data.FIELDS)
    for offsets in spans.values():
        assert all(0 <= s < e <= len(train_docs[0].text) for s, e in offsets)
    assert tagger.predict_many(["", train_docs[0].text])[1] == spans


class _Fixed:
    def __init__(self, spans):
        self.spans = spans

    def predict_tokens(self, toks, layers=None):
        return [dict(self.spans) for _ in toks]


def test_ensemble_adds_only_spans_the_first_tagger_does_not_overlap():
    first = _Fixed({"measures": [(0, 10)], "targets": []})
    second = _Fixed({"measures": [(5, 12), (20, 30)], "targets": [(0, 4)]})
    (got,) = ensemble.EnsembleTagger([first, second]).predict_tokens([(["x"], [False])])
    assert got == {"measures": [(0, 10), (20, 30)], "targets": [(0, 4)]}
    with pytest.raises(ValueError):
        ensemble.EnsembleTagger([])


class _Recording(_Fixed):
    def __init__(self, spans):
        super().__init__(spans)
        self.asked: list[list[str] | None] = []

    def predict_tokens(self, toks, layers=None):
        self.asked.append(layers)
        return super().predict_tokens(toks, layers)


def test_later_taggers_read_only_the_ensemble_layers():
    first, second = _Recording({"measures": []}), _Recording({"measures": [(0, 3)]})
    tagger = ensemble.EnsembleTagger([first, second], layers=["primary"])
    tagger.predict_tokens([(["x"], [False])], layers=["nested"])
    (got,) = tagger.predict_tokens([(["x"], [False])])
    assert first.asked == [["nested"], None]
    assert second.asked == [["primary"]]  # never asked for the nested layer
    assert got["measures"] == [(0, 3)]


def test_a_small_crf_learns_to_tag_an_unmistakable_directive(tmp_path):
    docs = [d for d in data.load_gold(["train"]) if d.spans][:60]
    crf_backend.train(tmp_path, docs, docs[:3], log=lambda _: None, iterations=60)
    text = ("Chủ tịch UBND tỉnh Kiên Giang vừa ký công văn yêu cầu giám đốc các sở, ban, ngành "
            "tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ; xử lý nghiêm những hành vi "
            "gây phiền hà, nhũng nhiễu người dân, doanh nghiệp.")
    spans = crf_backend.load(tmp_path).predict(text)
    measures = [text[s:e] for s, e in spans["measures"]]
    assert any(m.startswith(("tăng cường kiểm tra", "xử lý nghiêm")) for m in measures), spans


def test_a_one_layer_crf_loads_that_layer_only_and_tags_its_fields(tmp_path, train_docs):
    crf_backend.train(tmp_path, train_docs[:6], train_docs[:2], log=lambda _: None, layers=["primary"],
                      iterations=5, min_count=1)
    assert (tmp_path / "primary.crf").exists() and not (tmp_path / "nested.crf").exists()
    tagger = crf_backend.load(tmp_path)
    assert list(tagger.layers) == ["primary"]
    spans = tagger.predict(train_docs[0].text)
    assert not any(spans.get(f) for f in data.layer_fields("nested"))  # no targets, no deadlines
    with pytest.raises(ValueError, match="no layer"):
        crf_backend.train(tmp_path, train_docs[:2], [], log=lambda _: None, layers=["second"])


@pytest.mark.parametrize("spans, marked", [
    ([], "------"),
    ([(0, 4)], "x-----"),        # the first word exactly
    ([(5, 6)], "-x----"),        # inside the second word
    ([(4, 5)], "------"),        # only the space between them
    ([(8, 17)], "-xxx--"),       # from inside one word to the end of another
    ([(17, 40)], "----xx"),      # runs past the end
])
def test_covered_marks_the_words_a_span_overlaps(spans, marked):
    words, spaces = ["UBND", "tỉnh", " ", "yêu cầu", "kiểm tra", "."], [True, False, False, True, False, False]
    offsets = crf_backend._offsets(words, spaces)
    assert "".join("x" if m else "-" for m in crf_backend._covered(offsets, spans)) == marked
    every = [(a, b) for a in range(28) for b in range(a + 1, 29)]
    for a, b in every:  # the same as asking every word, for every span over the text
        assert crf_backend._covered(offsets, [(a, b)]) == [s < b and a < e for s, e in offsets]
