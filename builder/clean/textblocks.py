"""Split a plain-text dump into blocks, one per non-empty line, keeping line numbers.

Takes: the text of a `.txt` source (or a Markdown body converted to text lines).
Gives: a tuple of `Block`s. A text dump of a web page puts each paragraph, heading,
caption and menu item on its own line, so the line is the unit the cleaner judges;
bullets ("•", "-", "*") become list items. Whether a short line is a heading is decided
later, once furniture is gone (builder/clean/heuristics.py).
"""

from __future__ import annotations

import re

from builder.model import Block

BULLET = re.compile(r"^\s*(?:[•·▪◦‣●○■□–—*]|-(?=\s)|\d{1,2}[.)](?=\s))\s+")
QUOTE_LINE = re.compile(r"^\s*>\s?")


def text_blocks(text: str, first_line: int = 1) -> tuple[Block, ...]:
    blocks = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        stripped = line.strip()
        if not stripped:
            continue
        if BULLET.match(line):
            blocks.append(Block("list-item", BULLET.sub("", line).strip(), number))
        elif QUOTE_LINE.match(line):
            blocks.append(Block("quote", QUOTE_LINE.sub("", line).strip(), number))
        else:
            blocks.append(Block("paragraph", stripped, number))
    return tuple(blocks)
