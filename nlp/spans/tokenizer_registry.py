"""Registers the underthesea tokenizer with spaCy under a versioned name.

A saved pipeline's config names its tokenizer as ``@tokenizers = "chidao.underthesea_tokenizer.v1"``;
importing this module before ``spacy.load`` lets spaCy rebuild it. Bump the version when the
segmentation changes in a way that would shift token boundaries of a trained model.
"""
from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language

from nlp.tokenizer import UndertheseaTokenizer

NAME = "chidao.underthesea_tokenizer.v1"


@spacy.registry.tokenizers(NAME)
def create_underthesea_tokenizer() -> Callable[[Language], UndertheseaTokenizer]:
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make
