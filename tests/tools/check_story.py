#!/usr/bin/env python3
"""Check one built story against hand labels (see tests/data/seeds/gold.yaml for the format).

usage: check_story.py SITE_DIR SLUG GOLD_YAML [--sources-dir DIR]

Reads SITE_DIR/SLUG/story.json and SITE_DIR/SLUG/index.html, as the project's README
describes them, and prints one line per check, then a summary line
'N passed, M failed'. Exits 1 when any check fails, 2 when the files cannot be read.
--sources-dir: the folder holding the labelled source files, for the word-ratio check.
"""
import html.parser
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def norm(text):
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


class _ArticleText(html.parser.HTMLParser):
    """Text inside <article class="story">, leaving out the sources list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting inside the article
        self.skip = 0  # nesting inside the sources list
        self.parts = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += 1
            if self.skip or "sources" in classes:
                self.skip += 1
        elif tag == "article" and "story" in classes:
            self.depth = 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.skip:
                self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def expand(spec):
    out = set()
    for item in spec or []:
        if isinstance(item, str) and "-" in item:
            a, b = map(int, item.split("-"))
            out.update(range(a, b + 1))
        else:
            out.add(int(item))
    return out


def source_body_words(gold, sources_dir):
    total = 0
    for name, labels in gold["sources"].items():
        lines = (sources_dir / name).read_text(encoding="utf-8").split("\n")
        skip = {labels["title"]}
        for kind in ("boilerplate", "caption", "related", "summary"):
            skip |= expand(labels.get(kind))
        total += sum(len(l.split()) for i, l in enumerate(lines, 1) if i not in skip)
    return total


def main(argv):
    argv = list(argv)
    sources_dir = None
    if "--sources-dir" in argv:
        at = argv.index("--sources-dir")
        if at + 1 >= len(argv):
            print(__doc__, file=sys.stderr)
            return 2
        sources_dir = Path(argv[at + 1])
        del argv[at : at + 2]
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    site, slug, gold_path = Path(args[0]), args[1], Path(args[2])
    sources_dir = sources_dir or gold_path.parent
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    checks = gold["story_checks"]
    try:
        story = json.loads((site / slug / "story.json").read_text(encoding="utf-8"))
        page = (site / slug / "index.html").read_text(encoding="utf-8")
    except (OSError, ValueError) as err:
        print(f"cannot read the built story: {err}")
        return 2

    # the story (body) and what follows it on the page (more): facts, quotes and citations
    # are checked over both; the word ratio over the story alone
    story_sentences = [s for block in story.get("body", []) for s in block.get("sentences", [])]
    sentences = story_sentences + [s for block in story.get("more", [])
                                   for s in block.get("sentences", [])]
    body = norm(" ".join(s["text"] for s in sentences))
    parser = _ArticleText()
    parser.feed(page)
    article = norm(" ".join(parser.parts))
    results = []

    def check(ok, what):
        results.append(ok)
        print(("ok    " if ok else "FAIL  ") + what)

    check(bool(article), "index.html has an <article class=\"story\"> with text")
    for text in checks.get("must_drop", []):
        n = norm(text)
        check(n not in body and n not in article, f"dropped: {text!r}")
    for text in checks.get("must_keep", []):
        n = norm(text)
        check(n in body and n in article, f"kept: {text!r}")
    for item in checks.get("once", []):
        n = norm(item["text"])
        count = body.count(n)
        cited = set()
        for s in sentences:
            if n in norm(s["text"]):
                cited.update(s.get("sources", []))
        check(count == 1, f"once: {item['text']!r} appears {count} times")
        need = item.get("min_sources", 1)
        check(len(cited) >= need, f"cited: {item['text']!r} cites {len(cited)} of at least {need} sources")
    ids = {src.get("id") for src in story.get("sources", [])}
    dangling = sorted({i for s in sentences for i in s.get("sources", []) if i not in ids}, key=str)
    check(not dangling, f"every citation names a listed source (dangling: {dangling})")
    uncited = sum(1 for s in sentences if not s.get("sources"))
    check(uncited == 0, f"every sentence cites a source ({uncited} do not)")
    if "max_word_ratio" in checks:
        words = len(" ".join(s["text"] for s in story_sentences).split())
        ratio = words / source_body_words(gold, sources_dir)
        check(ratio <= checks["max_word_ratio"],
              f"merged body is {ratio:.2f} of the sources' bodies (at most {checks['max_word_ratio']})")
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
