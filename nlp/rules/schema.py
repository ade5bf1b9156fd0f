"""Drafts written out as ANNOTATION.md's JSON, and the official letter's own directive."""
from __future__ import annotations

from nlp import places
from nlp.letter import Letter
from nlp.mentions import Mention, find_mentions, organization_of
from nlp.references import DocRef, find_refs, parse_date
from nlp.rules.arguments import complete_deadline, trim_addressee, trim_target
from nlp.rules.base import Draft, Span, _rx, overlaps_any
from nlp.rules.clauses import _addressee_sentence, _continuation, _parse_clause
from nlp.rules.finder import _mentions_by_sentence
from nlp.sentences import Sentence, split_sentences


def _longest_apart(spans: list[Span]) -> list[Span]:
    """Overlapping spans reduced to the longest of them, in text order."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda x: x.end - x.start, reverse=True):
        if not overlaps_any(sp.start, sp.end, out):
            out.append(sp)
    return sorted(out, key=lambda x: x.start)


def _first_of_each(spans: list[Span]) -> list[Span]:
    """Spans with the same words once: a text that repeats a deadline or a body ("trước ngày
    15/6" after each of four measures) still names one (ANNOTATION.md lists each once)."""
    seen: set[str] = set()
    out = []
    for sp in spans:
        k = " ".join(sp.text.lower().split())
        if k not in seen:
            seen.add(k)
            out.append(sp)
    return out


def to_schema(d: Draft, text: str, published: str | None = None) -> dict:
    """A draft as the JSON of directive.schema.json, plus offsets for every span."""
    prov_legacy = None if d.issuer.level == "central" else d.province
    prov_current = places.legacy_to_current(prov_legacy) if prov_legacy else None
    inst = None
    if d.instrument:
        inst = {"type": d.instrument.type, "number": d.instrument.number, "date": d.instrument.date}
    elif d.instrument_type:
        inst = {"type": d.instrument_type, "number": None, "date": None}
    if inst and inst["date"] is None and inst["type"] in {"ý kiến chỉ đạo", "cuộc họp"} and published:
        inst["date"] = parse_date(text[d.sentences[0].start:d.sentences[0].end], published)
    evidence = sorted({(s.start, s.end) for s in d.sentences})
    issuer = d.issuer
    targets = _first_of_each([trim_target(text, t) for t in d.targets])
    addressees = _first_of_each([trim_addressee(text, a) for a in d.addressees])
    measures = _first_of_each(d.measures)
    completed = (complete_deadline(text, x) for x in d.deadlines)
    deadlines = _first_of_each(_longest_apart([x for x in completed if x is not None]))
    conf = 0.45 + 0.1 * bool(addressees) + 0.15 * bool(issuer.place or prov_legacy) + 0.1 * bool(issuer.role or issuer.org_head) + 0.1 * min(len(measures), 3) / 3
    return {
        "issuer": {
            "text": issuer.text, "role": issuer.role,
            "organization": organization_of(issuer, prov_legacy), "person": issuer.person,
            "level": issuer.level,
        },
        "province": {"legacy": prov_legacy, "current": prov_current},
        "instrument": inst,
        "references": [{"type": r.type, "number": r.number, "date": r.date, "issuer": r.issuer}
                       for r in d.references],
        "addressees": [a.text for a in addressees],
        "measures": [{"text": m.text, "category": m.category or "other"} for m in measures],
        "targets": [t.text for t in targets],
        "deadlines": [x.text for x in deadlines],
        "evidence": [{"start": s, "end": e} for s, e in evidence],
        "confidence": round(min(conf, 0.95), 2),
        "offsets": {
            "issuer": [issuer.start, issuer.end],
            "addressees": [[a.start, a.end] for a in addressees],
            "measures": [[m.start, m.end] for m in measures],
            "targets": [[t.start, t.end] for t in targets],
            "deadlines": [[x.start, x.end] for x in deadlines],
        },
    }


def letter_directive(text: str, letter: Letter, published: str | None = None,
                     mentions_found: list[Mention] | None = None,
                     sentences: list[Sentence] | None = None) -> Draft | None:
    """The one directive of an official letter: issuer, number and addressees from the layout,
    measures from the body's clauses and bullets. ``mentions_found`` and ``sentences``: the
    document's, when already known (as for `find_directives`)."""
    s, e = letter.issuer_span
    org = letter.organization
    prov = None
    words = org.split()
    for n in range(len(words), 0, -1):
        prov = places.canonical_legacy(" ".join(words[-n:]))
        if prov:
            break
    level = "central" if org.startswith(("Bộ", "Chính Phủ", "Văn Phòng Chính Phủ", "Thủ Tướng")) else (
        "district" if " huyện " in f" {org} " or " quận " in f" {org} " else "province")
    issuer = Mention(s, e, text[s:e], role=letter.signer_role, org=org, org_head=org, place=None,
                     person=letter.signer_person, level=level, province=prov)
    d = Draft(issuer=issuer, mentions=[issuer])
    d.instrument = DocRef(s, e, letter.type, letter.number, letter.date)
    for a_s, a_e in letter.addressees:
        d.addressees.append(Span(a_s, a_e, text[a_s:a_e], "addressee"))
    b_s, b_e = letter.body
    sents = sentences if sentences is not None else split_sentences(text)
    by_sentence = _mentions_by_sentence(sents, mentions_found) if mentions_found is not None else None
    for i_sent, sent in enumerate(sents):
        if sent.start < b_s or sent.end > b_e:
            continue
        cue = _rx()["cue"].search(text, sent.start, sent.end)
        cont = _continuation(text, sent)
        if cue:
            d.sentences.append(sent)
            _parse_clause(d, text, sent, cue, cue.end())
        elif cont is not None:
            d.sentences.append(sent)
            _parse_clause(d, text, sent, None, cont)
        else:
            # "1. Sở Tài nguyên và Môi trường chủ trì, ...": an item that opens on the body
            # told, as letters lay out their orders after "yêu cầu:"
            _addressee_sentence(d, text, sent, by_sentence[i_sent] if by_sentence is not None
                                else find_mentions(text, sent.start, sent.end))
        for r in find_refs(text, sent.start, sent.end, published):
            if r.number and r.number != letter.number and all(x.number != r.number for x in d.references):
                d.references.append(r)
    d.province = prov
    return d if d.measures else None
