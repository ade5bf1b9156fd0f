"""Trained span taggers for directive fields (addressees, measures, targets, deadlines).

Three interchangeable backends share one data pipeline (`data`) and one metric (`metrics`):
`spacy_backend` (HashEmbedCNN NER trained from scratch, committed under models/spans-spacy),
`crf_backend` (linear-chain CRFs over word and lexicon features, underthesea's CRF engine)
and `transformers_backend` (token classification from any local checkpoint). Each exposes
``load(path)`` returning an object with ``predict(text) -> {field: [(start, end), ...]}``;
`train.load` picks the backend from the folder, and `ensemble` reads several as one.
"""
