"""`verify index add --from-store`: every page the evidence store holds, into the archive.

The evidence store is made of vcrpy YAML cassettes (one file, or one per source): each
recorded 200 response is read like a fetched page and indexed under its URL, so a quote
that a later article repeats without a link is found in the page an earlier one cited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from verifier.archive.ingest import AddReport
from verifier.archive.store import Archive
from verifier.models import FetchResult
from verifier.text import read_source


def cassettes(folder: Path) -> Iterator[Path]:
    """The cassette files under `folder` (the store's folder, or one cassette file)."""
    if folder.is_file():
        yield folder
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            yield path


def add_store(archive: Archive, folder: Path) -> AddReport:
    """Index the pages recorded under `folder`; a cassette that cannot be read is named."""
    report = AddReport()
    for path in cassettes(folder):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            report.errors.append(f"{path}: not a readable cassette ({type(exc).__name__})")
            continue
        interactions = data.get("interactions") if isinstance(data, dict) else None
        for item in interactions if isinstance(interactions, list) else []:
            _add_response(archive, item, report)
    archive.commit()
    return report


class _Loader(yaml.SafeLoader):
    """Safe YAML, plus the Python string tags vcrpy may write for bodies."""


_Loader.add_constructor(
    "tag:yaml.org,2002:python/unicode",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def _add_response(archive: Archive, item: Any, report: AddReport) -> None:
    try:
        url = str(item["request"]["uri"])
        response = item["response"]
        status = int(response["status"]["code"])
        body = response["body"]["string"]
        headers = {
            k: (v[0] if isinstance(v, list) else str(v)) for k, v in response["headers"].items()
        }
    except (KeyError, TypeError, ValueError, IndexError):
        return
    if status != 200 or not body:
        return
    content = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    digest = hashlib.sha256(content).hexdigest()
    if archive.same_content(url, digest):
        report.unchanged += 1
        return
    fetched = FetchResult(url=url, final_url=url, status=status, headers=headers, content=content)
    text = read_source(fetched)
    if text.failure is not None or not text.main_text.strip():
        return
    known = archive.has(url)
    report.passages += archive.add_text(
        url, text.main_text, title=text.title or "", date=text.date or "", sha256=digest
    )
    if known:
        report.updated += 1
    else:
        report.added += 1
