"""Measuring and wrapping text as matplotlib prints it (fallback fonts
included), so that tables and paragraphs are laid out without clipping."""

from __future__ import annotations

import re
from functools import lru_cache

import matplotlib as mpl
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

LINE_SPACING = 1.25
CJK_WORD = 4   # characters: most Chinese words are shorter
_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
#: A word with the spaces or punctuation after it (a number's separators,
#: 7,273 or 0.46, do not break it), or a run of CJK characters (broken
#: between characters only when wider than a line).
_TOKEN = re.compile(
    rf"[{_WIDE}]+\s*|(?:\d+(?:[.,]\d+)+|[^\s._/,{_WIDE}-])*[\s._/,-]*")
_ALL_WIDE = re.compile(rf"[{_WIDE}]+")
_PATHS = TextToPath()


def line_height(size: float) -> float:
    """Points from one line of ``size``-point text to the next."""
    return LINE_SPACING * size


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` in the current rc fonts."""
    return _width(text, size, bold, tuple(mpl.rcParams["font.family"]))


@lru_cache(maxsize=50_000)
def _width(text: str, size: float, bold: bool,
           families: tuple[str, ...]) -> float:
    prop = FontProperties(family=list(families), size=size,
                          weight="bold" if bold else "normal")
    return _PATHS.get_text_width_height_descent(text, prop, ismath=False)[0]


def words(text: str) -> list[str]:
    """The narrowest pieces ``text`` may be broken into (see :func:`wrap`):
    its words, and each character of a CJK run longer than a word (a run
    of up to :data:`CJK_WORD` characters, a short heading, stays whole)."""
    pieces: list[str] = []
    for token in (t.strip() for t in _TOKEN.findall(str(text))):
        pieces += list(token) if _ALL_WIDE.fullmatch(token) and \
            len(token) > CJK_WORD else [token] if token else []
    return pieces


def wrap(text: str, size: float, width: float, bold: bool = False
         ) -> list[str]:
    """``text`` in lines no wider than ``width`` points, breaking at spaces,
    punctuation and between CJK characters; newlines are kept."""
    lines: list[str] = []
    width += 0.01   # a column sized to its text must hold it
    for paragraph in str(text).split("\n"):
        if text_width(paragraph, size, bold) <= width:
            lines.append(paragraph)
            continue
        lines += _fill(_TOKEN.findall(paragraph), size, width, bold)
    return lines


def _fill(tokens: list[str], size: float, width: float,
          bold: bool) -> list[str]:
    lines, current = [], ""
    for token in filter(None, tokens):
        if text_width((current + token).rstrip(), size, bold) <= width:
            current += token
            continue
        if current:
            lines.append(current.rstrip())
        current = token
        while len(current) > 1 and \
                text_width(current.rstrip(), size, bold) > width:
            cut = _longest_fit(current, size, width, bold)
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _longest_fit(text: str, size: float, width: float, bold: bool) -> int:
    """How many leading characters of ``text`` fit in ``width`` (at least
    one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle], size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return low
