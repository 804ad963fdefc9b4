"""Match a quote against a source text: where it is, what changed, and whether it matters."""

from __future__ import annotations

from verifier.match.classify import DEFAULT_CONFIG, MatchConfig
from verifier.match.engine import attribution_near, match_quote
from verifier.match.index import SourceIndex
from verifier.models import DiffOp, DiffOpKind, MatchResult, SegmentMatch, Verdict

__all__ = [
    "DEFAULT_CONFIG",
    "DiffOp",
    "DiffOpKind",
    "MatchConfig",
    "MatchResult",
    "SegmentMatch",
    "SourceIndex",
    "Verdict",
    "attribution_near",
    "match_quote",
]
