"""Key facts reach the body: what the headline names, and what most reports tell, is told
in the story, not left to `more`."""

from __future__ import annotations

from tests.merge_support import article, merged


def texts(blocks) -> list[str]:
    return [s.text for b in blocks for s in b.sentences if b.kind != "heading"]


CLOSED = ("The city council voted on Tuesday to close the Harbour Bridge after engineers "
          "found cracks in its main span.")
COST = "Repairs could cost 12 million dollars and take until the spring, the council said."
FERRIES = "Ferries will run every 15 minutes between the two shores while the bridge is shut."
QUEUES = "Drivers sat in long queues on the approach roads all evening."
LOPEZ = "Mayor Ana Ruiz named the engineer Maria Lopez to lead the repairs."


def test_what_the_headline_names_is_told_with_what_leads_up_to_it() -> None:
    # Lopez's sentence follows one the body does not tell (the queues, which give nothing
    # the page lacks): woven in alone it would not read, so the weave leaves both out,
    # unless the headline names her.
    lead = article("a.txt", "A", CLOSED, COST, FERRIES)
    other = article("b.txt", "B", CLOSED, QUEUES, LOPEZ, COST, FERRIES)
    plain = merged(lead, other, lead="a.txt")
    assert LOPEZ not in texts(plain.body)
    story = merged(lead, other, lead="a.txt",
                   title="Harbour Bridge shut for repairs; Maria Lopez to lead them")
    body = texts(story.body)
    assert body[:3] == [CLOSED, QUEUES, LOPEZ]
    assert LOPEZ not in texts(story.more)
