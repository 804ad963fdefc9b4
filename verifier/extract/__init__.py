"""Quote extraction and attribution: pure functions over a loaded `Document`.

`extract(document)` returns every attributed quotation with its cue, the speaker mention
at the attribution, and the speaker resolved to a name. No I/O, deterministic.
`find_comment_section(text, paragraphs)` lets loaders mark reader comments.
"""

from verifier.extract.comments import find_comment_section
from verifier.extract.core import extract

__all__ = ["extract", "find_comment_section"]
