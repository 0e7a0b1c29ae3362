"""Markdown sources to blocks, in bounded time (stage: clean, for SourceDoc kind "markdown").

Takes: the Markdown body of a `.md` source (front matter already split off) and the line
its body starts on. Gives: `MarkdownBlocks(blocks, fallback)`: the blocks of the converted
document, or, when the source is too pathological for the converter, the source read line
by line as plain text, with `fallback` saying why (the caller warns, naming the file).

Why a guard: Python-Markdown is superlinear in some inline constructs and recursive in
block nesting. Measured on this machine (one paragraph each):
- brackets: 1,000 unclosed "[a" take 0.6 s, 2,000 take 2.4 s; 4,000 nested "[[[...]]]"
  4.2 s; "[a](b " x 4,000 (unclosed parentheses) 8.3 s. Each "[" scans to its "]" (or to the
  end of the paragraph), so the cost is the sum of those distances;
- inline HTML: 60,000 "<b>" in one paragraph (malformed/generated.jsonl gen-deep-b-60000)
  take 6-8 s, 20,000 take 1.8 s;
- backticks: 400 unmatched runs of different lengths on one 80 KB line take 1.2 s;
- nesting: 300 list levels indented by four spaces raise RecursionError.
The checks below are one linear pass; every limit is far beyond what an article needs.
A source that passes them converts in well under a second; one that does not is still
read, word for word, as a text dump.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown

from builder.clean.markup import blocks_from_fragment
from builder.clean.textblocks import text_blocks
from builder.model import Block

MAX_TAGS_PER_PARAGRAPH = 2_000
MAX_TAGS = 20_000
# Sum over "[" and "(" of the distance to the matching close (or to the paragraph's end),
# plus backtick runs times their line's length / 16 (a backtick scan is ~16x cheaper).
MAX_SCAN_COST = 400_000
MAX_NESTING = 32  # list levels (4 columns each) or ">" markers on one line

_BLANK = re.compile(r"^[\s>]*$")
_LEAD = re.compile(r"^[ \t>]*")
_TAG = re.compile(r"<[A-Za-z/!?]")
_BRACKET = re.compile(r"\\.|[\[\]()]")
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True, slots=True)
class MarkdownBlocks:
    blocks: tuple[Block, ...]
    fallback: str | None  # why the source was read as plain text, or None


def markdown_blocks(text: str, first_line: int = 1) -> MarkdownBlocks:
    """Convert Markdown to blocks, or read it as plain text when it is too complex."""
    reason = too_complex(text)
    if reason is None:
        try:
            # A fresh converter per document: markdown.Markdown keeps state between calls.
            html = markdown.Markdown(extensions=["extra"]).convert(text)
            return MarkdownBlocks(blocks_from_fragment(html), None)
        except RecursionError:
            reason = "nested too deeply for the Markdown converter"
        except Exception as err:  # noqa: BLE001 - a converter bug must not stop the build
            reason = f"the Markdown converter failed ({type(err).__name__})"
    return MarkdownBlocks(text_blocks(text, first_line), reason)


def too_complex(text: str) -> str | None:
    """Why converting this Markdown could take too long or recurse too deep, or None."""
    tags = 0
    cost = 0
    paragraph: list[str] = []
    start = 1
    for number, line in enumerate(text.split("\n"), start=1):
        if _BLANK.match(line):
            found = _paragraph_problem(paragraph, start)
            if isinstance(found, str):
                return found
            tags += found[0]
            cost += found[1]
            paragraph = []
            start = number + 1
            continue
        lead = _LEAD.match(line).group(0)  # type: ignore[union-attr]
        if lead.count(">") > MAX_NESTING or len(lead.expandtabs(4)) > 4 * MAX_NESTING:
            return f"line {number} nests more than {MAX_NESTING} levels"
        paragraph.append(line)
    found = _paragraph_problem(paragraph, start)
    if isinstance(found, str):
        return found
    tags += found[0]
    cost += found[1]
    if tags > MAX_TAGS:
        return f"{tags:,} HTML tags, over the {MAX_TAGS:,} a Markdown source may hold"
    if cost > MAX_SCAN_COST:
        return "too many unclosed or deeply nested brackets and backticks to convert in time"
    return None


def _paragraph_problem(lines: list[str], start: int) -> tuple[int, int] | str:
    """(tags, scan cost) of one paragraph, or why it alone is too complex."""
    if not lines:
        return 0, 0
    chunk = "\n".join(lines)
    tags = len(_TAG.findall(chunk))
    if tags > MAX_TAGS_PER_PARAGRAPH:
        return (
            f"the paragraph at line {start} holds {tags:,} HTML tags "
            f"(at most {MAX_TAGS_PER_PARAGRAPH:,})"
        )
    cost = _bracket_cost(chunk) + sum(_backtick_cost(line) for line in lines if "`" in line)
    if cost > MAX_SCAN_COST:
        return f"the paragraph at line {start} has too many unclosed or nested brackets"
    return tags, cost


def _bracket_cost(chunk: str) -> int:
    """Sum over "[" and "(" of the distance to their match, or to the end when unmatched."""
    if "[" not in chunk and "(" not in chunk:
        return 0
    cost = 0
    open_at: dict[str, list[int]] = {"[": [], "(": []}
    closes = {"]": "[", ")": "("}
    for match in _BRACKET.finditer(chunk):
        mark = match.group(0)
        if mark in open_at:
            open_at[mark].append(match.start())
        elif mark in closes and open_at[closes[mark]]:
            cost += match.start() - open_at[closes[mark]].pop()
    end = len(chunk)
    for stack in open_at.values():
        cost += sum(end - at for at in stack)
    return cost


def _backtick_cost(line: str) -> int:
    runs = len(_BACKTICKS.findall(line))
    return runs * len(line) // 16 if runs > 2 else 0
