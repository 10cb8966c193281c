"""Vietnamese alphabetical order of full names, for the ballot list.

The ballot lists the candidates' full names in alphabetical order (A, B, C…);
no party text found gives the tie-breaks, so we follow the State guidance on
printing ballots: compare the given name (tên, the last word) first, then the
family name (họ, the first word), then the middle name(s) (tên đệm). The
convention is a parameter: ``order="given_family_middle"`` (default) or
``order="as_written"`` (word by word, family name first).

Inside one word the order is that of Unicode CLDR's ``vi`` tailoring:

* letters (primary): a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
  the letters foreign names bring keep their Latin places
  (f after ê, j after i, w after v, z after y);
* tones (secondary, only when the letters are equal):
  none < huyền (`) < hỏi (ˀ) < ngã (~) < sắc (´) < nặng (.).

So the base letters decide first and the tones second: Anh < Ánh < Ân < Ấn,
Dũng < Đức, U < Ư, O < Ô < Ơ. Each word is compared completely (letters,
then tones) before the next word is looked at, because the guidance compares
"the given name" as a unit before the family name.

Case is ignored, NFC and NFD input give the same key, and sorting is stable:
names that compare equal keep the order they were given in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

ORDERS = ("given_family_middle", "as_written")

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_WEIGHT = {letter: 200 + i for i, letter in enumerate(_ALPHABET)}

# A base letter plus one of these marks is a letter of its own in Vietnamese.
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_COMPOSED_LETTERS = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}
# Tone marks, in CLDR vi order: huyền, hỏi, ngã, sắc, nặng (no mark = 0).
_TONE_WEIGHT = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_Letter = tuple[int, tuple[int, ...]]  # (primary weight, (tone, other marks…))
WordKey = tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]


def split_name(full_name: str) -> tuple[str, str, str]:
    """HĐBCQG 2021 ballot guidance (họ, tên đệm, tên): split into (family, middle, given).

    The family name is the first word, the given name the last, the middle
    name(s) what lies between, joined by single spaces. A one-word name has
    only a given name. Words are returned in NFC.
    """
    words = _words(full_name)
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def sort_key(full_name: str, order: str = "given_family_middle") -> tuple:
    """CLDR vi collation with HĐBCQG 2021 ballot guidance: the key that orders a full name.

    ``given_family_middle``: (given, family, middle words…);
    ``as_written``: every word in the order written. Each word's key compares
    its letters first and its tones second (see the module docstring).
    """
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; expected one of {ORDERS}")
    words = _words(full_name)
    if order == "as_written":
        return tuple(word_key(word) for word in words)
    family, middle, given = split_name(full_name)
    middle_keys = tuple(word_key(word) for word in middle.split())
    return (word_key(given), word_key(family), middle_keys)


def sort_names(names: Iterable[str], order: str = "given_family_middle") -> list[str]:
    """HĐBCQG 2021 ballot guidance, CLDR vi: the names in ballot order, stable, unchanged."""
    return sorted(names, key=lambda name: sort_key(name, order))


def word_key(word: str) -> WordKey:
    """CLDR vi collation (standard tailoring): one word's key, letters then tones."""
    letters = _letters(word)
    primary = tuple(weight for weight, _ in letters)
    secondary = tuple(marks for _, marks in letters)
    return primary, secondary


def _words(full_name: str) -> list[str]:
    words = unicodedata.normalize("NFC", full_name).split()
    if not words:
        raise ValueError("a full name needs at least one word")
    return words


def _letters(word: str) -> list[_Letter]:
    """Group the decomposed word into base characters with their combining marks."""
    groups: list[list[str]] = []
    for char in unicodedata.normalize("NFD", word.casefold()):
        if unicodedata.combining(char) and groups:
            groups[-1].append(char)
        else:
            groups.append([char])
    return [_letter(group[0], group[1:]) for group in groups]


def _letter(base: str, marks: list[str]) -> _Letter:
    tone = 0
    others: list[int] = []
    for mark in marks:
        composed = _COMPOSED_LETTERS.get((base, mark))
        if composed is not None:
            base = composed
        elif mark in _TONE_WEIGHT and tone == 0:
            tone = _TONE_WEIGHT[mark]
        else:
            others.append(ord(mark))
    return _primary_weight(base), (tone, *others)


def _primary_weight(char: str) -> int:
    """Punctuation before digits before letters, as CLDR root does; other scripts last."""
    if char in _LETTER_WEIGHT:
        return _LETTER_WEIGHT[char]
    if char.isdigit():
        return 100 + unicodedata.digit(char, 0)
    if not char.isalnum():
        return 1 + min(ord(char), 98)
    return 1000 + ord(char)
