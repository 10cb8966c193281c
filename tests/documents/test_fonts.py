"""The fonts travel with the code and carry every Vietnamese letter."""

from reportlab.pdfbase import pdfmetrics

from daihoi.documents.fonts import FONT_DIR, SANS, SANS_BOLD, SERIF, SERIF_BOLD, register_fonts

# Every base letter with every tone, both cases, plus đ/Đ.
VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def vietnamese_letters() -> set[str]:
    import unicodedata

    letters = {"đ", "Đ"}
    for vowel in VOWELS:
        for tone in ("", *TONES):
            for case in (vowel, vowel.upper()):
                letters.add(unicodedata.normalize("NFC", case + tone))
    return letters


def test_it_ships_the_four_faces_and_their_licence():
    for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif", "DejaVuSerif-Bold"):
        assert (FONT_DIR / f"{name}.ttf").stat().st_size > 100_000
    licence = (FONT_DIR / "LICENSE-DejaVu.txt").read_text()
    assert "Bitstream" in licence and "Permission is hereby granted" in licence


def test_it_registers_once_and_covers_every_vietnamese_letter():
    register_fonts()
    register_fonts()  # a second call is a no-op, not an error
    letters = vietnamese_letters()
    assert len(letters) == 2 + 12 * 6 * 2
    for name in (SANS, SANS_BOLD, SERIF, SERIF_BOLD):
        covered = pdfmetrics.getFont(name).face.charToGlyph
        missing = sorted(ch for ch in letters if ord(ch) not in covered)
        assert not missing, f"{name} lacks {missing}"
