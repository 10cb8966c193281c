"""The embedded fonts: DejaVu Sans and Serif, shipped in ``fonts/`` (licence beside them).

ReportLab's built-in fonts stop at Latin-1, so Vietnamese letters (ơ, ư, ạ, ế…)
would print as black boxes; a TrueType font embedded in the PDF prints them on
any machine, whether or not the font is installed there. The files are in the
package rather than read from /usr/share/fonts for that reason.
"""

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"

_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf"}
_FILES |= {SERIF: "DejaVuSerif.ttf", SERIF_BOLD: "DejaVuSerif-Bold.ttf"}


@cache
def register_fonts() -> None:
    """Register the four faces and their families with ReportLab, once per process.

    The families let ``<b>`` in a Paragraph pick the bold face. We ship no
    italic faces, so italic maps to the upright one rather than failing.
    """
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    for regular, bold in ((SANS, SANS_BOLD), (SERIF, SERIF_BOLD)):
        pdfmetrics.registerFontFamily(
            regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
        )
