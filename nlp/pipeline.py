"""The extraction pipeline as a spaCy `Language` with registered, versioned components.

    segmenter (underthesea tokenizer) → chidao_sentences_v1 → chidao_gazetteer_v1
    → chidao_references_v1 → chidao_letter_layout_v1 → chidao_directive_finder_v1
    → chidao_arguments_v1 → chidao_measure_classifier_v1

Backends are chosen in `nlp/config.cfg` (or overrides), not in code: the arguments
component reads spans from the rules or from a trained span model per field, and the
classifier from the lexicon.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from nlp import rules
from nlp.classify import classify
from nlp.letter import parse_letter
from nlp.mentions import find_mentions
from nlp.references import find_refs
from nlp.sentences import split_sentences
from nlp.tokenizer import RAW_TEXT_KEY, UndertheseaTokenizer

CONFIG = Path(__file__).with_name("config.cfg")

for _name, _default in (("raw", None), ("published", None), ("title", None), ("sentences", None), ("letter", None),
                        ("drafts", None), ("directives", None), ("mentions", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@spacy.registry.tokenizers("chidao.underthesea_tokenizer.v1")
def create_tokenizer() -> Any:
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


def _text(doc: Doc) -> str:
    return doc._.raw if doc._.raw is not None else doc.text


def _char_spans(doc: Doc, items: list[tuple[int, int, str]], key: str) -> None:
    spans = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans


@Language.factory("chidao_sentences_v1")
def make_sentences(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        # Doc.text is rebuilt from the tokens on every access; later components read this,
        # the tokenizer's input where it kept it (the same string).
        doc._.raw = doc.user_data.get(RAW_TEXT_KEY) or doc.text
        doc._.sentences = split_sentences(doc._.raw)
        return doc

    return component


@Language.factory("chidao_gazetteer_v1")
def make_gazetteer(nlp: Language, name: str) -> Any:
    """Authority mentions (role, organisation, person, place) as doc.spans["authorities"]."""

    def component(doc: Doc) -> Doc:
        doc._.mentions = find_mentions(_text(doc))  # the directive finder reads them too
        items = [(m.start, m.end, m.level or "other") for m in doc._.mentions]
        _char_spans(doc, items, "authorities")
        return doc

    return component


@Language.factory("chidao_references_v1")
def make_references(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        refs = find_refs(_text(doc), published=doc._.published)
        _char_spans(doc, [(r.start, r.end, r.type) for r in refs], "references")
        return doc

    return component


@Language.factory("chidao_letter_layout_v1")
def make_letter(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.letter = parse_letter(_text(doc))
        return doc

    return component


@Language.factory("chidao_directive_finder_v1", default_config={"max_chars": 200_000})
def make_finder(nlp: Language, name: str, max_chars: int) -> Any:
    """Directive cues, their issuer as subject, coreference of later mentions; one draft per
    (issuer, occasion). An official letter's layout gives its directive directly."""

    def component(doc: Doc) -> Doc:
        text = _text(doc)[:max_chars]
        drafts = []
        if doc._.letter is not None:
            d = rules.letter_directive(text, doc._.letter, doc._.published)
            if d:
                drafts.append(d)
        if not drafts:
            drafts = rules.find_directives(text, doc._.title, doc._.published, doc._.mentions,
                                           doc._.sentences if len(text) == len(_text(doc)) else None)
        doc._.drafts = drafts
        return doc

    return component


@Language.factory("chidao_arguments_v1", default_config={"backend": "rules", "model_path": None,
                                                          "model_fields": [], "context_sentences": 0,
                                                          "context_fields": []})
def make_arguments(nlp: Language, name: str, backend: str, model_path: str | None,
                   model_fields: list[str], context_sentences: int = 0,
                   context_fields: list[str] | None = None) -> Any:
    """Addressees, measures, targets and deadlines. With backend "model", the fields listed
    in model_fields come from a trained span model inside each directive's evidence; with
    "union", the model's spans are added where the rules found nothing overlapping."""
    context_fields = list(context_fields or [])
    if backend not in {"rules", "model", "union"}:
        raise ValueError(f"unknown arguments backend {backend!r}; available: rules, model, union")
    predictor = None
    if backend in {"model", "union"} and model_path:
        from nlp.spans import spacy_backend  # optional: only when configured

        path = Path(model_path)
        if not path.is_absolute() and not path.exists():
            path = Path(__file__).resolve().parents[1] / model_path  # relative to the project
        if not (path / "meta.json").exists():
            raise FileNotFoundError(
                f"span model not found at {path}; train it with `chidao train --backend spacy` "
                "or set components.arguments.backend = \"rules\" in nlp/config.cfg")
        predictor = spacy_backend.load(path)

    def component(doc: Doc) -> Doc:
        if predictor is None or not doc._.drafts:
            return doc
        # The model reads only the directives' evidence sentences: cheaper than the whole
        # document, and spans outside a directive's sentences are not its arguments anyway.
        sents = doc._.sentences or []
        taken = {(x.start, x.end) for d in doc._.drafts for x in d.sentences}
        extra: dict[int, list] = {}  # draft index -> following sentences the model also reads
        if context_sentences:
            index = {(x.start, x.end): i for i, x in enumerate(sents)}
            for k, d in enumerate(doc._.drafts):
                for x in d.sentences:
                    i = index.get((x.start, x.end))
                    if i is None:
                        continue
                    for nxt in sents[i + 1: i + 1 + context_sentences]:
                        if (nxt.start, nxt.end) in taken:
                            break
                        extra.setdefault(k, []).append(nxt)
        spans_ = [doc.char_span(s.start, s.end, alignment_mode="expand")
                  for s in {x for d in doc._.drafts for x in d.sentences} | {x for v in extra.values() for x in v}]
        spans_ = sorted((sp for sp in spans_ if sp is not None and len(sp)), key=lambda sp: sp.start_char)
        windows = [(sp.start_char, sp.end_char) for sp in spans_]
        toks = [([t.text for t in sp], [bool(t.whitespace_) for t in sp[:-1]] + [False]) for sp in spans_]
        found = predictor.predict_tokens(toks)
        predicted: dict[str, list[tuple[int, int]]] = {}
        for (ws, _), spans in zip(windows, found, strict=True):
            for field, items in spans.items():
                predicted.setdefault(field, []).extend((ws + a, ws + b) for a, b in items)
        text = _text(doc)
        for k, d in enumerate(doc._.drafts):
            own = [(s.start, s.end) for s in d.sentences]
            more = [(s.start, s.end) for s in extra.get(k, [])]
            used: set[tuple[int, int]] = set()
            for field in model_fields:
                spans = [
                    rules.Span(s, e, text[s:e], field[:-1])
                    for s, e in predicted.get(field, [])
                    if any(ws <= s and e <= we for ws, we in own)
                ]
                if field in context_fields:
                    for s, e in predicted.get(field, []):
                        w = next(((ws, we) for ws, we in more if ws <= s and e <= we), None)
                        if w is not None:
                            spans.append(rules.Span(s, e, text[s:e], field[:-1]))
                            used.add(w)
                if field == "measures":
                    for sp in spans:
                        sp.category = classify(sp.text)[0]
                if backend == "union":
                    kept = getattr(d, field)
                    spans = kept + [sp for sp in spans
                                    if not any(sp.start < k.end and k.start < sp.end for k in kept)]
                setattr(d, field, spans)
            # a following sentence the model found orders in becomes part of the evidence
            d.sentences.extend(x for x in extra.get(k, []) if (x.start, x.end) in used)
        return doc

    return component


@Language.factory("chidao_measure_classifier_v1",
                  default_config={"backend": "lexicon", "model_path": "models/measure-category"})
def make_classifier(nlp: Language, name: str, backend: str, model_path: str) -> Any:
    """Measure categories from the cue lexicon, or from the trained naive Bayes model."""
    if backend == "lexicon":
        predict = classify
    elif backend == "naive_bayes":
        from nlp.category_model import CategoryModel

        path = Path(model_path)
        predict = CategoryModel.load(path if path.is_absolute() else Path(__file__).resolve().parents[1] / path).predict
    else:
        raise ValueError(f"unknown measure classifier backend {backend!r}; available: lexicon, naive_bayes")

    def component(doc: Doc) -> Doc:
        for d in doc._.drafts or []:
            for m in d.measures:
                m.category = predict(m.text)[0]
        text = _text(doc)
        doc._.directives = [rules.to_schema(d, text, doc._.published) for d in doc._.drafts or []]
        return doc

    return component


def build(config_path: Path | None = None, overrides: dict[str, Any] | None = None) -> Language:
    """The pipeline from its config file (default: nlp/config.cfg)."""
    config = spacy.util.load_config(config_path or CONFIG, overrides=overrides or {}, interpolate=True)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
