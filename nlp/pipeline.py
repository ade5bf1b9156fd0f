"""The extraction pipeline as a spaCy `Language` with registered, versioned components.

    segmenter (underthesea tokenizer) → chidao_sentences_v1 → chidao_gazetteer_v1
    → chidao_references_v1 → chidao_letter_layout_v1 → chidao_directive_finder_v1
    → chidao_arguments_v1 → chidao_measure_targets_v1 → chidao_measure_classifier_v1

Backends are chosen in `nlp/config.cfg` (or overrides), not in code: the arguments
component reads spans from the rules or from a trained span model per field, the measure
targets step adds the targets a trained CRF finds inside measures, and the classifier
reads the lexicon or a trained naive Bayes model.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
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
from nlp.sentences import Sentence, split_sentences
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
        sentences = doc._.sentences if len(text) == len(_text(doc)) else None
        drafts = []
        if doc._.letter is not None:
            d = rules.letter_directive(text, doc._.letter, doc._.published, doc._.mentions, sentences)
            if d:
                drafts.append(d)
        if not drafts:
            drafts = rules.find_directives(text, doc._.title, doc._.published, doc._.mentions, sentences)
        doc._.drafts = drafts
        return doc

    return component


def _following_sentences(doc: Doc, n: int, marked: int = 0
                         ) -> tuple[dict[int, list[Sentence]], dict[int, set[tuple[int, int]]]]:
    """Draft index -> the sentences after each of its own where its orders may go on without
    a cue the rules know, stopping at a sentence of any directive: the next ``n`` always, and
    up to ``marked`` in all when they carry an order word (``lexicon.ORDER_MARKERS``). Also,
    per draft, the windows of the marked ones beyond ``n`` ("far"), whose spans count only
    after that word."""
    extra: dict[int, list[Sentence]] = {}
    far: dict[int, set[tuple[int, int]]] = {}
    reach = max(n, marked)
    if not reach:
        return extra, far
    sents = doc._.sentences or []
    taken = {(x.start, x.end) for d in doc._.drafts for x in d.sentences}
    index = {(x.start, x.end): i for i, x in enumerate(sents)}
    marks: dict[tuple[int, int], bool] = {}  # a sentence in several drafts' reach is looked at once
    for k, d in enumerate(doc._.drafts):
        near: set[tuple[int, int]] = set()
        for x in d.sentences:
            i = index.get((x.start, x.end))
            if i is None:
                continue
            for j, nxt in enumerate(sents[i + 1: i + 1 + reach]):
                key = (nxt.start, nxt.end)
                if key in taken:
                    break
                if j < n:
                    near.add(key)
                else:
                    if key not in marks:
                        marks[key] = rules.marked_order(nxt.text)
                    if not marks[key]:
                        continue
                    far.setdefault(k, set()).add(key)
                if nxt not in extra.setdefault(k, []):
                    extra[k].append(nxt)
        if k in far:
            far[k] -= near
    return extra, far


def _windows(doc: Doc, sentences: list[Sentence]
             ) -> list[tuple[Sentence, tuple[int, int], tuple[list[str], list[bool]]]]:
    """Each sentence with its character window and tokens (words, trailing-space flags);
    a sentence that covers no token is left out."""
    out = []
    for sent in sentences:
        sp = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if sp is None or not len(sp):
            continue
        out.append((sent, (sp.start_char, sp.end_char), _words(sp)))
    return out


def _words(span: Any) -> tuple[list[str], list[bool]]:
    """A span's words and trailing-space flags, the last one without its space."""
    return [t.text for t in span], [bool(t.whitespace_) for t in span[:-1]] + [False]


def _predict_windows(predictor: Any, jobs: list[tuple[Doc, set[Sentence], set[Sentence]]]
                     ) -> list[dict[str, list[tuple[int, int]]]]:
    """For each (doc, its directives' sentences, the sentences after them): the span model's
    spans in document offsets. The model reads no other sentence: spans there belong to no
    directive, and it costs in proportion to the words it reads. All documents' sentences
    go to the model together: one batch is about 15% cheaper than one per document."""
    owner, windows, toks, own = [], [], [], []
    for n, (doc, evidence, following) in enumerate(jobs):
        for sent, window, tokens in _windows(doc, sorted(evidence | following, key=lambda x: x.start)):
            owner.append(n)
            windows.append(window)
            toks.append(tokens)
            own.append(sent in evidence)
    if all(own):
        found = predictor.predict_tokens(toks)
    else:
        # A following sentence gets the second layer (targets, deadlines) only when the
        # first found an order in it or it names a time limit: same scores on dev, a third
        # less of the model's time.
        found = predictor.predict_tokens(toks, layers=["primary"])
        texts = [_text(doc) for doc, _, _ in jobs]
        need = [i for i, (ws, we) in enumerate(windows)
                if own[i] or any(found[i].values()) or rules.has_deadline(texts[owner[i]][ws:we])]
        nested = predictor.predict_tokens([toks[i] for i in need], layers=["nested"])
        for i, spans in zip(need, nested, strict=True):
            for field, items in spans.items():
                found[i].setdefault(field, []).extend(items)
    predicted: list[dict[str, list[tuple[int, int]]]] = [{} for _ in jobs]
    for n, (ws, _), spans in zip(owner, windows, found, strict=True):
        for field, items in spans.items():
            predicted[n].setdefault(field, []).extend((ws + a, ws + b) for a, b in items)
    return predicted


@Language.factory("chidao_arguments_v1", default_config={"backend": "rules", "model_path": None,
                                                          "model_fields": [], "context_sentences": 0,
                                                          "marked_context_sentences": 0,
                                                          "context_fields": [], "merge_fields": [],
                                                          "ensemble_paths": [], "ensemble_layers": None})
def make_arguments(nlp: Language, name: str, backend: str, model_path: str | None,
                   model_fields: list[str], context_sentences: int = 0,
                   marked_context_sentences: int = 0, context_fields: list[str] | None = None,
                   merge_fields: list[str] | None = None,
                   ensemble_paths: list[str] | None = None,
                   ensemble_layers: list[str] | None = None) -> Any:
    """Addressees, measures, targets and deadlines. With backend "model", the fields listed
    in model_fields come from a trained span model inside each directive's evidence; with
    "union", the model's spans are added where the rules found nothing overlapping.
    ``context_sentences``: the model also reads that many sentences after a directive's
    own (fields in ``context_fields``); ``marked_context_sentences``: further on, up to that
    many, the sentences with an order word, keeping what follows the word.
    ``ensemble_paths``: more span models whose spans are added where the first model found
    nothing overlapping; ``ensemble_layers``: the layers they read (default: all)."""
    context_fields = list(context_fields or [])
    if backend not in {"rules", "model", "union"}:
        raise ValueError(f"unknown arguments backend {backend!r}; available: rules, model, union")
    predictor = None
    if backend in {"model", "union"} and model_path:
        from nlp.spans import train  # optional: only when configured

        members = [train.load(_model_folder(p)) for p in [model_path, *(ensemble_paths or [])]]
        if len(members) == 1:
            predictor = members[0]
        else:
            from nlp.spans.ensemble import EnsembleTagger

            predictor = EnsembleTagger(members, ensemble_layers)

    return ArgumentsComponent(predictor, backend, list(model_fields), context_sentences, context_fields,
                              list(merge_fields or []), marked_context_sentences)


def _resolve(model_path: str) -> Path:
    """A model folder as given, or relative to the project when not found as given."""
    path = Path(model_path)
    if not path.is_absolute() and not path.exists():
        path = Path(__file__).resolve().parents[1] / model_path
    return path


def _model_folder(model_path: str) -> Path:
    """A span model's folder (see ``_resolve``), checked to hold a model."""
    path = _resolve(model_path)
    if not ((path / "meta.json").exists() or (path / "spans_meta.json").exists()):
        raise FileNotFoundError(
            f"span model not found at {path}; train it with `chidao train --backend spacy` "
            "(or crf) or set components.arguments.backend = \"rules\" in nlp/config.cfg")
    return path


class ArgumentsComponent:
    """The arguments step; ``pipe`` gives the span model all documents' sentences at once."""

    def __init__(self, predictor: Any, backend: str, model_fields: list[str], context_sentences: int,
                 context_fields: list[str], merge_fields: list[str], marked_context_sentences: int = 0):
        self.predictor = predictor
        self.backend = backend
        self.model_fields = model_fields
        self.context_sentences = context_sentences
        self.marked_context_sentences = marked_context_sentences
        self.context_fields = context_fields
        self.merge_fields = merge_fields

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in spacy.util.minibatch(docs, size=batch_size):
            yield from self._process(batch)

    def _process(self, docs: list[Doc]) -> list[Doc]:
        work = [doc for doc in docs if self.predictor is not None and doc._.drafts]
        if work:
            self._predict(work)
        for doc in docs:
            text = _text(doc)
            for d in doc._.drafts or []:
                d.measures = rules.tidy_measures(text, d.measures)
        return docs

    def _predict(self, work: list[Doc]) -> None:
        extras = [_following_sentences(doc, self.context_sentences, self.marked_context_sentences)
                  for doc in work]
        jobs = [(doc, {x for d in doc._.drafts for x in d.sentences}, {x for v in extra.values() for x in v})
                for doc, (extra, _) in zip(work, extras, strict=True)]
        for doc, (extra, far), predicted in zip(work, extras, _predict_windows(self.predictor, jobs), strict=True):
            self._attach(doc, extra, far, predicted)

    def _attach(self, doc: Doc, extra: dict[int, list[Sentence]], far: dict[int, set[tuple[int, int]]],
                predicted: dict[str, list[tuple[int, int]]]) -> None:
        text = _text(doc)
        for k, d in enumerate(doc._.drafts):
            own = [(s.start, s.end) for s in d.sentences]
            more = [(s.start, s.end) for s in extra.get(k, [])]
            used: set[tuple[int, int]] = set()
            for field in self.model_fields:
                spans = [
                    rules.Span(s, e, text[s:e], field[:-1])
                    for s, e in predicted.get(field, [])
                    if any(ws <= s and e <= we for ws, we in own)
                ]
                if field in self.context_fields:
                    for s, e in predicted.get(field, []):
                        w = next(((ws, we) for ws, we in more if ws <= s and e <= we), None)
                        if w in far.get(k, ()) and not rules.order_marker(text, w[0], s):
                            continue  # further on, only what follows an order word counts
                        if w is not None:
                            spans.append(rules.Span(s, e, text[s:e], field[:-1]))
                            used.add(w)
                if field == "targets":
                    spans = [sp for sp in spans if rules.specific_target(sp.text)]
                if field == "addressees":
                    spans = [sp for sp in spans if rules.plausible_addressee(sp.text)]
                if field == "deadlines":
                    spans = [sp for sp in spans if not rules.day_of_the_news(
                        text, next(ws for ws, we in own + more if ws <= sp.start < we), sp.start, sp.end)]
                if self.backend == "union" and field in self.merge_fields:
                    # Where the rules cut one order in two or more and the model reads it
                    # whole ("kiểm tra, rà soát và xử lý ..."), the model's span replaces them.
                    kept = list(getattr(d, field))
                    for sp in spans:
                        inside = [x for x in kept if sp.start <= x.start and x.end <= sp.end]
                        if len(inside) >= 2:
                            kept = [x for x in kept if x not in inside] + [sp]
                    setattr(d, field, sorted(kept, key=lambda x: x.start))
                if self.backend == "union":
                    kept = getattr(d, field)
                    spans = kept + [sp for sp in spans if not rules.overlaps_any(sp.start, sp.end, kept)]
                setattr(d, field, spans)
            # a following sentence the model found orders in becomes part of the evidence
            d.sentences.extend(x for x in extra.get(k, []) if (x.start, x.end) in used)


@Language.factory("chidao_measure_targets_v1", default_config={"model_path": "models/targets-crf"})
def make_measure_targets(nlp: Language, name: str, model_path: str) -> Any:
    """Targets inside each measure, from the trained target tagger (nlp/target_model.py),
    added where the directive has no target overlapping them."""
    from nlp.target_model import TargetTagger

    return MeasureTargetsComponent(TargetTagger(_resolve(model_path)))


class MeasureTargetsComponent:
    """The targets step: the tagger reads each measure of each directive."""

    def __init__(self, tagger: Any):
        self.tagger = tagger

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        work = []  # (draft, where the measure's words start, its words and spaces)
        for d in doc._.drafts or []:
            for m in d.measures:
                # the document's own words: segmenting each measure again cost as much as
                # the tagging itself
                sp = doc.char_span(m.start, m.end, alignment_mode="contract")
                if sp is not None and len(sp):
                    work.append((d, sp.start_char, _words(sp)))
        found = self.tagger.tag_tokens([toks for _, _, toks in work])
        for (d, offset, _), spans in zip(work, found, strict=True):
            for a, b in spans:
                start, end = offset + a, offset + b
                piece = text[start:end]
                # the same test as for the span models' targets (no generic objects); a
                # target named again in another measure is listed once
                if rules.specific_target(piece) and not rules.overlaps_any(start, end, d.targets) and not any(
                        x.text.lower() == piece.lower() for x in d.targets):
                    d.targets.append(rules.Span(start, end, piece, "target"))
        return doc


@Language.factory("chidao_measure_classifier_v1",
                  default_config={"backend": "lexicon", "model_path": "models/measure-category"})
def make_classifier(nlp: Language, name: str, backend: str, model_path: str) -> Any:
    """Measure categories from the cue lexicon, or from the trained naive Bayes model."""
    if backend == "lexicon":
        predict = classify
    elif backend == "naive_bayes":
        from nlp.category_model import CategoryModel

        predict = CategoryModel.load(_resolve(model_path)).predict
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
