"""Model values cross process boundaries by pickle (builder/build/parallel.py): they must come
back equal, every field included, defaults and None too."""

from __future__ import annotations

import pickle
from pathlib import Path

from builder.model import (
    Article, Block, BodyBlock, Diagnostic, Removed, Sentence, SourceEntry, SourceMeta, Story,
)


def _story() -> Story:
    meta = SourceMeta(outlet="Harbour Gazette", title="Bridge shut", url="https://example.org/a",
                      published="2024-05-01")
    removed = (Removed("furniture.teasers", "boilerplate", "Latest articles", 4),)
    return Story(
        slug="bridge-shut", title="Bridge shut", dek=None, date="2024-05-01", tags=("transport",),
        sources=(SourceEntry(1, "a.txt", meta, removed, ("Original report",)),
                 SourceEntry(2, "b.html", SourceMeta(), copy_of=1)),
        body=(BodyBlock("heading", (Sentence("Bridge shut", (1, 2)),)),
              BodyBlock("paragraph", (Sentence("3 dead.", (1,), ((1, "3"), (2, "5"))),))),
        excluded=(("c.txt", "off topic"),),
    )


def test_story_and_its_parts_survive_pickle() -> None:
    story = _story()
    back = pickle.loads(pickle.dumps(story))
    assert back == story
    assert type(back.sources[0].meta) is SourceMeta
    assert back.body[1].sentences[0].variants == ((1, "3"), (2, "5"))


def test_articles_and_diagnostics_survive_pickle() -> None:
    article = Article(file="a.txt", kind="text", meta=SourceMeta(outlet="X"),
                      blocks=(Block("paragraph", "Text.", 2), Block("heading", "H")), related=("r",))
    diag = Diagnostic("warning", str(Path("a.txt")), 3, "odd", rule="merge.off-topic")
    assert pickle.loads(pickle.dumps(article)) == article
    assert pickle.loads(pickle.dumps([diag, Diagnostic("error", None, None, "x")])) == [
        diag, Diagnostic("error", None, None, "x")]
