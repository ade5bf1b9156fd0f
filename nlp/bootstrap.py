"""How sure a score is: bootstrap intervals over documents, alone or paired.

The test split has 66 documents, so a field's F1 moves by several points with the luck of
the draw. Resampling the documents with replacement (and re-pooling their counts as
`nlp.evaluate` does) gives a percentile interval for every score, and, for two sets of
predictions on the same documents, an interval for their difference: a change whose
interval straddles zero is within the noise of the split.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nlp.evaluate import SCORED_FIELDS, Report, score_document

RESAMPLES = 1000
SEED = 13
LEVEL = 0.95
# what each score is computed from, as columns of a document's count vector
_PRF = (*SCORED_FIELDS, "directive_document")
_RATIOS = ("measure_category_accuracy", "province_current")


def document_counts(gold_docs: Iterable[dict], predictions: dict[str, dict]) -> np.ndarray:
    """One row per gold document: (tp, gold, pred) per field and for detection, then
    (correct, total) for categories and current provinces."""
    rows = []
    for g in gold_docs:
        report = Report()
        score_document(report, g, predictions.get(g["doc_id"], {"directives": []}))
        row: list[int] = []
        for name in _PRF:
            prf = report.detection if name == "directive_document" else report.fields[name]
            row += [prf.tp, prf.gold, prf.pred]
        row += [report.category_correct, report.category_total,
                report.province_correct["current"], report.province_total]
        rows.append(row)
    return np.array(rows, dtype=np.int64).reshape(len(rows), 3 * len(_PRF) + 2 * len(_RATIOS))


def _scores(sums: np.ndarray) -> dict[str, np.ndarray]:
    """Scores from summed counts (any leading shape), with `nlp.evaluate.PRF`'s conventions
    for empty counts."""
    out = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for k, name in enumerate(_PRF):
            tp, gold, pred = sums[..., 3 * k], sums[..., 3 * k + 1], sums[..., 3 * k + 2]
            p = np.where(pred > 0, tp / np.maximum(pred, 1), np.where(gold > 0, 0.0, 1.0))
            r = np.where(gold > 0, tp / np.maximum(gold, 1), np.where(pred > 0, 0.0, 1.0))
            out[name] = np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)
        base = 3 * len(_PRF)
        for k, name in enumerate(_RATIOS):
            right, total = sums[..., base + 2 * k], sums[..., base + 2 * k + 1]
            out[name] = np.where(total > 0, right / np.maximum(total, 1), np.nan)
    return out


def _samples(n_docs: int, resamples: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n_docs, size=(resamples, n_docs))


def _value(x: np.ndarray | float) -> float | None:
    return None if np.isnan(x) else round(float(x), 4)


def _interval(values: np.ndarray, level: float) -> tuple[float | None, float | None]:
    """(low, high) percentiles of the resampled values; None where no resample has one."""
    values = values[~np.isnan(values)]
    if not len(values):
        return None, None
    tail = (1 - level) / 2 * 100
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return _value(lo), _value(hi)


def intervals(gold_docs: list[dict], predictions: dict[str, dict], resamples: int = RESAMPLES,
              seed: int = SEED, level: float = LEVEL) -> dict:
    """Percentile bootstrap interval of every score: ``{"scores": {name: {"value", "low",
    "high"}}, "resamples", "level", "seed", "documents"}``."""
    counts = document_counts(gold_docs, predictions)
    if not len(counts):
        raise ValueError("no documents to resample")
    observed = _scores(counts.sum(axis=0))
    boot = _scores(counts[_samples(len(counts), resamples, seed)].sum(axis=1))
    scores = {}
    for name, value in observed.items():
        low, high = _interval(boot[name], level)
        scores[name] = {"value": _value(value), "low": low, "high": high}
    return {"scores": scores, "resamples": resamples, "level": level, "seed": seed,
            "documents": len(counts)}


def paired(gold_docs: list[dict], base: dict[str, dict], other: dict[str, dict],
           resamples: int = RESAMPLES, seed: int = SEED, level: float = LEVEL) -> dict:
    """``other`` against ``base`` on the same resampled documents: per score the two values,
    their difference with its interval, and the share of resamples where ``other`` is higher
    (ties count half)."""
    a, b = document_counts(gold_docs, base), document_counts(gold_docs, other)
    if not len(a):
        raise ValueError("no documents to resample")
    idx = _samples(len(a), resamples, seed)
    obs_a, obs_b = _scores(a.sum(axis=0)), _scores(b.sum(axis=0))
    boot_a, boot_b = _scores(a[idx].sum(axis=1)), _scores(b[idx].sum(axis=1))
    scores = {}
    for name in obs_a:
        diff = boot_b[name] - boot_a[name]
        low, high = _interval(diff, level)
        kept = diff[~np.isnan(diff)]
        better = float(((kept > 0).sum() + 0.5 * (kept == 0).sum()) / len(kept)) if len(kept) else None

        scores[name] = {"base": _value(obs_a[name]), "other": _value(obs_b[name]),
                        "difference": _value(obs_b[name] - obs_a[name]), "low": low, "high": high,
                        "other_higher": None if better is None else round(better, 3)}
    return {"scores": scores, "resamples": resamples, "level": level, "seed": seed,
            "documents": len(a)}


def _fmt(x: float | None, sign: bool = False) -> str:
    if x is None:
        return "n/a"
    return f"{x:+.3f}" if sign else f"{x:.3f}"


def format_intervals(result: dict) -> str:
    pct = round(result["level"] * 100)
    lines = [f"{pct}% bootstrap intervals ({result['resamples']} resamples of "
             f"{result['documents']} documents, seed {result['seed']})", "",
             f"{'score':<27}{'value':>7}{'low':>8}{'high':>8}"]
    for name, s in result["scores"].items():
        lines.append(f"{name:<27}{_fmt(s['value']):>7}{_fmt(s['low']):>8}{_fmt(s['high']):>8}")
    return "\n".join(lines)


def format_paired(result: dict, base_name: str, other_name: str) -> str:
    pct = round(result["level"] * 100)
    lines = [f"{other_name} against {base_name}: paired bootstrap, {result['resamples']} "
             f"resamples of {result['documents']} documents, seed {result['seed']}", "",
             f"{'score':<27}{'base':>7}{'other':>7}{'diff':>8}{f'{pct}% interval':>20}"
             f"{'other higher':>14}"]
    for name, s in result["scores"].items():
        interval = f"[{_fmt(s['low'], True)}, {_fmt(s['high'], True)}]"
        higher = "n/a" if s["other_higher"] is None else f"{s['other_higher']:.0%}"
        lines.append(f"{name:<27}{_fmt(s['base']):>7}{_fmt(s['other']):>7}"
                     f"{_fmt(s['difference'], True):>8}{interval:>20}{higher:>14}")
    lines += ["", "A difference whose interval contains 0 is within the noise of these documents."]
    return "\n".join(lines)
