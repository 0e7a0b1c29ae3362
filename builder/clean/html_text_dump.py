"""Turn a saved page into a plain-text dump, as a browser's "save as text" would.

Takes: HTML text.
Gives: its visible text, one block per line (script/style dropped, <br> and block tags
break lines), with no judgement about what is article and what is furniture. Used by the
benchmark's --text route, to measure the text cleaner on realistic dumps.
"""

from __future__ import annotations

import logging

from builder.clean.html_blocks import hidden_rule, parse_html, strip_silent, walk_blocks
from builder.clean.html_vocab import HtmlVocab, load_vocab

log = logging.getLogger(__name__)


def visible_text_lines(html: str, vocab: HtmlVocab | None = None) -> list[str]:
    """Every visible text block of the page, in reading order."""
    vocab = vocab if vocab is not None else load_vocab()
    try:
        root = parse_html(html)
    except Exception as exc:  # noqa: BLE001 - an unparsable page dumps to nothing
        log.warning("page could not be parsed for a text dump: %s", exc)
        return []
    strip_silent(root, vocab)
    body = root.find("body")
    # Hidden elements are judged only so they can be left out: a browser would not show them.
    blocks = walk_blocks(body if body is not None else root, vocab, hidden_rule)
    return [block.text for block in blocks if block.drop is None]
