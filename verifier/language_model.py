"""py3langid's model, mapped from disk instead of loaded into memory.

py3langid ships its model as an uncompressed `.npz` inside LZMA and loads it whole: a
28 MB float16 table of feature weights, a 39 MB transition table and two lists of Python
ints, 75 MB held for the run (more while it loads) to tell the language of the few pages
that are not plainly English. Here the model is decompressed, as py3langid itself does,
into an unlinked temporary file, and the arrays are views of that file mapped read-only:
nothing is copied while it loads, and the pages a classification touches are clean and
file-backed (the kernel maps page-cache folios whole, so a few texts make most of them
resident, but it may drop them under memory pressure; they are never swapped out). The
arrays and the arithmetic are py3langid's own, so every answer is the same (tested
against `LanguageIdentifier.from_model_file`). The file (68 MB) lives in the temporary
folder as long as the process; where that folder is in memory (tmpfs), so is the file.
"""

from __future__ import annotations

import lzma
import mmap
import shutil
import struct
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length


def mapped_identifier(model: Path) -> Any:
    """A `py3langid.langid.LanguageIdentifier` over the mapped model (normalised
    probabilities); py3langid's own loader when the file is not laid out as expected."""
    from py3langid.langid import LanguageIdentifier

    arrays = _mapped_arrays(model) if sys.byteorder == "little" else None
    if arrays is None:
        return LanguageIdentifier.from_model_file(model, norm_probs=True)
    return LanguageIdentifier(
        arrays["ptc"],
        np.array(arrays["pc"]),
        np.array(arrays["classes"]).tolist(),
        _ints(arrays["nextmove"]),
        _ints(arrays["out_feat"]),
        norm_probs=True,
        tk_row=_ints(arrays["nextmove_row"]),
    )


def _ints(array: np.ndarray[Any, Any]) -> memoryview:
    """An integer array as a memoryview: indexing it gives Python ints, as py3langid's
    `array` and lists do (numpy scalars would cost a tenth more in its Python loop)."""
    return array.data.cast("B").cast(array.dtype.char)


def _mapped_arrays(model: Path) -> dict[str, np.ndarray[Any, Any]] | None:
    with tempfile.TemporaryFile(suffix=".npz") as handle, lzma.open(model) as source:
        shutil.copyfileobj(source, handle, length=1 << 20)
        handle.flush()
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    # The mapping outlives the file object: the unlinked file lives as long as it does.
    # Rows are read at random: no read-around, or each fault would bring in 128 kB.
    if hasattr(mmap, "MADV_RANDOM"):
        mapped.madvise(mmap.MADV_RANDOM)
    try:
        with zipfile.ZipFile(_Reader(mapped)) as archive:
            members = archive.infolist()
        arrays = {}
        for member in members:
            if member.compress_type != zipfile.ZIP_STORED or not member.filename.endswith(".npy"):
                return None
            arrays[member.filename[:-4]] = _npy_view(mapped, member.header_offset)
    except (ValueError, zipfile.BadZipFile, struct.error):
        return None
    return arrays


class _Reader:
    """The mapping as the seekable file `zipfile` reads its directory from."""

    def __init__(self, mapped: mmap.mmap) -> None:
        self.mapped, self.position = mapped, 0

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self.position, len(self.mapped))[whence]
        self.position = base + offset
        return self.position

    def tell(self) -> int:
        return self.position

    def read(self, size: int = -1) -> bytes:
        end = len(self.mapped) if size < 0 else self.position + size
        data = self.mapped[self.position : end]
        self.position += len(data)
        return data

    def seekable(self) -> bool:
        return True


def _npy_view(mapped: mmap.mmap, offset: int) -> np.ndarray[Any, Any]:
    """The `.npy` member whose local header starts at `offset`, as a read-only view."""
    signature, name, extra = _LOCAL_HEADER.unpack_from(mapped, offset)
    if signature != b"PK\x03\x04":
        raise ValueError("not a zip member")
    reader = _Reader(mapped)
    reader.seek(offset + _LOCAL_HEADER.size + name + extra)
    version = np.lib.format.read_magic(reader)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(reader)
    else:
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(reader)
    if fortran or dtype.hasobject:
        raise ValueError("not a plain C-ordered array")
    count = int(np.prod(shape, dtype=np.int64))
    data = np.frombuffer(mapped, dtype=dtype, count=count, offset=reader.tell())
    return data.reshape(shape)
