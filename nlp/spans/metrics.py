"""Span precision/recall/F1 per field, with the corpus's lenient match.

Spans are pooled per document (all directives together) and matched one to one when their
syllable-token F1 is >= 0.5 (syllables = whitespace-split, case-folded), as in ANNOTATION.md.
Strings are de-duplicated per document first (case-folded, whitespace-normalised): the
catalogue stores a field once per directive, so naming "Sở Y tế" twice adds no information,
and a tagger that finds both mentions should not be charged a false positive for it.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

THRESHOLD = 0.5


def syllables(s: str) -> list[str]:
    return s.casefold().split()


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(syllables(a)), Counter(syllables(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r)


def _own_span_prf(gold_spans: list[str], pred_spans: list[str]) -> tuple[int, int, int]:
    """(true positives, n_gold, n_pred) after greedy one-to-one matching, best pairs first."""
    pairs = sorted(
        ((token_f1(g, p), i, j) for i, g in enumerate(gold_spans) for j, p in enumerate(pred_spans)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    tp = 0
    for f, i, j in pairs:
        if f < THRESHOLD:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        tp += 1
    return tp, len(gold_spans), len(pred_spans)


try:  # the project-wide matcher, when the evaluation module provides one, keeps numbers aligned
    from nlp.evaluate import span_prf  # type: ignore[attr-defined]
except ImportError:
    span_prf = _own_span_prf


def dedupe(spans: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for s in spans:
        key = " ".join(syllables(s))
        if key and key not in seen:
            seen[key] = s
    return list(seen.values())


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "gold": n_gold, "pred": n_pred}


def evaluate(
    pairs: Iterable[tuple[Mapping[str, list[str]], Mapping[str, list[str]]]],
    fields: Iterable[str],
) -> dict[str, dict[str, float]]:
    """``pairs`` = (gold strings by field, predicted strings by field) per document.

    Returns per-field p/r/f1 (micro over documents) and "macro_f1" = mean F1 over fields.
    """
    fields = list(fields)
    totals = {f: [0, 0, 0] for f in fields}
    for gold, pred in pairs:
        for f in fields:
            tp, ng, npred = span_prf(dedupe(gold.get(f, [])), dedupe(pred.get(f, [])))
            totals[f][0] += tp
            totals[f][1] += ng
            totals[f][2] += npred
    out: dict[str, dict[str, float]] = {f: prf(*totals[f]) for f in fields}
    out["macro_f1"] = {"f1": round(sum(out[f]["f1"] for f in fields) / len(fields), 4)}  # type: ignore[index]
    return out


def evaluate_tagger(tagger: Any, docs: Iterable[Any], fields: Iterable[str]) -> dict[str, dict[str, float]]:
    """Score any tagger with ``predict(text) -> {field: [(start, end)]}`` on gold documents
    (objects with ``.text`` and ``.strings`` = gold strings by field)."""
    pairs = []
    for doc in docs:
        pred = tagger.predict(doc.text)
        pairs.append((doc.strings, {f: [doc.text[s:e] for s, e in v] for f, v in pred.items()}))
    return evaluate(pairs, fields)
