"""Trained span taggers for directive fields (addressees, measures, targets, deadlines).

Two interchangeable backends share one data pipeline (`data`) and one metric (`metrics`):
`spacy_backend` (HashEmbedCNN NER trained from scratch, committed under models/spans-spacy)
and `transformers_backend` (token classification from any local checkpoint). Both expose
``load(path)`` returning an object with ``predict(text) -> {field: [(start, end), ...]}``.
"""
