"""spaCy backend: one NER pipeline per span layer, tok2vec (HashEmbedCNN) from scratch.

Architecture and hyper-parameters live in ``nlp/spans/spacy_config.cfg``; this module runs
the training loop itself (instead of ``spacy train``) so that the epoch kept is chosen on dev
with the corpus's own lenient span F1 (token F1 >= 0.5), not spaCy's exact-boundary F1, which
is near zero for 16-word measures early in training and would pick epochs badly.

Saved layout (``out_dir``)::

    primary/   spaCy pipeline tagging ADDRESSEE, MEASURE
    nested/    spaCy pipeline tagging TARGET, DEADLINE
    meta.json  version, seed, epochs kept, dev metrics
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nlp.spans import data, metrics

CONFIG = Path(__file__).with_name("spacy_config.cfg")
VERSION = "spans-spacy-1.2.0"

Log = Callable[[str], None]


def _strings(text: str, spans: dict[str, list[tuple[int, int]]]) -> dict[str, list[str]]:
    return {f: [text[s:e] for s, e in v] for f, v in spans.items()}


def _score(scores: dict[str, dict[str, float]], fields: list[str]) -> float:
    """Micro F1 pooled over a layer's fields: deadlines are too rare on dev (4) to weigh equally."""
    tp = sum(scores[f]["tp"] for f in fields)
    ng = sum(scores[f]["gold"] for f in fields)
    npred = sum(scores[f]["pred"] for f in fields)
    return metrics.prf(int(tp), int(ng), int(npred))["f1"]


def train(
    out_dir: Path,
    train_docs: list[data.GoldDoc],
    dev_docs: list[data.GoldDoc],
    epochs: int | None = None,
    seed: int = 13,
    config_path: Path = CONFIG,
    log: Log = print,
    fixed_epochs: dict[str, int] | None = None,
    splits: str = "train",
) -> dict:
    """Train both layers; keep each layer's best epoch on dev; save to ``out_dir``.

    ``fixed_epochs`` (layer -> epochs): train each layer exactly that many epochs and keep
    the last, for a model that learns from dev too (dev cannot then pick the epoch), or for
    one whose dev is held out and only watched; dev is then scored each epoch for the log
    only, and not at all when it is empty. ``splits`` is recorded: "train+dev" when the
    training documents include dev."""
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import fix_random_seed, load_config, load_model_from_config, registry
    from threadpoolctl import threadpool_limits

    from nlp.spans import tokenizer_registry  # noqa: F401

    if not dev_docs and not fixed_epochs:
        raise ValueError("no dev documents to pick the epochs on; give the epochs per layer "
                         "(--layer-epochs primary=18 --layer-epochs nested=9)")
    config = load_config(config_path, overrides={"system.seed": seed})
    tcfg = config["training"]
    max_epochs = epochs if epochs is not None else int(tcfg["max_epochs"])
    patience = int(tcfg["patience"])
    dropout = float(tcfg["dropout"])
    # the batcher named in the config (batch_by_words), resolved through spaCy's registry
    batcher = registry.resolve({"b": tcfg["batcher"]})["b"]

    # Segmentation is the slow part: do it once and rebuild Docs from words per layer.
    blank = data.make_nlp()
    t0 = time.time()
    train_tok = [data.segment(blank, d.text) for d in train_docs]
    dev_tok = [data.segment(blank, d.text) for d in dev_docs]
    log(f"segmented {len(train_docs)} train + {len(dev_docs)} dev docs in {time.time() - t0:.1f}s")

    out_dir.mkdir(parents=True, exist_ok=True)
    meta: dict = {"version": VERSION, "backend": "spacy", "seed": seed, "max_epochs": max_epochs,
                  "splits": splits, "layers": {}, "train_docs": len(train_docs),
                  "dev_docs": len(dev_docs)}
    if fixed_epochs:
        meta["fixed_epochs"] = dict(fixed_epochs)
    # One BLAS thread: runs are deterministic with the seed, and take one core as before.
    with threadpool_limits(limits=1, user_api="blas"):
        for layer in data.LAYERS:
            fix_random_seed(seed)
            nlp = load_model_from_config(config, auto_fill=True, validate=True)
            use_numpy_blas(nlp)  # epochs 1.5x faster than on blis
            examples = []
            for doc, (words, spaces) in zip(train_docs, train_tok, strict=True):
                ref = Doc(nlp.vocab, words=words, spaces=spaces)
                ref = data.to_spacy_doc(nlp, doc, layer, ref)
                examples.append(Example(Doc(nlp.vocab, words=words, spaces=spaces), ref))
            optimizer = nlp.initialize(lambda exs=examples: exs)
            fields = data.layer_fields(layer)
            best, kept, best_bytes, best_epoch, stale = -1.0, None, b"", 0, 0
            last = fixed_epochs[layer] if fixed_epochs else max_epochs
            for epoch in range(1, last + 1):
                t0 = time.time()
                losses: dict[str, float] = {}
                order = data.shuffled(examples, seed + epoch)
                for batch in batcher(order):
                    nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
                with nlp.use_params(optimizer.averages):
                    scores = _evaluate_layer(nlp, dev_docs, dev_tok, fields) if dev_docs else None
                    score = _score(scores, fields) if scores else None
                    if fixed_epochs:
                        if epoch == last:  # the last epoch is kept, whatever dev says
                            kept, best_bytes, best_epoch = score, nlp.to_bytes(), epoch
                    elif score is not None and score > best:
                        best, kept, best_bytes, best_epoch, stale = score, score, nlp.to_bytes(), epoch, 0
                    else:
                        stale += 1
                per_field = " ".join(f"{f}={scores[f]['f1']:.3f}" for f in fields) if scores else "-"
                log(f"[{layer}] epoch {epoch:2d} loss {losses.get('ner', 0.0):9.1f} dev {per_field} "
                    f"({time.time() - t0:.1f}s){' *' if stale == 0 and not fixed_epochs else ''}")
                if stale >= patience:
                    break
            nlp.from_bytes(best_bytes)
            nlp.to_disk(out_dir / layer)
            meta["layers"][layer] = {"labels": list(data.LAYERS[layer]), "best_epoch": best_epoch,
                                     "dev_f1": kept}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    return meta


def _evaluate_layer(nlp: object, docs: list[data.GoldDoc], toks: list[tuple[list[str], list[bool]]],
                    fields: list[str]) -> dict[str, dict[str, float]]:
    from spacy.tokens import Doc

    pairs = []
    inputs = [Doc(nlp.vocab, words=w, spaces=s) for w, s in toks]  # type: ignore[attr-defined]
    for gold, doc in zip(docs, nlp.pipe(inputs), strict=True):  # type: ignore[attr-defined]
        pred = {f: [] for f in fields}
        for ent in doc.ents:
            field = data.LABEL_TO_FIELD.get(ent.label_)
            if field in pred:
                pred[field].append(ent.text)
        pairs.append((gold.strings, pred))
    return metrics.evaluate(pairs, fields)


def use_numpy_blas(nlp: Any) -> None:
    """Run a loaded pipeline's matrix products through numpy's BLAS instead of blis.

    thinc's CPU ops multiply with blis, which on the machines we measured is 3-4 times slower
    than numpy's OpenBLAS for the tok2vec's (words x 288) @ (288 x 288) products; those
    products were 60 % of the span models' time. The weights and the arithmetic are the same
    (float32), so predictions do not change (checked on dev and test). GPU ops are left alone.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        for node in model.walk() if model is not None else ():
            if type(node.ops) is NumpyOps:
                node.ops = ops


class SpacySpanTagger:
    """Both layers loaded; ``predict(text)`` → {field: [(start, end), ...]} character offsets."""

    def __init__(self, path: Path):
        import spacy

        from nlp.spans import tokenizer_registry  # noqa: F401  (needed by the saved configs)

        self.path = Path(path)
        self.meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
        # One vocabulary for all layers, so one Doc per window serves them all (building
        # Docs and their lexemes twice was a tenth of the model's time).
        self.layers: dict[str, Any] = {}
        for layer in data.LAYERS:
            vocab = next(iter(self.layers.values())).vocab if self.layers else True
            self.layers[layer] = spacy.load(self.path / layer, vocab=vocab)
            use_numpy_blas(self.layers[layer])
        # one tokenizer for all layers: they were trained on the same segmentation
        self._tokenizer_nlp = self.layers["primary"]

    def predict(self, text: str) -> dict[str, list[tuple[int, int]]]:
        return self.predict_many([text])[0]

    def predict_many(self, texts: list[str]) -> list[dict[str, list[tuple[int, int]]]]:
        return self.predict_tokens([data.segment(self._tokenizer_nlp, t) for t in texts])

    def predict_tokens(self, toks: list[tuple[list[str], list[bool]]],
                       layers: list[str] | None = None) -> list[dict[str, list[tuple[int, int]]]]:
        """Like ``predict_many`` for texts already segmented (words, trailing-space flags):
        the pipeline passes its own tokens so segmentation is not paid twice. ``layers``:
        run only these ("primary", "nested"); all by default."""
        from spacy.tokens import Doc
        from threadpoolctl import threadpool_limits

        results: list[list[data.Span]] = [[] for _ in toks]
        names = [n for n in self.layers if layers is None or n in layers]
        if not names:
            return [data.group_by_field(r) for r in results]
        docs = [Doc(self.layers[names[0]].vocab, words=w, spaces=s) for w, s in toks]
        # One BLAS thread: the products are small, and extraction scales over documents
        # with worker processes (--workers), which extra BLAS threads would oversubscribe.
        with threadpool_limits(limits=1, user_api="blas"):
            for name in names:
                for i, doc in enumerate(self.layers[name].pipe(docs)):
                    results[i].extend((e.start_char, e.end_char, e.label_) for e in doc.ents)
                    # unset, not "outside": the next layer's recogniser keeps preset entities
                    doc.set_ents([], default="missing")
        return [data.group_by_field(r) for r in results]


def load(path: Path | str) -> SpacySpanTagger:
    return SpacySpanTagger(Path(path))
