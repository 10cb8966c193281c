"""Read back the PDFs we print, with poppler's command-line tools (poppler-utils).

Tests that need them skip with the reason when the binaries are absent
(install with `apt-get install -y poppler-utils`; `make test` does it), except
under CI, where a missing tool fails the run instead of hiding the tests.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
import pytest

POINTS_PER_MM = 72 / 25.4


def need_poppler() -> None:
    for binary in ("pdftotext", "pdftoppm", "pdfinfo"):
        if shutil.which(binary) is None:
            message = f"{binary} not found: apt-get install -y poppler-utils"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)


def _run(pdf: bytes, *command: str) -> bytes:
    need_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        args = [part.replace("{pdf}", str(path)) for part in command]
        return subprocess.run(args, check=True, capture_output=True, timeout=60).stdout


def pdf_text(pdf: bytes) -> str:
    return _run(pdf, "pdftotext", "-layout", "-enc", "UTF-8", "{pdf}", "-").decode()


def page_count(pdf: bytes) -> int:
    info = _run(pdf, "pdfinfo", "{pdf}").decode()
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def render(pdf: bytes, dpi: int = 150, page: int = 1) -> np.ndarray:
    """The page as a grey image (0 black … 255 white)."""
    png = _run(
        pdf, "pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray", "-png", "{pdf}"
    )
    return cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)


def words(pdf: bytes) -> list[tuple[str, float, float, float, float]]:
    """Every word of page 1 with its box in mm from the top-left: (word, x0, y0, x1, y1)."""
    html = _run(pdf, "pdftotext", "-bbox", "-f", "1", "-l", "1", "{pdf}", "-").decode()
    out = []
    for line in html.splitlines():
        line = line.strip()
        if not line.startswith("<word "):
            continue
        attrs = dict(part.split("=", 1) for part in line[6 : line.index(">")].split())
        box = [float(attrs[k].strip('"')) / POINTS_PER_MM for k in ("xMin", "yMin", "xMax", "yMax")]
        out.append((line[line.index(">") + 1 : line.rindex("<")], *box))
    return out


def pixel(image: np.ndarray, x_mm: float, y_mm: float, dpi: int = 150) -> int:
    return int(image[round(y_mm / 25.4 * dpi), round(x_mm / 25.4 * dpi)])
