"""Gold → character spans → DocBin / BIO: spans must land on exactly the gold characters."""
from __future__ import annotations

from nlp.spans import data, metrics


def test_located_spans_are_the_gold_strings(train_docs):
    for doc in train_docs:
        located = {(doc.text[s:e], lab) for s, e, lab in doc.spans}
        for name, label in data.FIELDS.items():
            for gold in doc.strings[name]:
                assert (gold, label) in located, (doc.doc_id, name, gold)
        assert doc.unlocated == 0


def test_repeated_span_taken_near_its_directive():
    text = ("Sở Y tế tổ chức hội nghị tổng kết năm.\n"
            "Chủ tịch UBND tỉnh yêu cầu Sở Y tế kiểm tra các cơ sở khám bệnh.\n")
    directive = {"issuer": {"text": "Chủ tịch UBND tỉnh"}, "addressees": ["Sở Y tế"],
                 "measures": [{"text": "kiểm tra các cơ sở khám bệnh", "category": "inspect"}],
                 "targets": ["các cơ sở khám bệnh"]}
    spans, missing = data.locate(text, directive)
    assert missing == 0
    (addr,) = [s for s in spans if s[2] == "ADDRESSEE"]
    assert addr[0] == text.index("Sở Y tế", 10)  # the second mention, inside the order


def test_overlaps_split_into_layers_and_longer_wins():
    spans = [(0, 30, "MEASURE"), (10, 30, "TARGET"), (5, 12, "ADDRESSEE"), (40, 50, "ADDRESSEE")]
    doc = data.GoldDoc("x", "train", "a" * 60, spans=spans)
    assert doc.layer("primary") == [(0, 30, "MEASURE"), (40, 50, "ADDRESSEE")]
    assert doc.layer("nested") == [(10, 30, "TARGET")]


def test_docbin_entities_cover_gold_characters(train_docs, blank_nlp):
    from spacy.tokens import DocBin

    docs = train_docs[:4]
    bins = data.to_docbins(docs, blank_nlp)
    for layer, docbin in bins.items():
        restored = list(DocBin().from_bytes(docbin.to_bytes()).get_docs(blank_nlp.vocab))
        for gold, sdoc in zip(docs, restored, strict=True):
            assert sdoc.text == gold.text
            ents = {(e.start_char, e.end_char, e.label_) for e in sdoc.ents}
            for s, e, lab in gold.layer(layer):
                # token snapping may only widen a span, to whole words
                assert any(es <= s and e <= ee and el == lab for es, ee, el in ents)
            # each entity starts and ends on a gold-span word, never on whitespace
            for es, ee, _ in ents:
                assert sdoc.text[es:ee] == sdoc.text[es:ee].strip()


def test_bio_is_consistent_and_round_trips(train_docs, blank_nlp):
    seqs = data.to_bio(train_docs[:4], blank_nlp)
    for gold, seq in zip(train_docs[:4], seqs, strict=True):
        assert len(seq.words) == len(seq.offsets)
        for w, (s, e) in zip(seq.words, seq.offsets, strict=True):
            assert gold.text[s:e] == w and w.strip()
        for layer, tags in seq.tags.items():
            assert len(tags) == len(seq.words)
            for prev, tag in zip(["O"] + tags, tags, strict=False):
                if tag.startswith("I-"):
                    assert prev[2:] == tag[2:], (prev, tag)  # I-X only after B-X / I-X
            decoded = data.spans_from_bio(seq.offsets, tags)
            assert len(decoded) == len(gold.layer(layer))
            for (ds, de, dl), (gs, ge, gl) in zip(decoded, gold.layer(layer), strict=True):
                assert dl == gl and ds <= gs and ge <= de  # whole words around the gold span


def test_spans_from_bio_lenient():
    offsets = [(0, 1), (2, 3), (4, 5), (6, 7)]
    assert data.spans_from_bio(offsets, ["I-A", "O", "I-A", "I-A"]) == [(0, 1, "A"), (4, 7, "A")]
    assert data.spans_from_bio(offsets, ["B-A", "I-B", "B-B", "O"]) == [
        (0, 1, "A"), (2, 3, "B"), (4, 5, "B")]


def test_metric_is_lenient_one_to_one():
    gold = ["xử lý nghiêm những người lợi dụng chức trách", "Sở Nội vụ"]
    pred = ["xử lý nghiêm những người lợi dụng", "xử lý nghiêm", "sở nội vụ"]
    from nlp.evaluate import token_f1

    assert token_f1(gold[1], pred[2]) == 1.0
    tp, n_gold, n_pred = metrics.span_prf(gold, pred)
    assert (tp, n_gold, n_pred) == (2, 2, 3)  # "xử lý nghiêm" overlaps too little (F1 < 0.5)
    scores = metrics.evaluate([({"targets": gold}, {"targets": pred + ["Sở  Nội vụ"]})], ["targets"])
    assert scores["targets"]["pred"] == 3  # the duplicate mention is counted once
