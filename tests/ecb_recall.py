"""Footnote recall against ECB+ gold: do the sentences that state a shared event cite the
outlets that reported it? (helper for tests/pipeline/test_corpus.py and bench/merge.py)

For each body sentence, the source lines it was taken from are found by text; each
shared event (an ACTION chain at least two articles mention) mentioned on those lines is
"stated" by the sentence. Recall of a (sentence, event) pair: the share of the event's
articles, among those in the story, that the sentence cites. Returns the mean.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def footnote_recall(story: dict, folder: Path) -> tuple[float, int]:
    gold = json.loads((folder / "gold" / "ecbplus_coref.json").read_text(encoding="utf-8"))
    files = {s["id"]: s["file"] for s in story["sources"]}
    present = set(files.values())
    chains_on_line: dict[tuple[str, int], set[str]] = {}
    event_files: dict[str, set[str]] = {}
    for event in gold["shared_events"]:
        event_files[event["chain"]] = set(event["lines"]) & present
        for file, lines in event["lines"].items():
            for line in lines:
                chains_on_line.setdefault((file, line), set()).add(event["chain"])
    lines = {
        f: [_fold(line) for line in (folder / f).read_text(encoding="utf-8").split("\n")]
        for f in present
    }
    scores = []
    for block in story["body"] + story.get("more", []):
        for sentence in block["sentences"]:
            key = _fold(sentence["text"])
            if len(key.split()) < 4:
                continue
            cited = {files[i] for i in sentence["sources"]}
            stated: set[str] = set()
            for f in cited:
                for number, text in enumerate(lines[f], 1):
                    if key in text:
                        stated |= chains_on_line.get((f, number), set())
            for chain in stated:
                expected = event_files[chain]
                if len(expected) >= 2:
                    scores.append(len(cited & expected) / len(expected))
    return (sum(scores) / len(scores) if scores else 1.0), len(scores)
