"""Transformers backend: token classification fine-tuned from any local checkpoint.

Words are underthesea's (the same segmentation as the spaCy backend); labels are per word
and put on each word's first sub-word (the other sub-words get -100, ignored by the loss).

Both span layers (see ``data.py``: ADDRESSEE/MEASURE and the TARGET/DEADLINE spans nested in
them) are tagged by ONE model with a product tag set: each word's label is
"<primary BIO>|<nested BIO>" (5 x 5 = 25 labels), so a single forward pass yields both layers
and nested targets are not lost, which a flat BIO sequence would force.

Tokenizers: fast tokenizers give ``word_ids()`` for pre-split words; slow ones (PhoBERT's
``PhobertTokenizer``) do not, so words are then tokenized one by one (cached). PhoBERT was
pre-trained on word-segmented text with syllables joined by "_" ("Chủ_tịch"), so syllables
are joined that way when the tokenizer is PhoBERT's. Documents longer than the model's
window are cut into chunks at word boundaries.
"""
from __future__ import annotations

import copy
import json
import math
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from nlp.spans import data, metrics

VERSION = "spans-transformers-1.0.0"
LAYER_NAMES = tuple(data.LAYERS)  # ("primary", "nested")
Log = Callable[[str], None]


def _layer_tags(layer: str) -> list[str]:
    return ["O"] + [f"{p}-{lab}" for lab in data.LAYERS[layer] for p in ("B", "I")]


def label_list() -> list[str]:
    return [f"{a}|{b}" for a in _layer_tags("primary") for b in _layer_tags("nested")]


# ---------------------------------------------------------------- encoding


def word_joiner(tokenizer: Any) -> str | None:
    """PhoBERT expects syllables of a word joined by "_"; other vocabularies keep spaces."""
    return "_" if "phobert" in type(tokenizer).__name__.lower() else None


def encode_words(tokenizer: Any, words: list[str], joiner: str | None = None,
                 cache: dict[str, list[int]] | None = None) -> list[list[int]]:
    """Sub-word ids per word (never empty: an untokenizable word becomes [UNK])."""
    shown = [w.replace(" ", joiner) if joiner else w for w in words]
    pieces: list[list[int]] | None = None
    if getattr(tokenizer, "is_fast", False):
        try:
            enc = tokenizer(shown, is_split_into_words=True, add_special_tokens=False)
            pieces = [[] for _ in shown]
            for tok_id, wid in zip(enc["input_ids"], enc.word_ids(), strict=True):
                if wid is not None:
                    pieces[wid].append(tok_id)
        except (ValueError, TypeError, NotImplementedError):
            # e.g. byte-level BPE tokenizers that refuse pre-split input without add_prefix_space
            pieces = None
    if pieces is None:
        cache = cache if cache is not None else {}
        pieces = []
        for w in shown:
            if w not in cache:
                cache[w] = tokenizer(w, add_special_tokens=False)["input_ids"]
            pieces.append(list(cache[w]))
    unk = tokenizer.unk_token_id if tokenizer.unk_token_id is not None else 0
    return [p if p else [unk] for p in pieces]


def max_body_length(tokenizer: Any, config: Any) -> int:
    """Sub-words per chunk, leaving room for the special tokens ([CLS]/[SEP] or <s>/</s>)."""
    limit = int(getattr(config, "max_position_embeddings", 512) or 512)
    if getattr(config, "model_type", "") in {"roberta", "xlm-roberta", "camembert"}:
        limit -= 2  # RoBERTa-style position ids start at padding_idx + 1 (PhoBERT: 258 → 256)
    tok_max = getattr(tokenizer, "model_max_length", limit) or limit
    if tok_max < 100_000:  # "very large" means unset
        limit = min(limit, int(tok_max))
    prefix, suffix = special_tokens(tokenizer)
    return min(limit, 512) - len(prefix) - len(suffix)


def chunk_words(pieces: list[list[int]], body: int) -> list[tuple[int, int]]:
    """Greedy [start, end) word ranges whose sub-words fit in ``body``."""
    chunks, start, used = [], 0, 0
    for i, p in enumerate(pieces):
        n = min(len(p), body)
        if used + n > body and i > start:
            chunks.append((start, i))
            start, used = i, 0
        used += n
    if start < len(pieces):
        chunks.append((start, len(pieces)))
    return chunks


def build_features(tokenizer: Any, pieces: list[list[int]], body: int,
                   word_labels: list[int] | None = None) -> list[dict[str, Any]]:
    """Model inputs per chunk; ``first`` maps each word of the chunk to its first sub-word."""
    feats = []
    for start, end in chunk_words(pieces, body):
        ids: list[int] = []
        labels: list[int] = []
        first: list[int] = []
        for w in range(start, end):
            p = pieces[w][:body]
            first.append(len(ids))
            ids.extend(p)
            if word_labels is not None:
                labels.extend([word_labels[w]] + [-100] * (len(p) - 1))
        ids = ids[:body]
        prefix, suffix = special_tokens(tokenizer)
        with_special = prefix + ids + suffix
        offset = len(prefix)
        feat: dict[str, Any] = {"input_ids": with_special, "first": [offset + f for f in first],
                                "words": (start, end)}
        if word_labels is not None:
            lab = [-100] * len(with_special)
            lab[offset:offset + len(labels[:body])] = labels[:body]
            feat["labels"] = lab
        feats.append(feat)
    return feats


def special_tokens(tokenizer: Any) -> tuple[list[int], list[int]]:
    """Ids the tokenizer puts before and after a single sequence ([CLS] … [SEP], <s> … </s>).

    Found by encoding a probe with and without special tokens, which works for slow and fast
    tokenizers alike (transformers 5 fast tokenizers lack build_inputs_with_special_tokens).
    """
    cached = getattr(tokenizer, "_chidao_special", None)
    if cached is None:
        full = tokenizer("a", add_special_tokens=True)["input_ids"]
        inner = tokenizer("a", add_special_tokens=False)["input_ids"]
        at = next((i for i in range(len(full) - len(inner) + 1)
                   if full[i:i + len(inner)] == inner), 0)
        cached = (list(full[:at]), list(full[at + len(inner):]))
        tokenizer._chidao_special = cached
    return cached


def _pad(batch: list[dict[str, Any]], pad_id: int, device: Any) -> dict[str, Any]:
    import torch

    width = max(len(f["input_ids"]) for f in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    out: dict[str, Any] = {}
    for i, f in enumerate(batch):
        ids[i, : len(f["input_ids"])] = torch.tensor(f["input_ids"])
        mask[i, : len(f["input_ids"])] = 1
    out["input_ids"], out["attention_mask"] = ids.to(device), mask.to(device)
    if "labels" in batch[0]:
        lab = torch.full((len(batch), width), -100, dtype=torch.long)
        for i, f in enumerate(batch):
            lab[i, : len(f["labels"])] = torch.tensor(f["labels"])
        out["labels"] = lab.to(device)
    return out


# ---------------------------------------------------------------- tiny model for tests / smoke


def make_tiny_model(out_dir: Path | str, texts: Iterable[str] | None = None, vocab_size: int = 3000,
                    seed: int = 13) -> Path:
    """A randomly initialised 2-layer BERT and a WordPiece vocabulary built from ``texts``.

    The vocabulary is whole lower-cased syllables (most frequent first) plus every character
    seen, alone and as "##" continuation, so any Vietnamese text tokenizes without [UNK].
    No download: used by tests and the smoke run (scores are not meant to be good).
    """
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer, set_seed

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if texts is None:
        texts = [d.text for d in data.load_gold(["train"])]
    syll: Counter[str] = Counter()
    chars: set[str] = set()
    for t in texts:
        for w in t.lower().split():
            # BERT's basic tokenizer splits punctuation off, so keep alphanumeric runs only
            core = "".join(c for c in w if c.isalnum())
            if core:
                syll[core] += 1
            chars.update(w)
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    char_list = sorted(c for c in chars if not c.isspace())
    vocab = special + char_list + ["##" + c for c in char_list]
    vocab += [w for w, _ in syll.most_common() if w not in set(vocab)][: max(0, vocab_size - len(vocab))]
    (out / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    # strip_accents=False: Vietnamese diacritics carry meaning (BERT strips them when lower-casing)
    tokenizer = BertTokenizer(vocab=str(out / "vocab.txt"), do_lower_case=True, strip_accents=False)
    labels = label_list()
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=512,
                        num_labels=len(labels), id2label=dict(enumerate(labels)),
                        label2id={lab: i for i, lab in enumerate(labels)})
    set_seed(seed)
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    BertForTokenClassification(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


# ---------------------------------------------------------------- training


def _device(prefer: str | None = None) -> Any:
    import torch

    if prefer:
        return torch.device(prefer)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def _word_labels(seq: data.WordSeq, label2id: dict[str, int]) -> list[int]:
    return [label2id[f"{a}|{b}"] for a, b in zip(seq.tags["primary"], seq.tags["nested"], strict=True)]


def train(
    checkpoint: str | Path,
    out_dir: Path | str,
    epochs: int = 3,
    train_docs: list[data.GoldDoc] | None = None,
    dev_docs: list[data.GoldDoc] | None = None,
    seed: int = 13,
    lr: float = 5e-5,
    batch_size: int = 8,
    device: str | None = None,
    log: Log = print,
) -> dict:
    """Fine-tune ``checkpoint`` (a local folder) on train; keep the best epoch on dev; save.

    Returns meta with dev metrics of the kept epoch.
    """
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer, set_seed
    from transformers.utils import logging as hf_logging

    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local path only: never reach the hub
    hf_logging.disable_progress_bar()
    set_seed(seed)
    train_docs = train_docs if train_docs is not None else data.load_gold(["train"])
    dev_docs = dev_docs if dev_docs is not None else data.load_gold(["dev"])
    dev_of = torch.device(device) if device else _device()
    labels = label_list()
    label2id = {lab: i for i, lab in enumerate(labels)}

    tokenizer = AutoTokenizer.from_pretrained(str(checkpoint), local_files_only=True)
    model = AutoModelForTokenClassification.from_pretrained(
        str(checkpoint), local_files_only=True, num_labels=len(labels),
        id2label=dict(enumerate(labels)), label2id=label2id, ignore_mismatched_sizes=True,
    ).to(dev_of)
    joiner = word_joiner(tokenizer)
    body = max_body_length(tokenizer, model.config)
    blank = data.make_nlp()
    cache: dict[str, list[int]] = {}
    feats: list[dict[str, Any]] = []
    for seq in data.to_bio(train_docs, blank):
        pieces = encode_words(tokenizer, seq.words, joiner, cache)
        feats.extend(build_features(tokenizer, pieces, body, _word_labels(seq, label2id)))
    log(f"{len(train_docs)} train docs → {len(feats)} chunks of ≤{body} sub-words on {dev_of}")

    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = max(1, epochs * math.ceil(len(feats) / batch_size))
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))))
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    tagger = TransformersSpanTagger(model, tokenizer, joiner, body, dev_of)
    best, best_state, best_epoch, best_scores = -1.0, None, 0, {}
    gen = torch.Generator().manual_seed(seed)
    for epoch in range(1, epochs + 1):
        t0 = time.time()
        model.train()
        total = 0.0
        order = torch.randperm(len(feats), generator=gen).tolist()
        for i in range(0, len(order), batch_size):
            batch = _pad([feats[j] for j in order[i:i + batch_size]], pad_id, dev_of)
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += float(loss.detach())
        scores = metrics.evaluate_tagger(tagger, dev_docs, data.FIELDS)
        score = scores["macro_f1"]["f1"]
        log(f"epoch {epoch} loss {total:.2f} dev " + " ".join(
            f"{f}={scores[f]['f1']:.3f}" for f in data.FIELDS) + f" ({time.time() - t0:.1f}s)")
        if score > best:
            best, best_epoch, best_scores = score, epoch, scores
            best_state = copy.deepcopy({k: v.detach().cpu() for k, v in model.state_dict().items()})
    if best_state is not None:
        model.load_state_dict(best_state)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    meta = {"version": VERSION, "backend": "transformers", "checkpoint": str(checkpoint),
            "seed": seed, "epochs": epochs, "best_epoch": best_epoch, "lr": lr,
            "joiner": joiner, "body_length": body, "labels": labels, "dev": best_scores,
            "train_docs": len(train_docs), "dev_docs": len(dev_docs)}
    (out / "spans_meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    return meta


# ---------------------------------------------------------------- inference


class TransformersSpanTagger:
    """``predict(text)`` → {field: [(start, end), ...]} like the spaCy backend."""

    def __init__(self, model: Any, tokenizer: Any, joiner: str | None, body: int, device: Any):
        self.model, self.tokenizer, self.joiner, self.body, self.device = (
            model, tokenizer, joiner, body, device)
        self._cache: dict[str, list[int]] = {}

    def predict(self, text: str) -> dict[str, list[tuple[int, int]]]:
        import torch

        words, offsets = data.words_of(text, data.segmenter())
        if not words:
            return data.group_by_field([])
        pieces = encode_words(self.tokenizer, words, self.joiner, self._cache)
        feats = build_features(self.tokenizer, pieces, self.body)
        id2label = self.model.config.id2label
        tags = {layer: ["O"] * len(words) for layer in LAYER_NAMES}
        pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        self.model.eval()
        with torch.no_grad():
            for i in range(0, len(feats), 8):
                chunk = feats[i:i + 8]
                logits = self.model(**_pad(chunk, pad_id, self.device)).logits.argmax(-1).cpu()
                for row, f in zip(logits.tolist(), chunk, strict=True):
                    start, _ = f["words"]
                    for k, pos in enumerate(f["first"]):
                        label = str(id2label[row[pos]])
                        a, _, b = label.partition("|")
                        tags["primary"][start + k], tags["nested"][start + k] = a or "O", b or "O"
        spans: list[data.Span] = []
        for layer in LAYER_NAMES:
            spans.extend(data.spans_from_bio(offsets, tags[layer]))
        return data.group_by_field(spans)

    def predict_many(self, texts: list[str]) -> list[dict[str, list[tuple[int, int]]]]:
        return [self.predict(t) for t in texts]

    def predict_tokens(self, toks: list[tuple[list[str], list[bool]]], layers: list[str] | None = None
                       ) -> list[dict[str, list[tuple[int, int]]]]:
        """The pipeline's interface: texts already segmented (words, trailing-space flags).
        One model tags both layers at once; ``layers`` only filters what is returned."""
        wanted = {data.LABEL_TO_FIELD[label] for layer in (layers or list(data.LAYERS))
                  for label in data.LAYERS[layer]}
        out = []
        for words, spaces in toks:
            found = self.predict(data.join(words, spaces))
            out.append({f: (v if f in wanted else []) for f, v in found.items()})
        return out


def load(path: Path | str, device: str | None = None) -> TransformersSpanTagger:
    from transformers import AutoModelForTokenClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    path = Path(path)
    meta = json.loads((path / "spans_meta.json").read_text(encoding="utf-8"))
    dev_of = _device(device)
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    model = AutoModelForTokenClassification.from_pretrained(str(path), local_files_only=True).to(dev_of)
    return TransformersSpanTagger(model, tokenizer, meta.get("joiner"), int(meta["body_length"]), dev_of)
