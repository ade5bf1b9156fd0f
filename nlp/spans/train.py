"""Train a span tagger on the train split and score it on dev: the library twin of `chidao train`.

The test split is never read here except by ``evaluate(..., split="test")``, which is meant to
be run once, for the model card, after settings were chosen on dev.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nlp.spans import data

BACKENDS = ("spacy", "crf", "transformers")
DEFAULT_OUT = {"spacy": Path("models/spans-spacy"), "crf": Path("models/spans-crf"),
               "transformers": Path("models/spans-transformers")}
PROJECT = Path(__file__).resolve().parents[2]  # the shipped models, wherever chidao runs from
# For the CRF, "epochs" are L-BFGS iterations.
DEFAULT_EPOCHS = {"spacy": 30, "crf": 300, "transformers": 5}


def train(
    backend: str,
    out: Path,
    checkpoint: str | None = None,
    epochs: int | None = None,
    seed: int = 13,
    log: Callable[[str], None] = print,
    limit: int | None = None,
    corpus: Path = data.CORPUS,
    with_dev: bool = False,
    layers: list[str] | None = None,
    layer_epochs: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Fit ``backend`` on train, keep the best epoch on dev, save to ``out``; dev metrics.

    ``checkpoint`` (transformers only) is a local model folder, or "tiny" for a randomly
    initialised tiny BERT built on the spot (a smoke run). ``limit`` caps the number of train
    and dev documents (tests). ``with_dev`` (CRF and spaCy): learn from dev too, once the
    settings were chosen on it; the dev scores are then in-sample. spaCy cannot then keep its
    best epoch on dev: it trains each layer ``layer_epochs`` epochs (layer -> epochs; by
    default the epochs the shipped models/spans-spacy kept). ``layer_epochs`` without
    ``with_dev`` (spaCy): fixed epochs, dev only watched. ``layers`` (CRF only): fit only
    these layers ("primary", "nested"), e.g. for a model that follows another in an
    ensemble and reads only the first layer.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    epochs = epochs if epochs is not None else DEFAULT_EPOCHS[backend]
    if layers and backend != "crf":
        raise ValueError("--layers is for the crf backend only")
    if with_dev and backend == "transformers":
        # it keeps its best epoch on dev, so dev cannot also be learnt from
        raise ValueError("--with-dev is for the category, targets, crf and spacy models")
    if layer_epochs and backend != "spacy":
        raise ValueError("--layer-epochs is for the spacy backend only")
    if with_dev and backend == "spacy" and not layer_epochs:
        layer_epochs = kept_epochs(PROJECT / DEFAULT_OUT["spacy"])
    splits = "train+dev" if with_dev else "train"  # recorded in the model's meta.json
    dev_docs = data.load_gold(["dev"], corpus=corpus, limit=limit)
    train_docs = data.load_gold(["train"], corpus=corpus, limit=limit) + (dev_docs if with_dev else [])
    log(f"data: {len(train_docs)} train docs, {len(dev_docs)} dev docs; "
        f"spans per layer {data.overlap_report(train_docs)}")
    out = Path(out)
    if backend == "spacy":
        if checkpoint:
            raise ValueError("--checkpoint is for the transformers backend only")
        from nlp.spans import spacy_backend

        # with dev learnt from, scoring it each epoch would be in-sample and slow
        spacy_backend.train(out, train_docs, [] if with_dev else dev_docs, epochs=epochs, seed=seed,
                            log=log, fixed_epochs=layer_epochs, splits=splits)
        tagger: Any = spacy_backend.load(out)
    elif backend == "crf":
        if checkpoint:
            raise ValueError("--checkpoint is for the transformers backend only")
        from nlp.spans import crf_backend

        crf_backend.train(out, train_docs, dev_docs, seed=seed, log=log, layers=layers,
                          splits=splits, iterations=epochs)
        tagger = crf_backend.load(out)
    else:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from nlp.spans import transformers_backend

        if not checkpoint:
            raise ValueError("the transformers backend needs --checkpoint PATH (a local model "
                             "folder, e.g. PhoBERT) or --checkpoint tiny for a smoke run")
        if checkpoint == "tiny":
            checkpoint = str(transformers_backend.make_tiny_model(
                out / "_tiny_init", [d.text for d in train_docs], seed=seed))
            lr = 1e-3  # a random tiny model needs a far larger step than fine-tuning does
        else:
            if not Path(checkpoint).is_dir():
                raise FileNotFoundError(f"checkpoint folder not found: {checkpoint}")
            lr = 5e-5
        transformers_backend.train(checkpoint, out, epochs=epochs, train_docs=train_docs,
                                   dev_docs=dev_docs, seed=seed, lr=lr, log=log)
        tagger = transformers_backend.load(out)
    return evaluate_docs(tagger, dev_docs)


def kept_epochs(model: Path) -> dict[str, int]:
    """The epochs a spaCy span model kept per layer (its meta.json), to train another as long."""
    meta_path = Path(model) / "meta.json"
    if not meta_path.is_file():
        raise FileNotFoundError(f"{meta_path} not found: give the epochs per layer "
                                "(--layer-epochs primary=18 --layer-epochs nested=9)")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return {name: int(layer["best_epoch"]) for name, layer in meta["layers"].items()}


def evaluate_docs(tagger: Any, docs: list[data.GoldDoc]) -> dict[str, Any]:
    from nlp.spans import metrics

    return metrics.evaluate_tagger(tagger, docs, data.FIELDS)


def load(path: Path | str) -> Any:
    """Any backend's tagger from its folder (spaCy and CRF: meta.json, which names the CRF
    backend; transformers: spans_meta.json)."""
    path = Path(path)
    if (path / "spans_meta.json").exists():
        from nlp.spans import transformers_backend

        return transformers_backend.load(path)
    meta = path / "meta.json"
    if meta.exists() and json.loads(meta.read_text(encoding="utf-8")).get("backend") == "crf":
        from nlp.spans import crf_backend

        return crf_backend.load(path)
    from nlp.spans import spacy_backend

    return spacy_backend.load(path)


def evaluate(model_dir: Path | str, split: str = "dev") -> dict[str, Any]:
    """Lenient span P/R/F1 per field of a saved model on one split."""
    return evaluate_docs(load(model_dir), data.load_gold([split]))


def format_scores(scores: dict[str, Any]) -> str:
    lines = [f"{'field':<11} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for name in data.FIELDS:
        s = scores[name]
        lines.append(f"{name:<11} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['gold']:5d} {s['pred']:5d}")
    lines.append(f"{'macro F1':<11} {'':>6} {'':>6} {scores['macro_f1']['f1']:6.3f}")
    return "\n".join(lines)


if __name__ == "__main__":  # `python -m nlp.spans.train ...` == `chidao train ...`
    from chidao.commands.train import train as _cli

    _cli()
