"""The transformers backend trains a tiny random BERT for one epoch and predicts (no hub)."""
from __future__ import annotations

import time

import pytest

from nlp.spans import data
from nlp.spans import transformers_backend as tb


@pytest.fixture(scope="module")
def small_docs(train_docs) -> tuple[list[data.GoldDoc], list[data.GoldDoc]]:
    short = sorted(train_docs, key=lambda d: len(d.text))
    return short[:4], short[4:6]


def test_fast_and_slow_tokenizers_give_the_same_pieces(tmp_path, small_docs):
    from transformers import AutoTokenizer, BertTokenizerLegacy

    train, _ = small_docs
    path = tb.make_tiny_model(tmp_path / "tiny", [d.text for d in train])
    fast = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    slow = BertTokenizerLegacy(vocab_file=str(path / "vocab.txt"), do_lower_case=True,
                               strip_accents=False)
    assert fast.is_fast and not slow.is_fast
    words, _ = data.words_of(train[0].text)
    assert tb.encode_words(fast, words) == tb.encode_words(slow, words)  # slow: word by word
    unk = fast.unk_token_id
    assert sum(p == [unk] for p in tb.encode_words(fast, words)) == 0  # vocabulary covers text


def test_chunks_respect_the_window(tmp_path, small_docs):
    from transformers import AutoTokenizer

    train, _ = small_docs
    path = tb.make_tiny_model(tmp_path / "tiny", [d.text for d in train])
    tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    words, _ = data.words_of(train[-1].text)
    pieces = tb.encode_words(tok, words)
    labels = list(range(len(words)))
    feats = tb.build_features(tok, pieces, 40, labels)
    assert len(feats) > 1
    covered = []
    for f in feats:
        assert len(f["input_ids"]) <= 42  # body + [CLS] + [SEP]
        start, end = f["words"]
        covered.extend(range(start, end))
        # each word's label sits on its first sub-word
        assert [f["labels"][i] for i in f["first"]] == labels[start:end]
    assert covered == list(range(len(words)))


def test_train_one_epoch_and_predict(tmp_path, small_docs):
    train, dev = small_docs
    started = time.time()
    ckpt = tb.make_tiny_model(tmp_path / "tiny", [d.text for d in train])
    meta = tb.train(ckpt, tmp_path / "out", epochs=1, train_docs=train, dev_docs=dev,
                    lr=1e-3, log=lambda _line: None)
    assert time.time() - started < 45
    assert meta["best_epoch"] == 1 and set(data.FIELDS) <= set(meta["dev"])
    tagger = tb.load(tmp_path / "out", device="cpu")
    text = dev[0].text
    spans = tagger.predict(text)
    assert set(spans) == set(data.FIELDS)
    for offsets in spans.values():
        for start, end in offsets:
            assert 0 <= start < end <= len(text) and text[start:end].strip()
    assert tagger.predict("") == {f: [] for f in data.FIELDS}
    # the pipeline's interface: segmented words in, the same spans out, filtered by layer
    words, spaces = data.segment(data.make_nlp(), text)
    (both,) = tagger.predict_tokens([(words, spaces)])
    assert both == spans
    (nested,) = tagger.predict_tokens([(words, spaces)], layers=["nested"])
    assert nested["measures"] == [] and nested["targets"] == spans["targets"]
