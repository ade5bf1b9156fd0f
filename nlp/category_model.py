"""A trained measure-category classifier: multinomial naive Bayes over the measure's words.

Features are the measure's word unigrams and bigrams, its first words again (the head verb
decides most categories), and the lexicon's own guess (`nlp.classify`) as three votes, so
the model learns where the annotators agree with the cue table and where they do not.

Trained on the gold train split only (`chidao train --component category`); its settings
(smoothing 0.3, six head words) were chosen on dev. The model is a small JSON file of
counts, so it loads in milliseconds and needs nothing beyond the standard library.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nlp.classify import classify

VERSION = "1.3.0"
HEAD_WORDS = 6
ALPHA = 0.3
LEXICON_VOTES = 3


def features(text: str, head: int = HEAD_WORDS) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    out = [f"u:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    out += [f"h:{w}" for w in words[:head]]
    out += [f"hb:{a}_{b}" for a, b in zip(words[:head], words[1:head], strict=False)]
    out += [f"lex:{classify(text)[0]}"] * LEXICON_VOTES
    return out


@dataclass
class CategoryModel:
    """Log-priors and per-class feature log-likelihoods, with one unseen-feature default."""

    priors: dict[str, float]
    loglik: dict[str, dict[str, float]]
    unseen: dict[str, float]
    head: int = HEAD_WORDS
    version: str = VERSION

    def predict(self, text: str) -> tuple[str, float]:
        """The category and its posterior probability."""
        feats = features(text, self.head)
        scores = {
            cat: prior + sum(self.loglik[cat].get(f, self.unseen[cat]) for f in feats)
            for cat, prior in self.priors.items()
        }
        best = max(scores, key=scores.__getitem__)
        top = scores[best]
        total = sum(math.exp(s - top) for s in scores.values())
        return best, 1.0 / total

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "model.json"
        path.write_text(json.dumps({"version": self.version, "head": self.head, "priors": self.priors,
                                    "loglik": self.loglik, "unseen": self.unseen},
                                   ensure_ascii=False, sort_keys=True), encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: Path) -> CategoryModel:
        path = Path(folder) / "model.json"
        if not path.exists():
            raise FileNotFoundError(
                f"no category model at {path}; train one with `chidao train --component category`"
                " or set measure_classifier.backend = \"lexicon\" in nlp/config.cfg")
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(priors=data["priors"], loglik=data["loglik"], unseen=data["unseen"],
                   head=data.get("head", HEAD_WORDS), version=data.get("version", VERSION))


def fit(examples: Iterable[tuple[str, str]], alpha: float = ALPHA, head: int = HEAD_WORDS) -> CategoryModel:
    """Train on (measure text, category) pairs."""
    class_counts: Counter[str] = Counter()
    feat_counts: dict[str, Counter[str]] = defaultdict(Counter)
    vocab: set[str] = set()
    for text, cat in examples:
        class_counts[cat] += 1
        for f in features(text, head):
            feat_counts[cat][f] += 1
            vocab.add(f)
    if not class_counts:
        raise ValueError("no labelled measures to train on")
    n, v = sum(class_counts.values()), len(vocab)
    priors, loglik, unseen = {}, {}, {}
    for cat, count in class_counts.items():
        total = sum(feat_counts[cat].values()) + alpha * v
        priors[cat] = math.log(count / n)
        loglik[cat] = {f: math.log((c + alpha) / total) for f, c in feat_counts[cat].items()}
        unseen[cat] = math.log(alpha / total)
    return CategoryModel(priors, loglik, unseen, head)


def measures_of(gold_docs: Iterable[dict]) -> list[tuple[str, str]]:
    return [(m["text"], m["category"]) for g in gold_docs for d in g.get("directives", [])
            for m in d.get("measures", []) if m.get("text") and m.get("category")]


def accuracy(model: CategoryModel, examples: list[tuple[str, str]]) -> float:
    return sum(model.predict(t)[0] == c for t, c in examples) / len(examples) if examples else 0.0


DEFAULT_OUT = Path("models/measure-category")


def train(corpus: Path, out: Path = DEFAULT_OUT, with_dev: bool = False) -> dict[str, float]:
    """Fit on the corpus train split, score on dev (gold spans), save model and metrics.
    ``with_dev``: learn from dev too, once settings were chosen on it (dev scores are then
    in-sample)."""
    from nlp.evaluate import load_gold

    dev_docs = load_gold(corpus, "dev")
    train_set = measures_of(load_gold(corpus, "train") + (dev_docs if with_dev else []))
    dev_set = measures_of(dev_docs)
    model = fit(train_set)
    lexicon = sum(classify(t)[0] == c for t, c in dev_set) / len(dev_set) if dev_set else 0.0
    metrics = {"train_measures": len(train_set), "dev_measures": len(dev_set),
               "dev_accuracy": round(accuracy(model, dev_set), 4),
               "dev_accuracy_lexicon": round(lexicon, 4), "version": VERSION,
               "alpha": ALPHA, "head_words": model.head, "splits": "train+dev" if with_dev else "train"}
    model.save(out)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    return metrics
