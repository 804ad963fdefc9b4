"""Is this quote in another article of the corpus? Asked of an index, not of every article.

The articles that have a URL are indexed once per shard (in memory); a quote is checked only
against the few articles the index proposes, so its cost does not grow with the corpus.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from verifier.archive.store import Archive
from verifier.match import MatchConfig, SourceIndex, match_quote
from verifier.models import CorpusArticle, Document, Quote, Verdict

MIN_SCORE = 0.8  # a corpus article "contains" a quote when it matches at least this well
MIN_WORDS = 6
CANDIDATES = 5  # articles the index proposes per quote
_CACHE = 64  # article indexes kept for the next quotes

_FOUND = frozenset({Verdict.VERIFIED, Verdict.MINOR_DIFFERENCE, Verdict.MISQUOTED})


class CorpusLookup:
    """Finds the other articles of the corpus that contain a quote."""

    def __init__(self, articles: Sequence[CorpusArticle], config: MatchConfig) -> None:
        self.config = config
        self.documents = {a.path: a for a in articles if a.url}
        self.archive = Archive(":memory:", create=True)
        for article in self.documents.values():
            self.archive.add_text(article.path, article.text)
        self.archive.commit()
        self._indexes: OrderedDict[str, SourceIndex] = OrderedDict()

    def __call__(self, quote: Quote, document: Document) -> list[CorpusArticle]:
        if len(quote.text.split()) < MIN_WORDS or not self.documents:
            return []
        found = []
        for hit in self.archive.search(quote.text, limit=CANDIDATES + 1):
            other = self.documents[hit.origin]
            if other.path == document.path or other.url == document.url:
                continue
            result = match_quote(quote.text, self._index(other), config=self.config)
            if result.verdict in _FOUND and result.score >= MIN_SCORE:
                found.append(other)
        return found

    def _index(self, article: CorpusArticle) -> SourceIndex:
        """The whole article's index (a quote may be longer than a few passages)."""
        index = self._indexes.pop(article.path, None)
        if index is None:
            index = SourceIndex(article.text)
        self._indexes[article.path] = index
        if len(self._indexes) > _CACHE:
            self._indexes.popitem(last=False)
        return index
