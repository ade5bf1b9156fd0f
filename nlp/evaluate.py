"""Score extractions against gold, with the rules of ANNOTATION.md.

Spans are pooled per document and field and matched one to one when their syllable-token
F1 is at least 0.5; document numbers must match exactly. Measure categories are scored on
matched measures; provinces on directives whose issuers matched.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nlp.textnorm import key

SPAN_FIELDS = ("issuer", "addressees", "measures", "targets", "deadlines")
SCORED_FIELDS = (*SPAN_FIELDS, "numbers")  # every field with precision, recall and F1
MATCH_THRESHOLD = 0.5


def syllables(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,.;:!?\"“”()\[\]…'‘’]+", text.lower()) if t]


def token_f1(a: str, b: str) -> float:
    ta, tb = syllables(a), syllables(b)
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    if not common:
        return 0.0
    p, r = common / len(tb), common / len(ta)
    return 2 * p * r / (p + r)


def match_spans(gold: list[str], pred: list[str], threshold: float = MATCH_THRESHOLD) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best overlaps first."""
    scored = sorted(
        ((token_f1(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for f, i, j in scored:
        if f < threshold:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def span_prf(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    """(true positives, gold count, predicted count) for one document and field."""
    return len(match_spans(gold, pred)), len(gold), len(pred)


@dataclass
class PRF:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, tp: int, g: int, p: int) -> None:
        self.tp += tp
        self.gold += g
        self.pred += p

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "gold": self.gold, "pred": self.pred}


@dataclass
class Report:
    fields: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    category_correct: int = 0
    category_total: int = 0
    province_correct: Counter = field(default_factory=Counter)
    province_total: int = 0
    detection: PRF = field(default_factory=PRF)
    per_province: dict[str, dict[str, PRF]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(PRF)))
    documents: int = 0

    def as_dict(self) -> dict:
        out = {name: prf.as_dict() for name, prf in self.fields.items()}
        return {
            "documents": self.documents,
            "fields": out,
            "measure_category_accuracy": round(self.category_correct / self.category_total, 4)
            if self.category_total else None,
            "measure_category_pairs": self.category_total,
            "directive_document": self.detection.as_dict(),
            "province_accuracy": {
                era: round(self.province_correct[era] / self.province_total, 4) if self.province_total else None
                for era in ("legacy", "current")},
            "province_pairs": self.province_total,
            "per_province": {
                prov: {f: prf.as_dict() for f, prf in fs.items()}
                for prov, fs in sorted(self.per_province.items())},
        }


def _field_spans(directives: list[dict], name: str) -> list[str]:
    if name == "issuer":
        return [d["issuer"]["text"] for d in directives if d.get("issuer", {}).get("text")]
    if name == "measures":
        return [m["text"] for d in directives for m in d.get("measures", [])]
    return [s for d in directives for s in d.get(name, []) or []]


def _numbers(directives: list[dict]) -> list[str]:
    out = []
    for d in directives:
        inst = d.get("instrument") or {}
        if inst.get("number"):
            out.append(inst["number"])
        out += [r["number"] for r in d.get("references", []) if r.get("number")]
    return sorted({re.sub(r"\s+", "", n).upper() for n in out})


def score_document(report: Report, gold: dict, pred: dict) -> None:
    g_dirs, p_dirs = gold.get("directives", []), pred.get("directives", [])
    report.documents += 1
    g_has, p_has = bool(g_dirs), bool(p_dirs)
    report.detection.add(int(g_has and p_has), int(g_has), int(p_has))
    province = next((d["province"].get("legacy") for d in g_dirs if (d.get("province") or {}).get("legacy")), None)
    for name in SPAN_FIELDS:
        gs, ps = _field_spans(g_dirs, name), _field_spans(p_dirs, name)
        tp, ng, np_ = span_prf(gs, ps)
        report.fields[name].add(tp, ng, np_)
        if province:
            report.per_province[province][name].add(tp, ng, np_)
    gn, pn = _numbers(g_dirs), _numbers(p_dirs)
    report.fields["numbers"].add(len(set(gn) & set(pn)), len(gn), len(pn))
    # measure categories on matched measures
    gm = [m for d in g_dirs for m in d.get("measures", [])]
    pm = [m for d in p_dirs for m in d.get("measures", [])]
    for i, j in match_spans([m["text"] for m in gm], [m["text"] for m in pm]):
        report.category_total += 1
        report.category_correct += gm[i]["category"] == pm[j]["category"]
    # provinces on matched issuers
    for i, j in match_spans(_field_spans(g_dirs, "issuer"), _field_spans(p_dirs, "issuer")):
        gp, pp = g_dirs[i].get("province") or {}, p_dirs[j].get("province") or {}
        report.province_total += 1
        for era in ("legacy", "current"):
            report.province_correct[era] += key(gp.get(era) or "") == key(pp.get(era) or "")


def load_gold(corpus: Path, split: str | None = None) -> list[dict]:
    """Gold documents of ``corpus`` (a folder with gold/, text/, documents.jsonl) or a
    folder of gold JSON files; each with its text attached when found."""
    corpus = Path(corpus)
    gold_dir = corpus / "gold" if (corpus / "gold").is_dir() else corpus
    text_dir = corpus / "text" if (corpus / "text").is_dir() else gold_dir.parent / "text"
    splits: dict[str, str] = {}
    meta: dict[str, dict] = {}
    index = corpus / "documents.jsonl"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            splits[row["doc_id"]] = row["split"]
            meta[row["doc_id"]] = row
    out = []
    for f in sorted(gold_dir.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        if split and split != "all" and splits.get(g["doc_id"]) != split:
            continue
        t = text_dir / f"{g['doc_id']}.txt"
        if not t.exists():
            t = f.with_suffix(".txt")
        g["text"] = t.read_text(encoding="utf-8") if t.exists() else None
        g["title"] = (meta.get(g["doc_id"]) or {}).get("title")
        out.append(g)
    return out


def draw_ids(corpus: Path, draws: Iterable[str]) -> set[str]:
    """The doc_ids of annotation draws (``corpus/selection_extraN.json``, given as a path or
    as a file name under ``corpus``): the fresh documents a change was scored on blind."""
    ids: set[str] = set()
    for draw in draws:
        path = Path(draw)
        if not path.exists():
            path = Path(corpus) / draw
        if not path.exists():
            raise FileNotFoundError(f"no draw {draw!r}: give a selection file such as "
                                    f"{Path(corpus) / 'selection_extra18.json'}")
        ids |= {row["doc_id"] for row in json.loads(path.read_text(encoding="utf-8"))["documents"]}
    return ids


def span_errors(gold_docs: Iterable[dict], predictions: dict[str, dict], field: str) -> list[dict]:
    """Per document, the gold spans of ``field`` that no prediction matched ("missed") and
    the predicted spans that matched no gold span ("spurious"), by the scoring's own rules:
    ``[{"doc_id", "missed": [...], "spurious": [...]}]``, documents without errors left out."""
    if field not in SCORED_FIELDS:
        raise ValueError(f"unknown field {field!r}; choose one of {', '.join(SCORED_FIELDS)}")
    out = []
    for g in gold_docs:
        g_dirs = g.get("directives", [])
        p_dirs = predictions.get(g["doc_id"], {"directives": []}).get("directives", [])
        if field == "numbers":
            gs, ps = _numbers(g_dirs), _numbers(p_dirs)
            missed, spurious = [n for n in gs if n not in ps], [n for n in ps if n not in gs]
        else:
            gs, ps = _field_spans(g_dirs, field), _field_spans(p_dirs, field)
            pairs = match_spans(gs, ps)
            hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
            missed = [s for i, s in enumerate(gs) if i not in hit_g]
            spurious = [s for j, s in enumerate(ps) if j not in hit_p]
        if missed or spurious:
            out.append({"doc_id": g["doc_id"], "missed": missed, "spurious": spurious})
    return out


def format_errors(errors: list[dict], field: str) -> str:
    missed = sum(len(e["missed"]) for e in errors)
    spurious = sum(len(e["spurious"]) for e in errors)
    lines = [f"{field}: {missed} missed, {spurious} spurious, in {len(errors)} documents"]
    for e in errors:
        lines.append(f"== {e['doc_id']}")
        lines.extend(f"  missed    {s}" for s in e["missed"])
        lines.extend(f"  spurious  {s}" for s in e["spurious"])
    return "\n".join(lines)


def evaluate(gold_docs: Iterable[dict], predictions: dict[str, dict]) -> Report:
    report = Report()
    for g in gold_docs:
        score_document(report, g, predictions.get(g["doc_id"], {"directives": []}))
    return report


def format_table(report: dict) -> str:
    lines = [f"documents: {report['documents']}", "",
             f"{'field':<12}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for name, m in report["fields"].items():
        lines.append(f"{name:<12}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['gold']:>7}{m['pred']:>7}")
    d = report["directive_document"]
    lines.append(f"{'doc-detect':<12}{d['precision']:>8.3f}{d['recall']:>8.3f}{d['f1']:>8.3f}{d['gold']:>7}{d['pred']:>7}")
    lines.append("")
    acc = report["measure_category_accuracy"]
    lines.append(f"measure category accuracy: {acc:.3f} over {report['measure_category_pairs']} matched measures"
                 if acc is not None else "measure category accuracy: n/a")
    pa = report["province_accuracy"]
    if pa["current"] is not None:
        lines.append(f"province accuracy: legacy {pa['legacy']:.3f}, current {pa['current']:.3f} "
                     f"over {report['province_pairs']} matched issuers")
    lines += ["", f"{'province (legacy)':<20}{'issuer F1':>10}{'measures F1':>13}{'gold measures':>15}"]
    for prov, fs in report["per_province"].items():
        lines.append(f"{prov:<20}{fs['issuer']['f1']:>10.3f}{fs['measures']['f1']:>13.3f}{fs['measures']['gold']:>15}")
    return "\n".join(lines)
