"""The HTML report as a document: self-contained, complete, escaped (the browser test runs it)."""

from __future__ import annotations

from dataclasses import replace

import lxml.html
from _reports import BROKEN_PATH, misquoted, sample_report

from verifier.models import DiffOp, DiffOpKind, DocumentResult, Report
from verifier.report import FORMATTERS
from verifier.report.html import Piece, sides


def _tree(report: Report) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(FORMATTERS["html"](report))


def test_self_contained_no_network_resources() -> None:
    tree = _tree(sample_report())
    assert tree.xpath("//script[@src]") == []
    assert tree.xpath("//link") == []
    assert tree.xpath("//img | //iframe | //object | //embed | //video | //audio") == []
    css = "".join(tree.xpath("//style/text()"))
    assert "@import" not in css and "url(" not in css
    assert tree.xpath("//script/text()")  # the filters are inline


def test_summary_counts_per_verdict() -> None:
    tree = _tree(sample_report())
    counts = {
        el.get("id").removeprefix("count-"): int(el.text_content())
        for el in tree.xpath("//*[starts-with(@id, 'count-')]")
    }
    assert counts == {
        "misquoted": 1,
        "not_found": 1,
        "unverifiable": 2,
        "minor_difference": 1,
        "verified": 1,
        "ignored": 1,
    }
    assert "2 findings" in tree.xpath("//title/text()")[0]
    assert tree.xpath("//*[@id='shown-count']/text()") == ["7"]


def test_filters_exist_for_every_verdict_and_article() -> None:
    tree = _tree(sample_report())
    boxes = tree.xpath("//input[@name='verdict']/@value")
    assert sorted(boxes) == sorted(
        ["verified", "minor_difference", "misquoted", "not_found", "unverifiable", "ignored"]
    )
    options = tree.xpath("//select[@id='doc-filter']/option/@value")
    assert options == [
        "",
        "corpus/000_ecuador.md",
        "corpus/001_peru.md",
        BROKEN_PATH,
        "corpus/constructed/verdicts.md",
    ]
    assert tree.xpath("//*[@id='only-findings']/@data-verdicts") == ["misquoted,not_found"]


def test_each_quote_beside_its_source_with_highlights_and_links() -> None:
    tree = _tree(sample_report())
    (card,) = tree.xpath("//article[@data-verdict='misquoted']")
    assert card.get("data-doc") == "corpus/000_ecuador.md"
    quote_marks = card.xpath(".//div[@class='side-quote']//mark[@class='q']/text()")
    source_marks = card.xpath(".//div[@class='side-source']//mark[@class='s']/text()")
    assert quote_marks == ["more"] and source_marks == ["more"]
    source = card.xpath(".//div[@class='side-source']/p")[0].text_content()
    assert source == "It makes more us safe and it makes them less safe"
    assert card.xpath(".//a[@class='source-link']/@href") == [
        "https://www.borderlandbeat.com/2024/02/ecuador-us-military.html"
    ]
    (archive,) = card.xpath(".//a[@class='archive-link']")
    assert archive.get("href").startswith("https://web.archive.org/web/20240214093000id_/")
    assert archive.text_content() == "archived copy (2024-02-14)"


def test_every_unverifiable_has_its_reason() -> None:
    tree = _tree(sample_report())
    cards = tree.xpath("//article[@data-verdict='unverifiable']")
    reasons = sorted(c.xpath(".//p[@class='reason']")[0].text_content() for c in cards)
    assert reasons == ["Why unverifiable: dead", "Why unverifiable: no source"]


def test_document_errors_and_notes() -> None:
    tree = _tree(sample_report())
    (broken,) = tree.xpath(f"//section[@data-path='{BROKEN_PATH}']")
    assert "has-error" in broken.get("class")
    assert "cannot decode as UTF-8" in broken.xpath(".//p[@class='error']")[0].text_content()
    notes = tree.xpath("//p[@class='note']/text()")
    assert notes == ["Note: skipped a reader-comment section (line 40)"]


def test_document_text_is_escaped() -> None:
    q = misquoted()
    evil = replace(
        q,
        quote=replace(q.quote, text="<script>alert(1)</script> & “more”"),
        diff=(DiffOp(DiffOpKind.REPLACE, "<script>alert(1)</script>", "<b>x</b>"),),
    )
    html = FORMATTERS["html"](Report(documents=(DocumentResult("a<b>.md", (evil,)),)))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>x</b>" not in html
    assert 'data-path="a&lt;b&gt;.md"' in html


def test_sides_split_a_diff_into_highlighted_runs() -> None:
    quote, source = sides(
        (
            DiffOp(DiffOpKind.EQUAL, "It makes", "It makes"),
            DiffOp(DiffOpKind.DELETE, "", "more"),
            DiffOp(DiffOpKind.REPLACE, "big", "large"),
            DiffOp(DiffOpKind.INSERT, "really", ""),
        )
    )
    assert quote == [Piece("It makes", False), Piece("big", True), Piece("really", True)]
    assert source == [Piece("It makes", False), Piece("more", True), Piece("large", True)]
