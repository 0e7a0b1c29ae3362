"""What a build publishes today: drafts and stories dated in the future are held back.

Takes: the build's stories (anything with `slug`, `date` and a listing `summary`
carrying `draft`), the day the build stands for, and whether drafts are shown (`serve`
shows them, marked, as `hugo server -D` does). Gives: the stories to publish, and
`Held` notes for the others (slug and why), for the command line to print.

"Today" is a UTC date: `--now` when given (so a test, or a curator previewing next week,
can name the day), else SOURCE_DATE_EPOCH (reproducible builds), else the clock. It is an
input like any other: the same content on the same day gives a byte-identical site, and
a daily scheduled build publishes a story on its day.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?")


class Listed(Protocol):
    @property
    def slug(self) -> str | None: ...

    @property
    def date(self) -> str | None: ...

    @property
    def summary(self) -> object | None: ...  # a StorySummary: its `draft`


R = TypeVar("R", bound=Listed)


@dataclass(frozen=True, slots=True)
class Held:
    """A story not published by this build, and why ("draft" or "scheduled")."""

    slug: str
    why: str
    date: str | None = None

    def __str__(self) -> str:
        if self.why == "draft":
            return f"{self.slug} (draft)"
        return f"{self.slug} (scheduled for {self.date})"


def parse_day(text: str) -> str:
    """`YYYY-MM-DD`, or an ISO date and time (with an offset: converted to UTC), as the
    UTC date `YYYY-MM-DD`. Raises ValueError with a message saying what is expected."""
    match = _DAY.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2025-03-04 "
                         "(or 2025-03-04T09:30Z)")
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace(" ", "T").replace("Z", "+00:00"))
    except ValueError as err:
        raise ValueError(f"{text!r} is not a valid date: {err}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.date().isoformat()


def today(now: str | None = None) -> str:
    """The UTC date this build publishes for: `now`, SOURCE_DATE_EPOCH, else the clock."""
    if now:
        return parse_day(now)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.datetime.now(dt.timezone.utc).date().isoformat()


def publishable(refs: Sequence[R], day: str, drafts: bool = False) -> tuple[tuple[R, ...], tuple[Held, ...]]:
    """The stories to publish on `day` (skipped ones, slug None, are passed through for
    the caller to leave out), and those held back, in slug order."""
    kept: list[R] = []
    held: list[Held] = []
    for ref in refs:
        if ref.slug is not None and getattr(ref.summary, "draft", False) and not drafts:
            held.append(Held(ref.slug, "draft"))
        elif ref.slug is not None and ref.date and ref.date[:10] > day:
            held.append(Held(ref.slug, "scheduled", ref.date[:10]))
        else:
            kept.append(ref)
    return tuple(kept), tuple(sorted(held, key=lambda h: h.slug))
