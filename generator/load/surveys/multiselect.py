"""Split multi-select cells against the options, not blindly on the separator.

Google Forms joins ticked options with ", " although options may contain ", " themselves,
and appends the "Other" text as one more item. Without the form we learn the options from
the column: whole cells that are one option, then token pairs that always occur together.
"""

from __future__ import annotations

from collections import Counter

from generator.load.surveys.values import is_skip


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _tokens(cell: str, sep: str) -> list[str]:
    """Split on sep, re-joining pieces inside unbalanced brackets ('(e.g. A, B, C)')."""
    parts: list[str] = []
    for piece in cell.split(sep):
        if parts and not _balanced(parts[-1]):
            parts[-1] = parts[-1] + sep + piece
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


def split_known(cell: str, options: list[str], sep: str = ", ") -> tuple[list[str], str | None]:
    """Chosen options in cell order, and any text that is not an option ('Other')."""
    chosen: list[str] = []
    rest: list[str] = []
    text = cell.strip()
    by_length = sorted(options, key=len, reverse=True)
    while text:
        for option in by_length:
            if text == option or text.startswith(option + sep.rstrip()):
                chosen.append(option)
                text = text[len(option) :].lstrip(sep.strip()).strip()
                break
        else:
            head, _, tail = text.partition(sep)
            rest.append(head.strip())
            text = tail.strip()
    other = sep.join(r for r in rest if r) or None
    return chosen, other


def infer_options(cells: list[str], sep: str = ", ") -> list[str] | None:
    """The option list of a multi-select column, or None when it does not look like one."""
    values = [c.strip().rstrip(sep.strip()).strip() for c in cells if not is_skip(c)]
    values = [v for v in values if v]
    if len(values) < 3:
        return None
    split_cells = [_tokens(v, sep) for v in values]
    # Tokens always adjacent in the same order belong to one option ("small, easy to …").
    count: Counter[str] = Counter(t for toks in split_cells for t in toks)
    follows: dict[str, set[str | None]] = {}
    precedes: dict[str, set[str | None]] = {}
    for toks in split_cells:
        for i, tok in enumerate(toks):
            follows.setdefault(tok, set()).add(toks[i + 1] if i + 1 < len(toks) else None)
            precedes.setdefault(tok, set()).add(toks[i - 1] if i else None)
    merged: list[list[str]] = []
    for toks in split_cells:
        items: list[str] = []
        i = 0
        while i < len(toks):
            item = toks[i]
            while i + 1 < len(toks):
                nxt = toks[i + 1]
                glued = (
                    follows.get(toks[i]) == {nxt}
                    and precedes.get(nxt) == {toks[i]}
                    and count[nxt] >= 2
                )
                if glued:
                    item, i = item + sep + nxt, i + 1
                else:
                    break
            items.append(item)
            i += 1
        merged.append(items)
    if sum(1 for items in merged if len(items) > 1) < 2:
        return None  # one answer per cell: a single-choice or text question
    freq: Counter[str] = Counter(item for items in merged for item in items)
    recurring = {item for item, n in freq.items() if n >= 2 and not is_skip(item)}
    occurrences = sum(freq.values())
    covered = sum(n for item, n in freq.items() if item in recurring)
    # Free-text answers that happen to contain commas do not repeat; options do.
    if covered / occurrences < 0.8 or len(recurring) > max(30, len(values) // 2):
        return None
    ordered: list[str] = []
    for items in merged:
        for item in items:
            if item in recurring and item not in ordered:
                ordered.append(item)
    return ordered
