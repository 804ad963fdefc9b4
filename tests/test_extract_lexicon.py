"""The extractor's word lists: each once, sorted, documented, and overlapping only on purpose."""

from __future__ import annotations

import itertools

import pytest

from verifier.extract import lexicon

NAMES = lexicon.names()


def _shares(name: str) -> set[str]:
    lines = [h for h in lexicon.header(name) if h.startswith("shares:")]
    return {n.strip() for line in lines for n in line[len("shares:") :].split(",")}


def test_the_package_holds_the_lists() -> None:
    assert len(NAMES) >= 40
    assert {"cue_verbs", "titles", "role_nouns", "speech_nouns", "corporate"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_list_says_what_it_is_for(name: str) -> None:
    head = lexicon.header(name)
    assert head and not head[0].startswith("shares:") and len(head[0].split()) >= 4, name


@pytest.mark.parametrize("name", NAMES)
def test_a_list_is_sorted_without_duplicates_or_stray_space(name: str) -> None:
    entries = lexicon.entries(name)
    assert entries, name
    assert entries == sorted(entries), f"{name}.txt is not sorted"
    dupes = [e for e, n in itertools.groupby(entries) if len(list(n)) > 1]
    assert not dupes, f"{name}.txt lists twice: {dupes}"
    assert all(e == e.strip() and "  " not in e for e in entries), name


def test_lists_overlap_only_where_a_header_says_so() -> None:
    silent = []
    for a, b in itertools.combinations(NAMES, 2):
        common = lexicon.words(a) & lexicon.words(b)
        if common and b not in _shares(a) and a not in _shares(b):
            silent.append(f"{a} & {b}: {sorted(common)[:5]}")
    assert not silent, "undeclared overlaps (add `# shares:`):\n" + "\n".join(silent)


def test_declared_overlaps_are_real() -> None:
    """A `# shares:` line that no longer holds is stale documentation."""
    stale = [
        f"{a} -> {b}"
        for a in NAMES
        for b in _shares(a)
        if b not in NAMES or not (lexicon.words(a) & lexicon.words(b))
    ]
    assert not stale, stale


def test_role_words_are_listed_once() -> None:
    """`role_words` used to be a copy of part of `role_nouns`: now each noun is in one list."""
    assert not lexicon.words("role_words") & lexicon.words("role_nouns")
