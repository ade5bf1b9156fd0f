"""Several span taggers read as one: the first tagger's spans, then each other tagger's spans
where none of the earlier ones overlaps them (per field), the same rule the pipeline uses to
add the model's spans to the rules'. Taggers that miss different spans add up: on dev the
CRF and the spaCy CNN together find more measures than either (see models/README.md).

The later taggers can be limited to some layers ("primary": addressees and measures), since
each layer a tagger reads costs time."""
from __future__ import annotations

from typing import Any

Tokens = tuple[list[str], list[bool]]
Spans = dict[str, list[tuple[int, int]]]


def union(first: Spans, other: Spans) -> Spans:
    """``first``'s spans plus ``other``'s that overlap none of the same field in ``first``."""
    out = {field: list(items) for field, items in first.items()}
    for field, items in other.items():
        kept = out.setdefault(field, [])
        base = list(kept)
        kept.extend(sp for sp in items if not any(sp[0] < b and a < sp[1] for a, b in base))
    return out


class EnsembleTagger:
    """``predict_tokens`` of each member, united in order."""

    def __init__(self, members: list[Any], layers: list[str] | None = None):
        if not members:
            raise ValueError("an ensemble needs at least one tagger")
        self.members = members
        self.layers = layers  # what the members after the first read; None: every layer

    def predict(self, text: str) -> Spans:
        return self.predict_many([text])[0]

    def predict_many(self, texts: list[str]) -> list[Spans]:
        from nlp.spans import data

        return self.predict_tokens([data.segment(data.segmenter(), t) for t in texts])

    def predict_tokens(self, toks: list[Tokens], layers: list[str] | None = None) -> list[Spans]:
        from nlp.spans import data

        asked = list(layers) if layers is not None else list(data.LAYERS)
        results = [self.members[0].predict_tokens(toks, layers=layers)]
        later = [x for x in asked if self.layers is None or x in self.layers]
        if later:
            results.extend(m.predict_tokens(toks, layers=later) for m in self.members[1:])
        return [self._unite([r[i] for r in results]) for i in range(len(toks))]

    @staticmethod
    def _unite(found: list[Spans]) -> Spans:
        out = found[0]
        for other in found[1:]:
            out = union(out, other)
        return out
