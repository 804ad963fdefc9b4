"""Every extraction rule, on its own example and counter-example (the table in `rules.py`).

A rule that no test pins can be switched off unnoticed; here each rule must fire on its
example (finding the quote, or naming its speaker, as `found_by`/`speaker_by` say) and must
not on its counter-example. A veto or a skip must leave its example's quote out, and must
let the counter-example's quote through.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verifier.extract import extract
from verifier.extract.core import _STEPS
from verifier.extract.rules import ATTRIBUTION, Rule, all_rules
from verifier.load import load_string
from verifier.models import Quote

RULES = all_rules()


def _quotes(text: str) -> list[Quote]:
    fmt = "markdown" if "\n>" in text or text.startswith(">") else "text"
    return extract(load_string(text, fmt, "example"))


def _fired(rule: Rule, quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if rule.name in (q.found_by, q.speaker_by)]


def test_rule_names_are_unique_and_every_attribution_rule_has_a_step() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert [r.name for r in ATTRIBUTION] == list(_STEPS)


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind not in ("veto", "skip")], ids=str)
def test_a_rule_fires_on_its_example(rule: Rule) -> None:
    fired = _fired(rule, _quotes(rule.example))
    assert fired, f"{rule.name} did not fire on {rule.example!r}"
    if rule.speaker is not None:
        assert any(q.speaker_mention and q.speaker_mention.text == rule.speaker for q in fired)


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind not in ("veto", "skip")], ids=str)
def test_a_rule_does_not_fire_on_its_counter_example(rule: Rule) -> None:
    assert not _fired(rule, _quotes(rule.counter)), rule.counter


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind in ("veto", "skip")], ids=str)
def test_a_veto_leaves_its_example_out_and_lets_the_counter_example_through(rule: Rule) -> None:
    assert not _quotes(rule.example), rule.example
    assert _quotes(rule.counter), rule.counter


def test_explain_and_json_name_the_rules(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from verifier.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Headline here\n\n“We will win the vote,” said Dan Crenshaw.\n")
    shown = CliRunner().invoke(main, [str(article), "--extract-only", "--explain"])
    assert "found by: cue-after; speaker “Dan Crenshaw” by: cue-after" in shown.output
    plain = CliRunner().invoke(main, [str(article), "--extract-only"])
    assert "found by" not in plain.output
    out = CliRunner().invoke(main, [str(article), "--extract-only", "--format", "json"])
    (quote,) = [q for d in json.loads(out.output)["documents"] for q in d["quotes"]]
    assert (quote["found_by"], quote["speaker_by"]) == ("cue-after", "cue-after")
    names = {r.name for r in RULES}
    assert quote["found_by"] in names


def test_docs_list_every_rule_as_the_table_says() -> None:
    from verifier.extract import rules

    doc = (Path(__file__).parent.parent / "docs" / "extraction.md").read_text(encoding="utf-8")
    assert rules.sync(doc) == doc, "run: python -m verifier.extract.rules --write"
    for rule in RULES:
        assert f"| `{rule.name}` |" in doc
