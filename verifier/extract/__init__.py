"""Quote extraction and attribution: pure functions over a loaded `Document`.

`extract(document)` returns every attributed quotation with its cue, the speaker mention
at the attribution, and the speaker resolved to a name. No I/O, deterministic.
Reader comments are never extracted: the loaders mark them as `COMMENTS` paragraphs.
"""

from verifier.extract.core import extract

__all__ = ["extract"]
