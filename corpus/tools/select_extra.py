"""Draw a further selection (train, or dev with --split) for annotation, disjoint from corpus/selection.json.

Same rules as select_docs.py (seeded shuffle, round-robin over provinces among articles with
a directive cue and an authority named, plus articles without a cue), a different seed.
Writes corpus/<selection>, corpus/text/<doc_id>.txt, corpus/batches/batch<first>..<first+k-1>.txt
and appends the documents to corpus/documents.jsonl with split "train" (or the --split
given). Run once per draw:

    python corpus/tools/select_extra.py --n 60                       # 0.2.0: batches 5-7
    python corpus/tools/select_extra.py --n 60 --seed 20261124 \
        --selection selection_extra2.json --batches 4 --first-batch 8  # 0.3.0: batches 8-11
    python corpus/tools/select_extra.py --n 119 --seed 20261125 \
        --selection selection_extra3.json --batches 7 --first-batch 12  # 0.3.0: batches 12-18
    python corpus/tools/select_extra.py --n 119 --seed 20261203 \
        --selection selection_extra4.json --batches 7 --first-batch 19  # 0.3.0: batches 19-25
    python corpus/tools/select_extra.py --n 136 --seed 20261204 --split dev \
        --selection selection_extra5.json --batches 8 --first-batch 26  # 0.4.0: dev, 119 drawn (the pool ran short), batches 26-33
    python corpus/tools/select_extra.py --n 40 --seed 20261205 --split dev \
        --selection selection_extra6.json --batches 4 --first-batch 34  # 0.7.1: dev, batches 34-37
    python corpus/tools/select_extra.py --n 50 --seed 20261214 --split dev --rounds 14 \
        --selection selection_extra7.json --batches 5 --first-batch 38  # 0.7.6: dev, batches 38-42
    python corpus/tools/select_extra.py --n 40 --seed 20261207 --split dev --rounds 14 \
        --selection selection_extra8.json --batches 4 --first-batch 43  # 0.7.9: dev, batches 43-46
    python corpus/tools/select_extra.py --n 40 --seed 20261208 --split dev --rounds 16 \
        --selection selection_extra9.json --batches 4 --first-batch 47  # 0.7.10: dev, batches 47-50
    python corpus/tools/select_extra.py --n 40 --seed 20261209 --split dev --rounds 18 \
        --selection selection_extra10.json --batches 4 --first-batch 51  # 0.7.11: dev, batches 51-54
    python corpus/tools/select_extra.py --n 40 --seed 20261210 --split dev --rounds 20 \
        --selection selection_extra11.json --batches 4 --first-batch 55  # 0.7.12: dev, batches 55-58
    python corpus/tools/select_extra.py --n 40 --seed 20261211 --split dev --rounds 22 \
        --selection selection_extra12.json --batches 4 --first-batch 59  # 0.7.13: dev, 30 drawn, batches 59-62
    python corpus/tools/select_extra.py --n 40 --seed 20261215 --split dev --rounds 60 \
        --selection selection_extra13.json --batches 4 --first-batch 63  # 0.7.14: dev, batches 63-66
    python corpus/tools/select_extra.py --n 40 --seed 20261216 --split dev --rounds 80 \
        --selection selection_extra14.json --batches 4 --first-batch 67  # 0.7.15: dev, batches 67-70
    python corpus/tools/select_extra.py --n 40 --seed 20261217 --split dev --rounds 100 \
        --selection selection_extra15.json --batches 4 --first-batch 71  # after 0.7.15: 25 drawn, the last eligible
    python corpus/tools/select_extra.py --n 40 --seed 20261218 --split dev --rounds 100 --press-spellings \
        --selection selection_extra16.json --batches 4 --first-batch 75  # 0.7.16: dev, batches 75-78
    python corpus/tools/select_extra.py --n 40 --seed 20261219 --split dev --rounds 100 --press-spellings \
        --selection selection_extra17.json --batches 4 --first-batch 79  # after 0.7.16: dev, batches 79-82
    python corpus/tools/select_extra.py --n 40 --seed 20261220 --split dev --rounds 100 --press-spellings \
        --selection selection_extra18.json --batches 4 --first-batch 83  # 0.7.17: dev, batches 83-86
    python corpus/tools/select_extra.py --n 40 --seed 20261221 --split dev --rounds 100 --press-spellings \
        --selection selection_extra19.json --batches 4 --first-batch 87  # 0.7.17: dev, 37 drawn (the last of the list's spellings), batches 87-90
    python corpus/tools/select_extra.py --n 40 --seed 20261222 --split dev --rounds 100 --press-spellings \
        --old-tones --selection selection_extra20.json --batches 4 --first-batch 91  # 0.7.17: dev, 32 drawn, batches 91-94

Every earlier draw is excluded, since documents.jsonl lists them all.
"""
import argparse
import json
import random
from collections import Counter
from functools import lru_cache
from pathlib import Path

from select_docs import AUTH, DATA, LEGACY

CORPUS = Path(__file__).resolve().parents[1]
SEED = 20261123
# LEGACY spells Ho Chi Minh City "TP HCM" only, so until draw 16 the articles that write
# "TP.HCM" or "TPHCM" (121 of those left in 2026-12) looked province-less and were never drawn.
PRESS_SPELLINGS = {"TP.HCM": "TP HCM", "TPHCM": "TP HCM", "TP. HCM": "TP HCM",
                   "Thừa Thiên - Huế": "Thừa Thiên Huế"}


# LEGACY writes the tone of "oa", "oe", "uy" on the second vowel ("Khánh Hòa", "Thanh Hóa");
# much of the press writes it on the last ("Khánh Hoà", "Thanh Hoá", "Hoà Bình"), and 37 of
# the 48 articles that looked province-less after draw 19 were spelt so.
_OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
              "òe": "oè", "óe": "oé", "ủy": "uỷ", "ùy": "uỳ", "úy": "uý"}


@lru_cache(maxsize=1)
def old_tone_spellings() -> dict[str, str]:
    """The legacy names whose tone the press may place the old way, old spelling -> name."""
    out = {}
    for name in LEGACY:
        old = name
        for new, moved in _OLD_TONES.items():
            old = old.replace(new, moved)
        if old != name:
            out[old] = name
    return out


def main_province(d: dict, press_spellings: bool = False, old_tones: bool = False) -> str | None:
    c = Counter({p: d["text"].count(p) for p in LEGACY})
    if press_spellings:
        for spelling, province in PRESS_SPELLINGS.items():
            c[province] += d["text"].count(spelling)
    if old_tones:
        for spelling, province in old_tone_spellings().items():
            c[province] += d["text"].count(spelling)
    top = c.most_common(1)
    return top[0][0] if top and top[0][1] else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--batches", type=int, default=3)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--selection", default="selection_extra.json", help="file name under corpus/")
    ap.add_argument("--first-batch", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=11,
                    help="at most this many documents per province (the pool left is three cities)")
    ap.add_argument("--split", choices=("train", "dev"), default="train",
                    help="the split the draw joins (never test: it stays fixed)")
    ap.add_argument("--press-spellings", action="store_true",
                    help="count 'TP.HCM', 'TPHCM' and 'Thừa Thiên - Huế' as their provinces "
                         "(off for draws 1-15, so they stay reproducible)")
    ap.add_argument("--old-tones", action="store_true",
                    help="count 'Khánh Hoà', 'Thanh Hoá', 'Hoà Bình' (tone on the last vowel) as "
                         "their provinces (off for draws 1-19, so they stay reproducible)")
    args = ap.parse_args()
    if (CORPUS / args.selection).exists():
        raise SystemExit(f"{args.selection} exists: this draw was made already")
    taken = {row["doc_id"] for row in json.loads((CORPUS / "selection.json").read_text())["documents"]}
    taken |= {json.loads(line)["doc_id"] for line in (CORPUS / "documents.jsonl").read_text().splitlines()}
    docs = [json.loads(line) for f in sorted(DATA.glob("*.jsonl")) for line in f.open(encoding="utf-8")]
    docs = [d for d in docs if d["doc_id"] not in taken]
    rng = random.Random(args.seed)
    rng.shuffle(docs)
    n_neg = args.n // 5
    pos = [d for d in docs if d.get("has_directive_cue") and len(d["text"]) <= 6000 and AUTH.search(d["text"])]
    chosen, seen = [], Counter()
    for rnd in range(1, args.rounds + 1):
        for d in pos:
            if len(chosen) >= args.n - n_neg or d in chosen:
                continue
            p = main_province(d, args.press_spellings, args.old_tones)
            if p and seen[p] < rnd:
                chosen.append(d)
                seen[p] += 1
    chosen += [d for d in docs if not d.get("has_directive_cue") and len(d["text"]) < 5000][:n_neg]
    rng.shuffle(chosen)
    (CORPUS / args.selection).write_text(json.dumps({"seed": args.seed, "documents": [
        {"doc_id": d["doc_id"], "split": args.split, "cue": d.get("has_directive_cue"),
         "province_hint": main_province(d, args.press_spellings, args.old_tones)} for d in chosen]}, ensure_ascii=False, indent=1), encoding="utf-8")
    with (CORPUS / "documents.jsonl").open("a", encoding="utf-8") as index:
        for d in chosen:
            (CORPUS / "text" / f"{d['doc_id']}.txt").write_text(d["text"], encoding="utf-8")
            index.write(json.dumps({k: d.get(k) for k in ("doc_id", "title", "url", "source", "source_repo")}
                                   | {"split": args.split}, ensure_ascii=False) + "\n")
    size = -(-len(chosen) // args.batches)
    for b in range(args.batches):
        part = chosen[b * size:(b + 1) * size]
        (CORPUS / "batches" / f"batch{args.first_batch + b}.txt").write_text("".join(d["doc_id"] + "\n" for d in part))
    print(len(chosen), "documents;", len(seen), "provinces;", sum(1 for d in chosen if d.get("has_directive_cue")), "with a cue")


if __name__ == "__main__":
    main()
