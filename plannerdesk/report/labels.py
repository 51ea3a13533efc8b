"""Names as the report prints them.

A feature's ``name`` is the key the results use; other ``name_*`` fields
(e.g. ``name_zh`` or ``name_en``) are the same name in other scripts. A
label shows the name and, after it, the first other form in a different
script, where the fonts print them; a name the fonts cannot print is
replaced by a form they can (e.g. its Latin form) when the plan has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from ..model.plan import Plan


class Fonts(Protocol):
    """What prints the labels (e.g. :class:`.fonts.Fonts`)."""

    def covers(self, text: str) -> bool: ...


class AnyScript:
    """Fonts that print every script (Qt falls back font by font)."""

    def covers(self, text: str) -> bool:
        return True

NAMED_LAYERS = ("site", "zones", "parking")


def name_forms(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Every name in the named layers with its other forms, name first."""
    forms: dict[str, tuple[str, ...]] = {}
    for layer in (plan[name] for name in NAMED_LAYERS):
        columns = ["name"] + [c for c in layer.columns
                              if str(c).startswith("name_")]
        for row in layer[columns].itertuples(index=False):
            texts = [_text(value) for value in row]
            if texts[0]:
                forms.setdefault(texts[0], tuple(dict.fromkeys(
                    t for t in texts if t)))
    return forms


def _text(value) -> str:
    """``value`` as stripped text; '' for None or NaN."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def texts_of(forms: dict[str, tuple[str, ...]]) -> Iterable[str]:
    """Every form of every name (what the fonts must cover)."""
    return (text for texts in forms.values() for text in texts)


@dataclass(frozen=True)
class Labels:
    """Printable labels for the plan's names."""

    parts: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, forms: dict[str, tuple[str, ...]], fonts: Fonts) -> "Labels":
        """The labels of ``forms`` (see :func:`name_forms`) for ``fonts``."""
        parts = {}
        for name, texts in forms.items():
            printable = [t for t in texts if fonts.covers(t)]
            if not printable:
                parts[name] = (name,)
            elif printable[0] != name:
                parts[name] = (printable[0],)
            else:
                other = [t for t in printable[1:] if _script_differs(name, t)]
                parts[name] = (name, *other[:1])
        return cls(parts)

    def line(self, name) -> str:
        """``name`` and its other form on one line."""
        text = _text(name)
        return " ".join(self.parts.get(text, (text,)))

    def block(self, name) -> str:
        """``name`` with its other form on a second line (for maps)."""
        text = _text(name)
        return "\n".join(self.parts.get(text, (text,)))

    def text(self, sentence: str) -> str:
        """``sentence`` with names the fonts cannot print replaced by their
        printable form."""
        for name in sorted(self.parts, key=len, reverse=True):
            if self.parts[name][0] != name:
                sentence = sentence.replace(name, self.parts[name][0])
        return sentence


def _script_differs(first: str, second: str) -> bool:
    """True when ``second`` uses characters outside basic Latin where
    ``first`` does not, or the other way round (not a mere spelling)."""
    return first.isascii() != second.isascii()
