"""`--dump`: every quote and the sources it would be checked against, nothing fetched."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from verifier.cli import main
from verifier.pipeline import verify_paths

ARTICLE = (
    "# Bridge\n\n"
    'The minister said: "We will build the bridge next year," according to '
    "[the ministry](https://ministry.example.invalid/bridge).\n\n"
    '"Nobody asked us," the mayor said.\n'
)


def test_dump_lists_quotes_with_their_sources_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path), "--dump", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "would check: https://ministry.example.invalid/bridge" in result.output
    assert "“Nobody asked us,”" in result.output
    assert result.output.rstrip().endswith("(1 source to check, none fetched)")


def test_dump_fetches_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    report = verify_paths([tmp_path], dump=True)
    (first, second) = report.documents[0].quotes
    assert [c.candidate.url for c in first.candidates] == [
        "https://ministry.example.invalid/bridge"
    ]
    assert all(c.reason == "not fetched" for c in first.candidates)  # a fetch would say why
    assert first.source is None and second.candidates == ()
    out = CliRunner().invoke(main, [str(tmp_path), "--dump", "--format", "json"])
    data = json.loads(out.output)
    (quote, _) = data["documents"][0]["quotes"]
    assert quote["candidates"][0]["url"] == "https://ministry.example.invalid/bridge"
    assert quote["reason"] == "not fetched (dump)"
