"""Fitting text in a box: word wrap, then a smaller size, down to a legible minimum.

Pure: the caller passes `measure(text, size) -> width in pixels` (Pillow's
font.getlength in the renderer, a fake in unit tests), so this module knows
nothing of fonts or images.

The minimum sizes are the renderer's business (see draw.py: they are set
for reading at 3 metres). When even the minimum does not fit, the result
says how many characters to cut, or which single word is wider than the box
and how much of it fits on a line, so the officer gets a fix, not a shrug.

Line breaks (`break_lines`): as few lines as the box allows, then no line
ending with a short function word (« de », « ne », « sur », « l’ »…: it
belongs with the word after it) wherever another break can avoid it, then
lines of even length (no lone word left on the last line).
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
    long_word: str | None = None  # a single word wider than the box even at min_size
    word_fits: int = 0  # how many of its first characters fit on one line at min_size


# French words that belong with the word after them: a line should not end with one.
CLINGING = frozenset((
    "à", "au", "aux", "d’", "de", "des", "du", "en", "l’", "la", "le", "les", "un", "une",
    "et", "ou", "ni", "ne", "n’", "se", "s’", "sur", "sous", "par", "pour", "dans", "avec", "sans",
    "chez", "vers", "dès", "entre", "contre", "que", "qu’", "si", "ce", "c’", "cet", "cette", "ces",
    "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos",
    "leur", "leurs", "je", "j’", "tu", "il", "ils", "elle", "elles", "on", "nous", "vous",
    "me", "m’", "te", "t’", "y",
))


def clings(word: str) -> bool:
    """True for a short function word that should not end a line (« de », « ne », « l’ »…)."""
    core = word.casefold().replace("'", "’").lstrip("«“\"‘(\u00a0\u202f")
    return core in CLINGING or (len(core) <= 3 and core.endswith("’"))


def wrap(text: str, size: int, width: float, measure: Measure) -> list[str] | None:
    """Greedy word wrap of `text` at `size` into lines no wider than `width`.

    Explicit line breaks in `text` are kept; words are split at plain spaces
    only (never at a no-break space). Each word is measured once: a line's
    width is the sum of its words and spaces. Returns None when one word
    alone is wider than the box (the size must go down).
    """
    return _arranged(text, size, width, measure, lambda words, widths, space: _greedy(widths, width, space))


def _greedy(widths: list[float], width: float, space: float) -> list[tuple[int, int]]:
    """(start, end) of each line, filling each line as far as it goes."""
    breaks, start, line_width = [], 0, widths[0]
    for index in range(1, len(widths)):
        if line_width + space + widths[index] <= width:
            line_width += space + widths[index]
        else:
            breaks.append((start, index))
            start, line_width = index, widths[index]
    return [*breaks, (start, len(widths))]


def _arranged(text: str, size: int, width: float, measure: Measure, arrange) -> list[str] | None:
    """The lines of `text`, each paragraph broken by `arrange(words, widths, space)`; None when a
    word alone is wider than `width`."""
    measured = _measured(text, size, width, measure)
    if measured is None:
        return None
    space, paragraphs = measured
    lines: list[str] = []
    for words, widths in paragraphs:
        lines.extend(" ".join(words[start:end]) for start, end in arrange(words, widths, space))
    return lines


def _measured(text: str, size: int, width: float, measure: Measure):
    """(width of a space, [(words, their widths)] for each paragraph of `text`), each word
    measured once; None when one word alone is wider than `width`."""
    space = measure(" ", size)
    known: dict[str, float] = {}
    paragraphs = []
    for paragraph in text.split("\n"):
        words = [word for word in paragraph.split(" ") if word]
        if not words:
            continue
        for word in words:
            if word not in known:
                known[word] = measure(word, size)
            if known[word] > width:
                return None
        paragraphs.append((words, [known[word] for word in words]))
    return space, paragraphs


def break_lines(text: str, size: int, width: float, measure: Measure) -> list[str] | None:
    """The best line breaks of `text` at `size` in `width` (see the module docstring), or None.

    None when one word alone is wider than the box. Explicit line breaks are
    kept; words are split at plain spaces only. The choice is exact (dynamic
    programming over the break points of each paragraph), minimising, in this
    order: the number of lines, the lines ending with a function word, and
    the sum of the squared gaps at the end of every line.
    """
    return _arranged(text, size, width, measure, lambda words, widths, space:
                     best_breaks(widths, width, space, [clings(word) for word in words]))


def best_breaks(widths: list[float], width: float, space: float,
                clinging: list[bool] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of items of `widths` joined by `space`, every item no wider than `width`.

    Exact (dynamic programming), minimising in this order: the number of lines,
    the lines whose last item is `clinging` (but the last line), and the sum of
    the squared gaps at the end of every line, the last one included (even lines).
    """
    count = len(widths)
    clinging = clinging or [False] * count
    best: list[tuple[int, int, float] | None] = [None] * (count + 1)
    start_of = [0] * (count + 1)
    best[0] = (0, 0, 0.0)
    for end in range(1, count + 1):
        line_width = -space
        for start in range(end - 1, -1, -1):
            line_width += widths[start] + space
            if line_width > width and start < end - 1:
                break
            before = best[start]
            gap = width - line_width
            cost = (before[0] + 1, before[1] + (end < count and clinging[end - 1]), before[2] + gap * gap)
            if best[end] is None or cost < best[end]:
                best[end], start_of[end] = cost, start
    breaks, end = [], count
    while end > 0:
        breaks.append((start_of[end], end))
        end = start_of[end]
    return breaks[::-1]


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
    too_wide = next((word for word in text.split() if measure(word, min_size) > width), None)
    if too_wide is not None:
        return Overflow(chars_to_cut=0, min_size=min_size, long_word=too_wide,
                        word_fits=_fitting_prefix(too_wide, width, min_size, measure))
    return Overflow(chars_to_cut=_chars_to_cut(text, width, height, min_size, measure, line_spacing, max_lines),
                    min_size=min_size)


def _fitting_prefix(word: str, width: float, size: int, measure: Measure) -> int:
    """How many of `word`'s first characters fit in `width` at `size`."""
    low, high = 0, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle], size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _try(text, size, width, height, measure, line_spacing, max_lines, balance: bool = True) -> Fit | None:
    line_height = round(size * line_spacing)
    if line_height > height:
        return None
    # Quick refusal before wrapping: the lines can hold no more than their full width each.
    rows = max(1, int(height // line_height)) if max_lines is None else min(max_lines, int(height // line_height))
    if measure(text.replace("\n", " "), size) > width * rows:
        return None
    lines = wrap(text, size, width, measure)  # greedy: the fewest lines, cheaply
    if lines is None:
        return None
    if max_lines is not None and len(lines) > max_lines:
        return None
    if line_height * len(lines) > height:
        return None
    if balance and len(lines) > 1:  # the same number of lines, broken well (break_lines)
        lines = break_lines(text, size, width, measure) or lines
    return Fit(size, tuple(lines), line_height)


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
