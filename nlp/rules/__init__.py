"""The rule-based directive finder and argument extractor.

Works on character offsets of the original text, so every span it returns is an exact
slice. The spaCy components in `nlp.pipeline` call into these functions; they are also
usable alone (`find_directives(text)`), which keeps them fast to test.

One module per question the rules answer, each reading only those above it:

- `base`: spans, drafts and the shared patterns;
- `requests`: requests that are no orders (to a superior, a peer, another province);
- `arguments`: the spans of an order (measures, addressees, targets, deadlines), the
  pipeline's "arguments" (the trained taggers of the same spans are `nlp.spans`);
- `subjects`: who gives an order (the subject of a cue, a speaker, an anaphor);
- `issuers`: when a mention joins a directive already found, and when it opens another;
- `clauses`: reading the clause after a cue and the sentences that go on;
- `finder`: the pass over a document (`find_directives`);
- `schema`: drafts written out as ANNOTATION.md's JSON, and an official letter's directive.
"""
from nlp.rules.arguments import (
    complete_deadline,
    day_of_the_news,
    has_deadline,
    marked_order,
    order_marker,
    plausible_addressee,
    specific_target,
    tidy_measures,
    trim_addressee,
    trim_target,
)
from nlp.rules.base import Draft, Span, overlaps_any
from nlp.rules.finder import find_directives
from nlp.rules.schema import letter_directive, to_schema

__all__ = [
    "Draft", "Span", "complete_deadline", "day_of_the_news", "find_directives", "has_deadline", "letter_directive",
    "marked_order", "order_marker", "overlaps_any", "plausible_addressee", "specific_target",
    "tidy_measures", "to_schema", "trim_addressee", "trim_target",
]
