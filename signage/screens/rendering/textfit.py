"""Fitting text in a box: word wrap, then a smaller size, down to a legible minimum.

Pure: the caller passes `measure(text, size) -> width in pixels` (Pillow's
font.getlength in the renderer, a fake in unit tests), so this module knows
nothing of fonts or images.

The minimum sizes are the renderer's business (see render.py: they are set
for reading at 3 metres). When even the minimum does not fit, the result
says how many characters to cut, so the officer gets a fix, not a shrug.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Measure = Callable[[str, int], float]


@dataclass(frozen=True)
class Fit:
    size: int  # font size in pixels
    lines: tuple[str, ...]
    line_height: int  # pixels between baselines

    @property
    def height(self) -> int:
        return self.line_height * len(self.lines)


@dataclass(frozen=True)
class Overflow:
    chars_to_cut: int  # at least this many characters must go for the text to fit at min_size
    min_size: int


def wrap(text: str, size: int, width: float, measure: Measure) -> list[str] | None:
    """Greedy word wrap of `text` at `size` into lines no wider than `width`.

    Explicit line breaks in `text` are kept; words are split at plain spaces
    only (never at a no-break space). Each word is measured once: a line's
    width is the sum of its words and spaces. Returns None when one word
    alone is wider than the box (the size must go down).
    """
    space = measure(" ", size)
    widths: dict[str, float] = {}
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = [word for word in paragraph.split(" ") if word]
        if not words:
            continue
        current: list[str] = []
        current_width = 0.0
        for word in words:
            if word not in widths:
                widths[word] = measure(word, size)
            word_width = widths[word]
            if word_width > width:
                return None
            candidate = current_width + space + word_width if current else word_width
            if candidate <= width:
                current.append(word)
                current_width = candidate
            else:
                lines.append(" ".join(current))
                current, current_width = [word], word_width
        lines.append(" ".join(current))
    return lines


def fit(text: str, width: float, height: float, max_size: int, min_size: int, measure: Measure,
        line_spacing: float = 1.15, max_lines: int | None = None, step: int = 2,
        explain: bool = True) -> Fit | Overflow:
    """The largest size from max_size down to min_size at which `text` fits the box.

    A size fits when every word fits the width, the wrapped lines fit the
    height (line_spacing × size each) and, if given, there are no more than
    max_lines lines. With explain=False an Overflow does not count the
    characters to cut (cheaper, for a first attempt).
    """
    text = "\n".join(" ".join(w for w in line.split(" ") if w) for line in text.strip().split("\n"))
    size = max_size
    while size >= min_size:
        layout = _try(text, size, width, height, measure, line_spacing, max_lines)
        if layout is not None:
            return layout
        if size == min_size:
            break
        size = max(min_size, size - step)
    if not explain:
        return Overflow(chars_to_cut=0, min_size=min_size)
    return Overflow(chars_to_cut=_chars_to_cut(text, width, height, min_size, measure, line_spacing, max_lines),
                    min_size=min_size)


def _try(text, size, width, height, measure, line_spacing, max_lines, balance: bool = True) -> Fit | None:
    line_height = round(size * line_spacing)
    if line_height > height:
        return None
    # Quick refusal before wrapping: the lines can hold no more than their full width each.
    rows = max(1, int(height // line_height)) if max_lines is None else min(max_lines, int(height // line_height))
    if measure(text.replace("\n", " "), size) > width * rows:
        return None
    lines = wrap(text, size, width, measure)
    if lines is None:
        return None
    line_height = round(size * line_spacing)
    if max_lines is not None and len(lines) > max_lines:
        return None
    if line_height * len(lines) > height:
        return None
    return Fit(size, _balanced(text, size, width, measure, lines) if balance else tuple(lines), line_height)


def _balanced(text, size, width, measure, lines) -> tuple[str, ...]:
    """The same number of lines, with the narrowest box: no lone word on the last line."""
    if len(lines) < 2:
        return tuple(lines)
    low, high = width * 0.4, width
    best = lines
    for _ in range(10):
        middle = (low + high) / 2
        attempt = wrap(text, size, middle, measure)
        if attempt is not None and len(attempt) <= len(lines):
            best, high = attempt, middle
        else:
            low = middle
    return tuple(best)


def _chars_to_cut(text, width, height, size, measure, line_spacing, max_lines) -> int:
    """How many characters must go (cutting at the end, on a word boundary) to fit at `size`."""
    words = text.split(" ")
    low, high = 0, len(words)  # the longest prefix of words that fits: binary search
    while low < high:
        middle = (low + high + 1) // 2
        prefix = " ".join(words[:middle])
        if _try(prefix, size, width, height, measure, line_spacing, max_lines, balance=False) is not None:
            low = middle
        else:
            high = middle - 1
    kept = len(" ".join(words[:low]))
    return max(1, len(text) - kept)


def shorten(text: str, width: float, height: float, size: int, measure: Measure,
            line_spacing: float = 1.15, max_lines: int | None = None, ellipsis: str = "…") -> Fit:
    """Cut `text` on a word boundary (adding an ellipsis) until it fits at `size`.

    For wording the officer did not write (Pelican's automatic summary):
    shortened rather than refused.
    """
    words = [word for word in text.split(" ") if word]

    def attempt(count: int) -> Fit | None:
        candidate = " ".join(words[:count]) + ("" if count == len(words) else ellipsis)
        return _try(candidate, size, width, height, measure, line_spacing, max_lines, balance=False)

    best = attempt(len(words))
    if best is not None:
        return best
    low, high = 0, len(words) - 1  # fewer words never fit worse: binary search the most that fit
    while low < high:
        middle = (low + high + 1) // 2
        if attempt(middle) is not None:
            low = middle
        else:
            high = middle - 1
    return (attempt(low) if low else None) or Fit(size, (), round(size * line_spacing))
