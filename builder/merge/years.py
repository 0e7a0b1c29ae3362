"""The years a sentence names relatively, as the figures a sentence naming them outright gives.

Takes: a sentence's text and its report's publication date. Gives: the years it names by
"this year", "last year" or "next year", read on that date, as figures ("2014" for "next
year's Republican primary" written in 2013). A page that says "next year's primary" gives
2014 already: another report's "The election is slated for 2014." tells it nothing new.
"""

from __future__ import annotations

import datetime as dt
import re

RELATIVE_YEAR = re.compile(r"\b(this|last|next)\s+year\b", re.IGNORECASE)
STEP = {"this": 0, "last": -1, "next": 1}


def years_named(text: str, published: dt.date | None) -> frozenset[str]:
    """The years `text`, printed in a report of the day `published`, names relatively
    (none when the report is undated: its "next year" is no known year)."""
    if published is None or "year" not in text.casefold():
        return frozenset()
    return frozenset(str(published.year + STEP[m.group(1).casefold()])
                     for m in RELATIVE_YEAR.finditer(text))
