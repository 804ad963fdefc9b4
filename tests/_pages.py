"""The article both reading test modules use: a local council story with two quotes."""

from __future__ import annotations

URL = "https://news.example.org/2024/03/12/harbour-council-vote"

ARTICLE_PARAGRAPHS = (
    "The harbour council voted on Tuesday night to close the old ferry terminal by the end "
    "of the year, ending more than a century of passenger crossings from the north quay.",
    "“We cannot keep pouring money into a building that is falling into the sea,” said "
    "council leader Margaret Okafor, who cast the deciding vote after a debate that ran "
    "past midnight. “This is not the decision anyone wanted, but it is the honest one.”",
    "The terminal needs repairs estimated at 4.2 million pounds, according to a survey "
    "commissioned last spring. Engineers found that two of the six piers supporting the "
    "waiting hall had lost most of their concrete cover, exposing corroded steel.",
    "Ferry operators said they would move their crossings to the south pier, which was "
    "rebuilt in 2019. Passengers from the northern villages will face a longer walk, and "
    "campaigners fear that older residents will stop travelling altogether.",
    "“My mother has taken that ferry every Thursday for fifty years,” said Daniel Reyes, "
    "who organised a petition signed by more than three thousand people. “Nobody asked her "
    "what she thinks of a twenty-minute walk in the rain.”",
    "The council promised a shuttle bus between the old terminal and the south pier for at "
    "least three years, and said it would publish a plan for the site before the summer.",
)
