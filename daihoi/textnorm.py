"""Text folding for search: "Nguyễn Văn Ấn" and "nguyen van an" meet in the middle."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese tone and vowel marks, đ → d, collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped).strip().lower()


def nfc(text: str) -> str:
    """Normalise to NFC and tidy spaces: what we store for every name."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
