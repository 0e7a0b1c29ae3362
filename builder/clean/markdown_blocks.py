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

# Python-Markdown stashes and re-splices the text for every inline match, so a paragraph's
# cost grows faster than its number of inline marks: 20,000 "*a" take 0.2 s, 262,144 take
# 163 s; 131,072 list items 11 s. Paragraph and document are capped in marks and length.
MAX_PARAGRAPH_CHARS = 50_000
# Block parsing re-splits a run of lines (no blank line between) once per heading, rule or
# list item in it: ~8 ns per line x character of the run ("a\n===\n" x 8,192 in one run:
# 6.8 s), and the document's lines cost more the more there are ("* a\n\n" x 32,768: 5.5 s).
MAX_RUN_WORK = 20_000_000  # lines x characters of one run
MAX_WORK = 50_000_000  # the same, summed over the document
MAX_LINES = 5_000  # non-blank lines
MAX_MARKS_PER_PARAGRAPH = 2_000
MAX_MARKS = 50_000
MAX_TAGS_PER_PARAGRAPH = 2_000
MAX_TAGS = 10_000
# Sum over "[" and "(" of the distance to the matching close (or to the paragraph's end),
# plus backtick runs times their line's length / 16 (a backtick scan is ~16x cheaper).
MAX_SCAN_COST = 400_000
MAX_NESTING = 32  # list levels (4 columns each) or ">" markers on one line
MAX_NESTING_WORK = 10_000  # those levels summed over all lines

_BLANK = re.compile(r"^[\s>]*$")
_LEAD = re.compile(r"^[ \t>]*")
_TAG = re.compile(r"<[A-Za-z/!?]")
_BRACKET = re.compile(r"\\.|[\[\]()]")
_BACKTICKS = re.compile(r"`+")
_MARKS = re.compile(r"[*_\[\]()`<>&\\!]")


@dataclass(frozen=True, slots=True)
class MarkdownBlocks:
    blocks: tuple[Block, ...]
    fallback: str | None  # why the source was read as plain text, or None


def markdown_blocks(text: str, first_line: int = 1) -> MarkdownBlocks:
    """Convert Markdown to blocks, or read it as plain text when it is too complex."""
    reason = too_complex(text, first_line)
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


def too_complex(text: str, first_line: int = 1) -> str | None:
    """Why converting this Markdown could take too long or recurse too deep, or None.

    Line numbers in the reason count from `first_line` (the body's line in its file)."""
    totals = [0, 0, 0, 0, 0]  # tags, marks, scan cost, lines, lines x characters
    levels = 0
    paragraph: list[str] = []
    start = first_line
    lines = text.split("\n")
    for number, line in enumerate(lines + [""], start=first_line):
        lead = _LEAD.match(line).group(0)  # type: ignore[union-attr]
        level = max(lead.count(">"), len(lead.expandtabs(4)) // 4)
        if level > MAX_NESTING:
            return f"line {number} nests more than {MAX_NESTING} levels"
        levels += level
        if levels > MAX_NESTING_WORK:
            return f"too many deeply nested lines (at line {number})"
        if not _BLANK.match(line):
            paragraph.append(line)
            continue
        found = _paragraph_problem(paragraph, start)
        if isinstance(found, str):
            return found
        totals = [a + b for a, b in zip(totals, found)]
        paragraph = []
        start = number + 1
    tags, marks, cost, lines_total, work = totals
    if lines_total > MAX_LINES:
        return f"{lines_total:,} lines, over the {MAX_LINES:,} a Markdown source may hold"
    if work > MAX_WORK:
        return "too many long runs of lines without a blank line between them"
    if marks > MAX_MARKS:
        return f"{marks:,} Markdown marks, over the {MAX_MARKS:,} a source may hold"
    if tags > MAX_TAGS:
        return f"{tags:,} HTML tags, over the {MAX_TAGS:,} a Markdown source may hold"
    if cost > MAX_SCAN_COST:
        return "too many unclosed or deeply nested brackets and backticks to convert in time"
    return None


def _paragraph_problem(lines: list[str], start: int) -> tuple[int, int, int, int, int] | str:
    """(tags, marks, scan cost, lines, lines x characters) of one run of lines (a paragraph,
    or a list or headings with no blank line between), or why it alone is too complex."""
    if not lines:
        return 0, 0, 0, 0, 0
    chunk = "\n".join(lines)
    if len(chunk) > MAX_PARAGRAPH_CHARS:
        return (
            f"the paragraph at line {start} is {len(chunk):,} characters long "
            f"(at most {MAX_PARAGRAPH_CHARS:,})"
        )
    work = len(lines) * len(chunk)
    if work > MAX_RUN_WORK:
        return f"the {len(lines):,} lines from line {start} have no blank line between them"
    marks = len(_MARKS.findall(chunk))
    if marks > MAX_MARKS_PER_PARAGRAPH:
        return (
            f"the paragraph at line {start} holds {marks:,} Markdown marks "
            f"(at most {MAX_MARKS_PER_PARAGRAPH:,})"
        )
    tags = len(_TAG.findall(chunk))
    if tags > MAX_TAGS_PER_PARAGRAPH:
        return (
            f"the paragraph at line {start} holds {tags:,} HTML tags "
            f"(at most {MAX_TAGS_PER_PARAGRAPH:,})"
        )
    cost = _bracket_cost(chunk) + sum(_backtick_cost(line) for line in lines if "`" in line)
    if cost > MAX_SCAN_COST:
        return f"the paragraph at line {start} has too many unclosed or nested brackets"
    return tags, marks, cost, len(lines), work


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
