"""py3langid's model mapped from disk gives py3langid's own answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import language, language_model
from verifier.language_model import mapped_identifier

SAMPLES = [
    "Der schnelle braune Fuchs springt über den faulen Hund, sagte der Minister am Montag.",
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, très contestée.",
    "El presidente dijo que la economía crecerá este año más de lo esperado por todos.",
    "Это просто текст на русском языке, чтобы проверить определение языка модели.",
    "日本語のテキストです。これはテストです。東京で会議が開かれました。",
    "Il governo ha presentato il nuovo piano per il porto, pronto entro l'estate.",
    "The council said on Monday that the harbour would be rebuilt before the winter.",
    "<div class='nav'><a href='/'>Home</a> | <a href='/news'>Nachrichten</a></div>",
    "",
    "1234 5678 !!!",
]


@pytest.fixture(scope="module")
def models() -> tuple[Any, Any]:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    path = Path(MODEL_DIR) / MODEL_FILE
    return mapped_identifier(path), LanguageIdentifier.from_model_file(path, norm_probs=True)


@pytest.mark.parametrize("text", SAMPLES)
def test_the_mapped_model_answers_as_py3langids_own(models: tuple[Any, Any], text: str) -> None:
    mapped, loaded = models
    assert mapped.classify(text) == loaded.classify(text)
    assert mapped.rank(text) == loaded.rank(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_the_mapped_model_answers_as_py3langids_own_on_any_text(
    models: tuple[Any, Any], text: str
) -> None:
    mapped, loaded = models
    assert mapped.classify(text) == loaded.classify(text)


def test_its_arrays_are_views_of_the_mapped_file(models: tuple[Any, Any]) -> None:
    mapped, _ = models
    assert not mapped.nb_ptc.flags.owndata and not mapped.nb_ptc.flags.writeable
    assert isinstance(mapped.tk_nextmove, memoryview)


def test_an_archive_with_compressed_members_is_not_mapped(tmp_path: Path) -> None:
    import io
    import lzma
    import zipfile

    import numpy as np

    buffer = io.BytesIO()
    np.savez_compressed(buffer, ptc=np.zeros((3, 2), dtype=np.float16))
    model = tmp_path / "model.npz.xz"
    model.write_bytes(lzma.compress(buffer.getvalue()))
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert archive.infolist()[0].compress_type == zipfile.ZIP_DEFLATED
    assert language_model._mapped_arrays(model) is None


def test_a_model_that_cannot_be_mapped_is_read_by_py3langid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    monkeypatch.setattr(language_model, "_mapped_arrays", lambda model: None)
    identifier = mapped_identifier(Path(MODEL_DIR) / MODEL_FILE)
    assert not isinstance(identifier.tk_nextmove, memoryview)
    assert identifier.classify(SAMPLES[0])[0] == "de"


def test_detect_language_uses_the_mapped_model() -> None:
    language._identifier.cache_clear()
    assert language.detect_language(SAMPLES[0] * 3) == "de"
    assert isinstance(language._identifier().tk_nextmove, memoryview)
