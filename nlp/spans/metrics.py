"""Span precision/recall/F1 per field, with the corpus's lenient match.

Spans are pooled per document (all directives together) and matched one to one when their
syllable-token F1 is >= 0.5 (syllables = whitespace-split, case-folded), as in ANNOTATION.md.
Strings are de-duplicated per document first (case-folded, whitespace-normalised): the
catalogue stores a field once per directive, so naming "Sở Y tế" twice adds no information,
and a tagger that finds both mentions should not be charged a false positive for it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nlp.evaluate import span_prf, syllables  # one matcher for the whole project

__all__ = ["dedupe", "evaluate", "prf", "span_prf"]


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
