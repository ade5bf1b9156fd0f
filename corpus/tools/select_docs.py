"""Pick the documents of ../shared/data to annotate: many provinces, ~20% without a cue.

Run once; the choice is committed in corpus/selection.json so it never changes silently.
The province list here only steers the sampling; the shipped mapping lives in nlp/places.py.
"""
import json
import random
import re
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
LEGACY = """An Giang|Bà Rịa - Vũng Tàu|Bà Rịa-Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|Bình Dương|Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|Cần Thơ|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Tiền Giang|TP HCM|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái""".split("|")
AUTH = re.compile(r"(UBND|Chủ tịch|Tỉnh ủy|Thành ủy|Sở )")


def main() -> None:
    docs = []
    for f in sorted(DATA.glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            docs.append(json.loads(line))
    rng = random.Random(20261122)
    rng.shuffle(docs)
    pos = [d for d in docs if d.get("has_directive_cue")]
    neg = [d for d in docs if not d.get("has_directive_cue")]

    def main_province(d):
        c = Counter()
        for p in LEGACY:
            c[p] += d["text"].count(p)
        top = c.most_common(1)
        return top[0][0] if top and top[0][1] else None

    chosen, seen = [], Counter()
    # round-robin over provinces so no single city dominates
    for rnd in range(1, 12):
        for d in pos:
            if len(chosen) >= 170 or d in chosen or len(d["text"]) > 6000:
                continue
            p = main_province(d)
            if p and seen[p] < rnd and AUTH.search(d["text"]):
                chosen.append(d)
                seen[p] += 1
    chosen += [d for d in neg if len(d["text"]) < 5000][:45]
    rng.shuffle(chosen)
    n = len(chosen)
    split = {}
    for i, d in enumerate(chosen):
        split[d["doc_id"]] = "test" if i < 66 else ("dev" if i < 96 else "train")
    out = {"seed": 20261122, "documents": [
        {"doc_id": d["doc_id"], "split": split[d["doc_id"]], "cue": d.get("has_directive_cue"),
         "province_hint": main_province(d)} for d in chosen]}
    Path(__file__).resolve().parents[1].joinpath("selection.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(n, "documents;", len(seen), "provinces;", Counter(split.values()))


if __name__ == "__main__":
    main()
