"""Validate gold files: schema shape, categories, and spans that are exact substrings.

Usage: python corpus/tools/validate.py [corpus/gold/ID.json ...]   (default: every gold file)
Exit status 1 when any file has a problem; each problem is printed with its file.
Standalone on purpose (stdlib only) so annotators can run it before the project installs.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
CATEGORIES = {"inspect", "sanction", "remove_or_transfer", "comply", "resolve_tasks", "regulate",
              "report", "train_staff", "reward_protect", "coordinate", "conduct", "investigate",
              "enforce_halt", "communicate", "invest_develop", "other"}
LEVELS = {"central", "province", "district", "commune", "other", None}
INSTRUMENTS = {"công văn", "chỉ thị", "công điện", "quyết định", "kế hoạch", "thông báo",
               "văn bản", "cuộc họp", "ý kiến chỉ đạo", None}


def problems(gold: dict, text: str) -> list[str]:
    out: list[str] = []
    if not isinstance(gold.get("doc_id"), str):
        out.append("doc_id missing")
    dirs = gold.get("directives")
    if not isinstance(dirs, list):
        return out + ["directives must be a list"]
    for i, d in enumerate(dirs):
        where = f"directive {i}"
        for key in ("issuer", "province", "addressees", "measures", "targets"):
            if key not in d:
                out.append(f"{where}: missing {key}")
        iss = d.get("issuer") or {}
        if not isinstance(iss.get("text"), str) or iss.get("text") not in text:
            out.append(f"{where}: issuer.text not an exact substring: {iss.get('text')!r}")
        if iss.get("level") not in LEVELS:
            out.append(f"{where}: bad level {iss.get('level')!r}")
        ins = d.get("instrument")
        if ins is not None and ins.get("type") not in INSTRUMENTS:
            out.append(f"{where}: instrument.type {ins.get('type')!r} not in the guideline list")
        spans = [("addressee", a) for a in d.get("addressees", [])]
        spans += [("target", t) for t in d.get("targets", [])]
        spans += [("deadline", t) for t in d.get("deadlines", [])]
        for m in d.get("measures", []):
            spans.append(("measure", m.get("text")))
            if m.get("category") not in CATEGORIES:
                out.append(f"{where}: bad category {m.get('category')!r}")
        for kind, s in spans:
            if not isinstance(s, str) or not s.strip() or s not in text:
                out.append(f"{where}: {kind} not an exact substring: {s!r}")
        prov = d.get("province") or {}
        if not isinstance(prov, dict) or set(prov) - {"legacy", "current"}:
            out.append(f"{where}: province must be {{legacy, current}}")
    return out


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((CORPUS / "gold").glob("*.json"))
    bad = 0
    for f in files:
        text_file = CORPUS / "text" / f"{f.stem}.txt"
        try:
            gold = json.loads(f.read_text(encoding="utf-8"))
            text = text_file.read_text(encoding="utf-8")
        except (OSError, json.JSONDecodeError) as exc:
            print(f"{f}: {exc}")
            bad += 1
            continue
        for p in problems(gold, text):
            print(f"{f.name}: {p}")
            bad += 1
    print(f"{len(files)} files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
