"""What learning from dev adds to a model, measured without scoring it on what it learnt.

Dev is cut in two halves by a hash of the document id. For each half, the component is
trained on train plus the other half, and the extractor, with that model in place of the
shipped one, predicts the half. Both halves' predictions together are set against the
extractor with the component trained on train alone (trained here too, since a shipped
model may have learnt from dev), with the paired bootstrap of `chidao eval --compare`. A gain here is what `chidao train ... --with-dev` can be expected to bring to
documents no model has seen (0.7.14 shipped the target tagger on this evidence):

    python corpus/tools/dev_folds.py --component targets --out /tmp/folds      # ~6 min
    python corpus/tools/dev_folds.py --component category --out /tmp/folds     # ~3 min
    python corpus/tools/dev_folds.py --component crf-primary --out /tmp/folds  # ~15 min
    python corpus/tools/dev_folds.py --component spans-spacy --base shipped --out /tmp/folds

The spaCy span model trains each layer as many epochs as the shipped one kept on dev
(`--layer-epochs` of `chidao train`), since the held-out half must not pick them; two
halves take about an hour, and `--base shipped` compares with the shipped model instead of
training one on train alone. A model already under --out is reused, so an interrupted run
resumes, and the halves can be trained side by side beforehand with `chidao train`.

Writes, under --out: fold_a/ and fold_b/ (corpus views: documents.jsonl with the other half
as train, links to gold/ and text/), the models (train alone, and one per fold),
base.jsonl and folds.jsonl (the predictions), and prints the scores.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FOLDS = ("a", "b")
COMPONENTS = ("targets", "category", "crf-primary", "spans-spacy")
SHIPPED_SPANS = ROOT / "models" / "spans-spacy"  # its kept epochs are the folds' epochs


def fold_of(doc_id: str) -> str:
    """"a" or "b", fixed by the document id (not by the order of documents.jsonl)."""
    return FOLDS[int(hashlib.md5(doc_id.encode("utf-8")).hexdigest(), 16) % 2]


def make_view(corpus: Path, out: Path, held_out: str) -> Path:
    """A corpus folder whose dev is the ``held_out`` half; the other half joins train."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("gold", "text"):
        link = out / name
        if not link.exists():
            link.symlink_to((corpus / name).resolve(), target_is_directory=True)
    rows = []
    for line in (corpus / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["split"] == "dev" and fold_of(row["doc_id"]) != held_out:
            row["split"] = "train"
        rows.append(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "documents.jsonl").write_text("".join(rows), encoding="utf-8")
    return out


def train(component: str, view: Path, out: Path) -> dict:
    """The component trained on the corpus's train split (in a fold's view: train plus the
    other half); the pipeline overrides that put it in place."""
    if (out / "meta.json").is_file() or (out / "model.json").is_file():
        print(f"    reusing {out}", flush=True)  # trained before: an interrupted run resumes
    else:
        _fit(component, view, out)
    if component == "targets":
        return {"components.measure_targets.model_path": str(out)}
    if component == "category":
        return {"components.measure_classifier.model_path": str(out)}
    if component == "spans-spacy":
        return {"components.arguments.model_path": str(out)}
    return {"components.arguments.ensemble_paths": [str(out)],
            "components.arguments.ensemble_layers": ["primary"]}


def _fit(component: str, view: Path, out: Path) -> None:
    log = lambda line: print("   ", line, flush=True)  # noqa: E731 - a one-line logger
    if component == "targets":
        from nlp import target_model

        target_model.train(view, out, log=log)
        return
    if component == "category":
        from nlp import category_model

        category_model.train(view, out)
        return
    from nlp.spans import train as spans

    if component == "spans-spacy":
        spans.train("spacy", out, corpus=view, log=log, layer_epochs=spans.kept_epochs(SHIPPED_SPANS))
    else:
        spans.train("crf", out, corpus=view, layers=["primary"], log=log)


def predict(gold: list[dict], overrides: dict) -> dict[str, dict]:
    import nlp
    from nlp.pipeline import build

    pipe = build(overrides=overrides)
    found: dict[str, dict] = {}
    for i in range(0, len(gold), 16):
        chunk = gold[i:i + 16]
        batch = nlp.extract_batch([(g["text"] or "", None, g.get("title")) for g in chunk], pipeline=pipe)
        found.update({g["doc_id"]: {"doc_id": g["doc_id"], "directives": ds}
                      for g, ds in zip(chunk, batch, strict=True)})
    return found


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--component", choices=COMPONENTS, required=True)
    ap.add_argument("--out", type=Path, required=True, help="a scratch folder")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N dev documents (a smoke run)")
    ap.add_argument("--base", choices=("trained", "shipped"), default="trained",
                    help="compare with the component trained here on train alone (default), or "
                         "with the shipped extractor (no training; the shipped model may have "
                         "seen dev)")
    args = ap.parse_args(argv)
    from nlp import bootstrap
    from nlp.evaluate import load_gold

    dev = load_gold(args.corpus, "dev")[:args.limit]
    if not dev:
        raise SystemExit(f"no dev documents in {args.corpus}")
    print(f"dev: {len(dev)} documents; halves "
          + ", ".join(f"{f}: {sum(fold_of(g['doc_id']) == f for g in dev)}" for f in FOLDS), flush=True)
    if args.base == "shipped":
        print("base: the shipped extractor", flush=True)
        base = predict(dev, {})  # no overrides: the pipeline as shipped
    else:
        print(f"training {args.component} on train alone ...", flush=True)
        base = predict(dev, train(args.component, args.corpus, args.out / f"model_{args.component}_train"))
    folds: dict[str, dict] = {}
    for held_out in FOLDS:
        view = make_view(args.corpus, args.out / f"fold_{held_out}", held_out)
        print(f"half {held_out}: training {args.component} on train + the other half ...", flush=True)
        overrides = train(args.component, view, args.out / f"model_{args.component}_{held_out}")
        folds.update(predict([g for g in dev if fold_of(g["doc_id"]) == held_out], overrides))
    for name, preds in (("base", base), ("folds", folds)):
        (args.out / f"{name}.jsonl").write_text(
            "".join(json.dumps(preds[g["doc_id"]], ensure_ascii=False) + "\n" for g in dev), encoding="utf-8")
    paired = bootstrap.paired(dev, base, folds)

    def show(x: float | None, sign: str = "") -> str:
        return "n/a" if x is None else format(x, sign + ".3f")

    print(f"\n{'score':28s} {args.base:>8s} {'folds':>8s}   difference [95%]")
    for name, s in paired["scores"].items():
        print(f"{name:28s} {show(s['base']):>8s} {show(s['other']):>8s}   {show(s['difference'], '+')} "
              f"[{show(s['low'], '+')}, {show(s['high'], '+')}]")


if __name__ == "__main__":
    main()
