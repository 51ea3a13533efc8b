"""Fonts for the report: DejaVu Sans, then a fallback for each other script
in the report's text (e.g. Chinese zone names), found among the installed
fonts with matplotlib's font manager.

Where no installed font covers some characters, :func:`choose_fonts` says
so in one :class:`FontWarning` naming the script and the font to install,
instead of letting them print as empty boxes.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from ..model.language import N_, tr

BASE_FAMILY = "DejaVu Sans"
CJK = N_("Chinese, Japanese or Korean (CJK)")
#: Fonts to try first per script, best first; any other installed font
#: that covers the text is used when none of these is installed.
PREFERRED = {
    CJK: ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN",
          "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
          "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei",
          "Noto Sans CJK JP", "Droid Sans Fallback"),
}
INSTALL = {CJK: "fonts-noto-cjk"}
DEFAULT_INSTALL = "fonts-noto-core"
#: Unicode name prefixes that belong to the CJK scripts.
_CJK_PREFIXES = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC",
                 "FULLWIDTH", "HALFWIDTH", "BOPOMOFO")
_NOT_TEXT_FONTS = ("Last Resort", "STIX", "cm", "DejaVu Math")


class FontWarning(UserWarning):
    """Some of the report's text has no installed font."""


@dataclass(frozen=True)
class Fonts:
    """Font families to print with, and characters none of them covers."""

    families: tuple[str, ...]
    missing: frozenset[str]

    def covers(self, text: str) -> bool:
        """True when every character of ``text`` prints."""
        return not self.missing.intersection(text)

    def warnings(self) -> list[str]:
        """One message per script that cannot be printed, in the current
        language."""
        by_script: dict[str, list[str]] = {}
        for char in sorted(self.missing):
            by_script.setdefault(script(char), []).append(char)
        return [tr("no installed font has the {script} characters in this "
                   "report ({chars}), so names in that script are printed "
                   "in another form the plan holds (e.g. a Latin name) or, "
                   "where it has none, as empty boxes. Fix: install a font "
                   "for them, e.g. 'sudo apt install {package}' (Debian, "
                   "Ubuntu) or Noto Sans from fonts.google.com/noto, then "
                   "make the report again").format(
                       script=tr(CJK) if name == CJK else name,
                       chars="".join(chars[:8]),
                       package=INSTALL.get(name, DEFAULT_INSTALL))
                for name, chars in by_script.items()]


def script(char: str) -> str:
    """The script of ``char`` as named in messages, e.g. 'Arabic'."""
    name = unicodedata.name(char, "UNKNOWN")
    if name.startswith(_CJK_PREFIXES):
        return CJK
    return name.split()[0].capitalize()


def choose_fonts(texts: Iterable[str]) -> Fonts:
    """DejaVu Sans and, for characters it lacks, the installed font that
    covers them (preferred fonts first); see :class:`Fonts`."""
    chars = {c for text in texts for c in str(text)
             if c.isprintable() and not c.isspace()}
    missing = chars - _charmap(_path_of(BASE_FAMILY))
    families = [BASE_FAMILY]
    for name in sorted({script(c) for c in missing}):
        wanted = {c for c in missing if script(c) == name}
        family = _best_font(wanted, PREFERRED.get(name, ()))
        if family:
            families.append(family)
            missing -= _charmap(_path_of(family))
    return Fonts(tuple(dict.fromkeys(families)), frozenset(missing))


def warn_missing(fonts: Fonts) -> None:
    """Emit one FontWarning per script ``fonts`` cannot print."""
    for message in fonts.warnings():
        warnings.warn(message, FontWarning, stacklevel=3)


def _best_font(chars: set[str], preferred: tuple[str, ...]) -> str | None:
    """The family covering most of ``chars``: preferred ones first, then
    sans before serif before mono; None when none covers any."""
    _add_new_system_fonts()
    rank = {name: i for i, name in enumerate(preferred)}
    entries = sorted(
        (f for f in font_manager.fontManager.ttflist
         if f.style == "normal" and not f.name.startswith(_NOT_TEXT_FONTS)),
        key=lambda f: (rank.get(f.name, len(rank)), "Serif" in f.name,
                       "Mono" in f.name, abs(_weight(f.weight) - 400),
                       f.name))
    best, covered = None, 0
    for entry in entries:
        count = len(chars & _charmap(entry.fname))
        if count > covered:
            best, covered = entry.name, count
        if covered == len(chars):
            break
    return best


def _weight(weight: int | str) -> int:
    return weight if isinstance(weight, int) else \
        font_manager.weight_dict.get(weight, 400)


@cache
def _add_new_system_fonts() -> None:
    """Register fonts installed since matplotlib cached its font list."""
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue   # a font file FreeType cannot read


def _path_of(family: str) -> str:
    return font_manager.findfont(font_manager.FontProperties(family=family))


@cache
def _charmap(path: str) -> frozenset[str]:
    """The characters a font file has glyphs for."""
    try:
        return frozenset(map(chr, FT2Font(path).get_charmap()))
    except (OSError, RuntimeError, ValueError):
        return frozenset()
