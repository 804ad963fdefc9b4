"""The attribution rules, as data: an ordered table of named rules, each with its examples.

`extract` tries the rules of `ATTRIBUTION` in order on every quotation (see `core._attribute`,
the engine). A rule has a kind:

- `skip`: the quoted words are nobody's (a title of a show, a stage direction); stop.
- `find`: while no attribution is known, look for one; a `final` rule stops the table; a
  rule that `names` may also replace an attribution that names no speaker with one that
  does (`Sanders' call for “revolution”`: the cue `call` alone names no one).
- `veto`: drop the attribution found so far (a scare quote next to a cue is still a term).
- `refine`: change the attribution found so far (usually its speaker).
- `replace`: put another attribution in place of the one found so far.

Block quotes and continuations (`BLOCKS`, `CONTINUATION`) are applied after the table, in
that order. Each quote carries the name of the rule that found it (`Quote.found_by`) and of
the rule that named its speaker (`Quote.speaker_by`), shown by `verify --extract-only
--explain` and in the JSON. `docs/extraction.md` lists every rule from this table
(`python -m verifier.extract.rules` prints that list), and `tests/test_extract_rules.py`
checks each rule on its own example and counter-example.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["skip", "find", "veto", "refine", "replace"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One named rule: what it does, an example it fires on, and one it must not fire on.

    `example` and `counter` are short articles; `speaker` is the speaker mention the rule
    gives on `example` (None when it names nobody, or when it is a skip or a veto).
    """

    name: str
    kind: Kind
    summary: str
    example: str
    speaker: str | None
    counter: str
    final: bool = False
    names: bool = False

    def __str__(self) -> str:
        return self.name


ATTRIBUTION: tuple[Rule, ...] = (
    Rule(
        "nobody-s-words",
        "skip",
        "Quoted words that are nobody's, whatever cue stands near: a stage direction, a "
        "term used as an owner, the title of a show or a work in its slot (`his new book, "
        "“…”`), a headline opening its line with its byline after it (`—“…,” by Times' "
        "Michael Paulson`), a title after `titled` or before a byline (`an article titled "
        "“…”`, `“The Trumps: …,” by Gwenda Blair`; a message's title is its sender's, see "
        "`owned-fragment`), a title listed right after one (`roles in “…,” “Apollo "
        "13,” and “…”`), and a gloss (`“Do svidaniya!” - Russian for “goodbye.”`).",
        "Biden said on CNN’s “State of the Union.” Then he left.",
        None,
        "“We will win,” Biden said on CNN.",
    ),
    Rule(
        "transcript-label",
        "find",
        "A transcript quoted line by line: a name in capitals and a colon open the quote.",
        'The debate went on.\n\n"PENCE: And that is why we will win the election."',
        "PENCE",
        'The debate went on.\n\n"And that is why we will win the election," Pence said.',
        final=True,
    ),
    Rule(
        "owned-fragment",
        "find",
        "A short fragment someone explicitly owns is reported as `kind: fragment`: `the "
        "“joke,” as he called it`, a message's subject line or title (`an email titled "
        "“…”`), a reply (`Abedin’s reply: “JEB BUSH.”`). Scare quotes have no such owner.",
        "Abedin’s reply: “JEB BUSH.”",
        "Abedin",
        "The so-called “war on drugs” went on.",
        final=True,
    ),
    Rule(
        "cue-after",
        "find",
        "A cue after the quote, its speaker next to it: `“…,” said Crenshaw`, `“…,” the "
        "chancellor said`, `“…,” according to State`, `“…” — Jane Doe`; a role named after "
        "it is the name's (`“…,” said the union's president, Lena Marsh.`).",
        "“We will win the vote,” said Dan Crenshaw.",
        "Dan Crenshaw",
        "Dan Crenshaw said: “We will win the vote.”",
    ),
    Rule(
        "signoff-below",
        "find",
        "A quote that ends its paragraph, signed on the next line with a dash and a name.",
        "“Our planet is in danger and we must act now.”\n\n- Bernie Sanders.",
        "Bernie Sanders",
        "“Our planet is in danger and we must act now.”\n\n- and so it went on.",
    ),
    Rule(
        "naming",
        "find",
        "A person naming something in a few quoted words: `he called Rubio “Little Marco”`, "
        "`he pronounced Peña Nieto “a friend”`, "
        "`what he called “a disaster”`, `what one Latino conservative has dubbed “…”` (after "
        "`what`, a nominal subject too). In `Cruz railed against what he calls …` the "
        "speaker mention is the name the sentence gives, not the pronoun that repeats it.",
        "Trump called Rubio “Little Marco” at the rally.",
        "Trump",
        "Rubio spoke at the rally, a “big” one.",
        final=True,
    ),
    Rule(
        "describing",
        "find",
        "Someone describing a thing in a few quoted words: `dismissed the report as "
        "“absurd”`, `likened the rules to “burning the Constitution”`, `called on the agency to "
        "conduct an “expedited review”`, the grounds of a judgement (`slammed the president for "
        "not using the term “…”`, `credited Merkel with holding “…”`); the describer is a "
        "person, a person by role or a body (`officials started to portray the shooting as "
        "a “workplace” issue`), or the subject of an `-ing` clause (`…, portraying "
        "immigrants as “rapists”`).",
        "Smith dismissed the report as “absurd and wrong.”",
        "Smith",
        "The report was long and “absurd” in places.",
        final=True,
    ),
    Rule(
        "term-not-words",
        "veto",
        "A title, a name or a single word next to a cue is a term, not a quote "
        "(`the “Encuentro” prison`, `“Fito” said …`), unless it is a spoken sentence "
        "(`“Nusra is Al Qaeda,” Mr. Kerry said`) or a lower-case word in a sentence its cue "
        "closes (`knew each other “casually” from the mosque, said the director`).",
        "The “Encuentro” prison is full, he said.",
        None,
        "“Nusra is Al Qaeda,” Mr. Kerry said.",
    ),
    Rule(
        "said-before-according-to",
        "replace",
        "`X said: “…,” according to the report`, `X said the deal was “…,” according to the "
        "report`: the report is where, X (a say-verb's subject) is who; not `X hoped …`.",
        "Jones said: “The deal is dead and buried,” according to the report.",
        "Jones",
        "“The deal is dead and buried,” according to the report.",
    ),
    Rule(
        "split-quote",
        "find",
        "The second part of a quote split by its attribution: `“A,” X, a fellow at …, said "
        "in a statement. “B.”`",
        "“We tried,” Dylan Nelson, a fellow at the institute, said in a statement. “It failed.”",
        "Dylan Nelson",
        "“We tried,” Dylan Nelson said. Then Ann Lee spoke. Later, she said: “It failed.”",
    ),
    Rule(
        "label-before",
        "find",
        "A label before the quote: `Hugh Hill, a doctor: “…”`, `Jane Doe, minister: “…”`.",
        "Hugh Hill, a doctor: “The wards are full and the staff are tired.”",
        "Hugh Hill",
        "The wards: “The wards are full and the staff are tired,” Hill said.",
    ),
    Rule(
        "cue-before",
        "find",
        "A cue before the quote in its sentence: `Lasso stated, “…”`, `Salvador said the "
        "proposal “betrayed …”`, a short fragment in a say-verb's complement, a participle's "
        "subject (`Trump mocked her, saying …`), a term the speaker used (`promised to stop "
        "using the phrase “…”`, `acknowledged that it could be termed “…”`; never "
        "`so-called`).",
        "Guillermo Lasso stated, “We will defend our sovereignty.”",
        "Guillermo Lasso",
        "“We will defend our sovereignty,” Guillermo Lasso stated.",
    ),
    Rule(
        "second-of-sentence",
        "find",
        "A second quote of a sentence whose cue stands before the first one: `Sanders said on "
        "ABC's “This Week” that he would “take a look”`. A quote opening the next sentence "
        "stays in reach (`Smith took the stage. “We will win.”`), but not a quoted term that "
        'is that sentence\'s subject (`… will not release them. "Top secret" is the highest '
        "level`).",
        "Sanders said the plan was “a disaster” and that it would “hurt families badly.”",
        "Sanders",
        "Sanders said the plan was “a disaster.” The vote was “close and bitter,” it seems.",
    ),
    Rule(
        "possessive",
        "find",
        "Someone's claim, words, promise, offer or message framing a fragment: `Trump’s claim "
        "that there were “thousands of shootings”`, `Trump's offer to make an “exception”`.",
        "Trump’s claim that there were “thousands of shootings” was false.",
        "Trump",
        "The claim that there were “thousands” was false.",
        names=True,
    ),
    Rule(
        "advocating",
        "find",
        "Someone calling for, urging, promising, supporting or opposing something in a few "
        "quoted words, or talking about it (or it up): `Warren pushed for “big structural "
        "change”`, `Clinton supports “appropriate pay raises”`, `He talks about “spoiling the "
        "party”` "
        "(not `there was talk of “…”`, which names no one).",
        "Warren pushed for “big structural change” in the economy.",
        "Warren",
        "Warren spoke about “change” in the economy.",
        names=True,
    ),
    Rule(
        "remark",
        "find",
        "A few quoted words named as a remark by the noun after them: `Mitt Romney’s “47 "
        "percent” comment` is Romney's, `the “not there yet” comment` someone's unnamed.",
        "Mitt Romney’s “47 percent” comment was dismissive.",
        "Mitt Romney",
        "Comment: “47 percent” of the vote.",
    ),
    Rule(
        "chant",
        "find",
        "What a crowd chants is its words, even a slogan or a name: `chants of “Ted! Ted!”`, "
        "`a thunderous chant of “Feel the Bern!”`, `…, chanting “Dump Trump.”` (the "
        "participle's subject speaks; a noun names no one).",
        "Supporters roared, and their chants of “Ted! Ted! Ted!” filled the hall.",
        None,
        "Supporters roared, and their “Ted! Ted! Ted!” signs filled the hall.",
    ),
    Rule(
        "colon",
        "find",
        "A quote introduced by a colon in its own sentence: a speech noun's owner (`In a "
        "statement, the ministry said this:`) or the sentence's subject (`Perez lobbies for "
        "a higher wage: “…”`).",
        "Perez lobbies for a higher minimum wage: “People cannot live on this.”",
        "Perez",
        "The wage: “Too low.”",
    ),
    Rule(
        "intro-line",
        "find",
        "A quote that opens a paragraph after a line ending in a colon that names a "
        "speaker: `… as Petro lamented in his speech:`.",
        "This is what Petro lamented in his speech:\n\n“We have lost a decade to this war.”",
        "Petro",
        "The weather was bad today:\n\n“We have lost a decade to this war.”",
    ),
    Rule(
        "fronted-participle",
        "refine",
        "A participle behind `After`, `While` … that opens its sentence takes the subject "
        "of the main clause after the quote: `After saying her foot was “so swollen …,” she "
        "was whisked off`.",
        "After saying her foot was “so swollen I could not walk,” she was whisked off.",
        "she",
        "Saying her foot was “so swollen I could not walk,” the nurse left.",
    ),
    Rule(
        "outer-speaker",
        "refine",
        "A pronoun's verb inside the complement of a say-verb speaks for that verb's "
        "subject: `Ditto said she expects the campaign “to continue …”` is Ditto's quote.",
        "Jane Ditto said she expects the campaign “to continue calling out examples of bias.”",
        "Jane Ditto",
        "Jane Ditto expects the campaign “to continue calling out examples of bias.”",
    ),
    Rule(
        "passive",
        "refine",
        "A passive cue's speaker is its by-agent, or nobody for a short fragment: `has been "
        "accused … of “crimes” by Amnesty International`; `has long been described as “…”`.",
        "The army has been accused of “crimes against humanity” by Amnesty International.",
        "Amnesty International",
        "Amnesty International accused the army of “crimes against humanity.”",
    ),
    Rule(
        "closing-cue",
        "find",
        "The last resort: a cue that closes the sentence after the quote, when no cue before "
        "it attributes the quote; a single lower-case word too (`The FBI made a “mistake”, "
        "Comey has said.`), never a capitalised one (a name or a title).",
        "The plan is “dead on arrival” in the Senate, he said.",
        "he",
        "The “Encuentro” prison is full, he said.",
    ),
    Rule(
        "orphan",
        "find",
        "A whole sentence in quote marks, a fragment of five words or more, or one of two or "
        "more that speaks in the first person (`to “win my engraved shotgun!”`), is someone's "
        "words even with no cue in sight; a fragment goes to the subject of its sentence "
        "(never an opening adverb or gerund: `Moreover, …`, `Doing so “…”`, nor a common word "
        "capitalised only because it opens the sentence: `Good information …`).",
        "Smith wants the “best schools in the whole state” for the town.",
        "Smith",
        "Smith wants the “best schools” for the town.",
    ),
)
BLOCKS: tuple[Rule, ...] = (
    Rule(
        "blockquote",
        "find",
        "A Markdown `>` or HTML `<blockquote>` block is one quote (two blocks in a row are "
        "two), unless nobody introduces it and each of its paragraphs attributes its own "
        "quotation (`> “…,” the union wrote.`: narrative set off as a block, whose quotations "
        "are found as in a paragraph).",
        "He wrote to the board.\n\n> We cannot go on like this. The money is gone.",
        None,
        "He wrote to the board. We cannot go on like this. The money is gone.",
    ),
    Rule(
        "blockquote-intro",
        "refine",
        "A block quote's speaker is named by the line that introduces it; a block right "
        "after it, with no speaker of its own, is the same speaker's.",
        "Senator Jane Doe wrote to the board:\n\n> We cannot go on like this. The money is gone.",
        "Senator Jane Doe",
        "The board met.\n\n> We cannot go on like this. The money is gone.",
    ),
    Rule(
        "blockquote-signoff",
        "refine",
        "A block quote signed with a dash and a name on its last line; the signature ends "
        "the quote (the next block is another). In HTML, a `<cite>` in the `<blockquote>` "
        "or the `<figcaption>` of its `<figure>` is read as that line. The links an "
        "embedded tweet prints after its words (`pic.twitter.com/…`, `https://t.co/…`) are "
        "not part of the quote.",
        "> We cannot go on like this. The money is gone.\n> — Jane Doe",
        "Jane Doe",
        "> We cannot go on like this. The money is gone.",
    ),
    Rule(
        "name-below",
        "refine",
        "A block quote signed by a paragraph that is only a name, maybe after its role, "
        "right below it (a page's pull quote and its caption).",
        "The market fell.\n\n> Since 2008 there has not been a single year of gain.\n\n"
        "News industry analyst Ken Doctor\n\nBut there may be reason for doubt.",
        "News industry analyst Ken Doctor",
        "The market fell.\n\n> Since 2008 there has not been a single year of gain.\n\n"
        "But there may be reason for doubt.",
    ),
    Rule(
        "colon-block",
        "find",
        "In plain text, a paragraph introduced by a line that ends in a colon after a cue "
        "that names a speaker is a block quote, with no quote marks.",
        "Lasso made the following statement on Monday:\n\n"
        "We will defend our sovereignty. The base will not be built.\n\nThe vote is in May.",
        "Lasso",
        "The following points were made on Monday:\n\n"
        "We will defend our sovereignty. The base will not be built.\n\nThe vote is in May.",
    ),
)
CONTINUATION: tuple[Rule, ...] = (
    Rule(
        "previous-paragraph-intro",
        "refine",
        "A quote-only paragraph with no speaker of its own, after a paragraph whose last "
        "sentence ends in a colon, goes to that sentence's subject, a name or a pronoun "
        "(`He then listed the qualities a nominee needs:`), before any quote it might "
        "continue.",
        "“We will win,” Jane Doe said.\n\nShe then listed what a nominee needs:\n\n"
        "“Has the candidate fought for these principles before?”",
        "She",
        "“We will win,” Jane Doe said.\n\nWait, it gets better:\n\n"
        "“Has the candidate fought for these principles before?”",
    ),
    Rule(
        "continuation",
        "refine",
        "A quote with no speaker of its own takes the speaker of the quote it continues: in "
        "the same sentence (`“A” and “B,” she said`), after `“A,” she said.`, or as a "
        "paragraph that is only a quote.",
        "“We will win,” Jane Doe said.\n\n“And we will win big.”",
        "Jane Doe",
        "“We will win,” Jane Doe said.\n\nThe crowd left.\n\nThe next day came.\n\n"
        "The rain fell.\n\n“And we will win big.”",
    ),
    Rule(
        "previous-paragraph-report",
        "refine",
        "A quote-only paragraph after a paragraph that reports someone's words without "
        "quote marks is that person's: the last sentence that reports, its main clause "
        "(`Carter said that critics had been predicting …` is Carter's).",
        "Senator Jane Doe said the deal was off.\n\n“We have walked away from the table.”",
        "Senator Jane Doe",
        "The deal was off.\n\n“We have walked away from the table.”",
    ),
    Rule(
        "previous-paragraph-subject",
        "refine",
        "A quote-only paragraph with no cue goes to the named subject of the last sentence of "
        "the paragraph before, when that paragraph ends with a full stop or a colon.",
        "Then Jane Doe took the stage.\n\n“We have walked away from the table.”",
        "Jane Doe",
        "Then the lights went out.\n\n“We have walked away from the table.”",
    ),
    Rule(
        "coordinated-needs-speaker",
        "veto",
        "A cue in a second clause (`… and vowed, “…”`) speaks for the subject of the first, "
        "past a fronted clause (`Asked whether …, Mrs. Clinton shook her head and said`); "
        "when that clause names nobody, the quote is left out.",
        "In the end, and then vowed, “we will fight on.”",
        None,
        "Jane Doe heard the ruling and vowed, “we will fight on.”",
    ),
    Rule(
        "short-needs-speaker",
        "veto",
        "A phrase of fewer than four words that nobody is said to have said is a term, not "
        "a quote.",
        "The plan is now a “dead letter” here.",
        None,
        "The plan is now a “dead letter and a sad joke” here.",
    ),
)


def all_rules() -> tuple[Rule, ...]:
    return ATTRIBUTION + BLOCKS + CONTINUATION


BEGIN = "<!-- rules: generated by `python -m verifier.extract.rules --write` -->"
END = "<!-- rules: end -->"
_SECTIONS = (
    ("Attribution, in order", ATTRIBUTION),
    ("Block quotes", BLOCKS),
    ("Continuations (after the table)", CONTINUATION),
)


def _example(text: str) -> str:
    return " ".join(text.replace("\n\n", " ¶ ").split())


def markdown() -> str:
    """Every rule by name, with its example, as `docs/extraction.md` shows them."""
    out = [BEGIN, ""]
    for title, rules in _SECTIONS:
        out += [f"#### {title}", "", "| rule | kind | what it does | example | speaker |"]
        out += ["|---|---|---|---|---|"]
        for r in rules:
            kind = r.kind + (", final" if r.final else "") + (", names" if r.names else "")
            speaker = f"`{r.speaker}`" if r.speaker else "–"
            summary = r.summary.replace("|", "\\|")
            out.append(f"| `{r.name}` | {kind} | {summary} | {_example(r.example)} | {speaker} |")
        out.append("")
    out.append(END)
    return "\n".join(out)


def sync(doc: str) -> str:
    """`doc` with the text between the markers replaced by `markdown()`."""
    head, sep, rest = doc.partition(BEGIN)
    if not sep or END not in rest:
        raise ValueError(f"markers {BEGIN!r} … {END!r} not found")
    return head + markdown() + rest.partition(END)[2]


if __name__ == "__main__":
    import sys
    from pathlib import Path

    if sys.argv[1:2] == ["--write"]:
        path = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/extraction.md")
        path.write_text(sync(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(markdown())
