"""Build `Document`s for extraction tests with the real plain-text loader."""

from __future__ import annotations

from dataclasses import replace

from verifier.load import load_text
from verifier.models import Document, ParagraphKind


def make_doc(text: str, kinds: dict[int, ParagraphKind] | None = None) -> Document:
    """A plain-text Document as `verify` reads it; `kinds` overrides paragraph kinds by index."""
    doc = load_text(text, "<test>")
    if not kinds:
        return doc
    paragraphs = tuple(replace(p, kind=kinds.get(i, p.kind)) for i, p in enumerate(doc.paragraphs))
    return replace(doc, paragraphs=paragraphs)
