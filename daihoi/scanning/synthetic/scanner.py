"""What an office scanner does to a sheet, and the PDF of JPEG pages it makes
(see ``daihoi.scanning.synthetic``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

CRUMPLE_MM = 0.25  # the largest displacement of a crumpled sheet at severity 1


@dataclass(frozen=True)
class Scanner:
    """An office scanner's ranges at severity 1. The default is the scanner both the tuning
    and the held-out sets were made with (its draws, and so its pages, never change); another
    (``conditions.OTHER_SCANNER``) checks the reader on a machine it was not tuned on."""

    rotation: float = 3.0  # degrees either way
    scale: float = 0.02  # either way
    perspective: float = 0.003  # each corner's own shift, a share of the page's long side
    quality: tuple[float, float] | None = None  # JPEG; None: 90 - 35 × severity … 92
    paper_low: float | None = None  # the darkest paper grey; None: 252 - 37 × severity
    salt: tuple[float, float] = (0.0, 0.0)  # share of pixels a noisy sensor turns black or white
    shadow: tuple[float, float] = (0.0, 0.0)  # light lost along one edge (a lid left open)


SCANNER = Scanner()


def simulate_scan(
    image: np.ndarray,
    rng: np.random.Generator,
    *,
    severity: float = 1.0,
    upside_down: bool = False,
    scanner: Scanner = SCANNER,
) -> np.ndarray:
    """What an office scanner returns for the paper ``image``, decoded (see ``scan_jpeg``)."""
    jpeg = scan_jpeg(image, rng, severity=severity, upside_down=upside_down, scanner=scanner)
    return decode_scan(jpeg)


def decode_scan(jpeg: bytes) -> np.ndarray:
    """The grey page of a scan's JPEG bytes (the same pixels ``simulate_scan`` returned)."""
    return cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)


def scan_jpeg(
    image: np.ndarray,
    rng: np.random.Generator,
    *,
    severity: float = 1.0,
    upside_down: bool = False,
    scanner: Scanner = SCANNER,
) -> bytes:
    """The JPEG an office scanner makes of the paper ``image``: a sheet slightly crumpled
    (smooth displacements up to 0.25 mm), turned a little (±3°), scaled (±2 %), shifted,
    in slight perspective, on the scanner's background, with the paper's tone and the
    lamp's unevenness, blur, sensor noise and JPEG artefacts."""
    h, w = image.shape
    sev, sc = severity, scanner
    low = 252 - 37 * sev if sc.paper_low is None else sc.paper_low
    paper, black = rng.uniform(low, 252), rng.uniform(8, 15 + 40 * sev)
    page = _crumple(image.astype(np.float32), rng, rng.uniform(0, CRUMPLE_MM * sev) * w / 210)
    page = page * ((paper - black) / 255) + black
    shade = np.linspace(1 - rng.uniform(0, 0.05) * sev, 1, w, dtype=np.float32)
    page *= shade if rng.random() < 0.5 else shade[::-1]
    border = int(0.03 * max(h, w))
    out_w, out_h = w + 2 * border, h + 2 * border
    angle = math.radians(rng.uniform(-sc.rotation, sc.rotation) * sev)
    angle += math.pi if upside_down else 0
    scale = 1 + rng.uniform(-sc.scale, sc.scale) * sev
    shift = rng.uniform(-0.4, 0.4, 2) * border
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    centred = (corners - (w / 2, h / 2)) * scale
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    target = centred @ rot.T + (out_w / 2, out_h / 2) + shift
    target += rng.uniform(-sc.perspective, sc.perspective, (4, 2)) * max(h, w) * sev
    matrix = cv2.getPerspectiveTransform(corners, np.float32(target))
    background = float(
        rng.choice([rng.uniform(40, 110), rng.uniform(150, 200), rng.uniform(235, 250)])
    )
    scan = cv2.warpPerspective(
        page, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=background
    )
    sigma = rng.uniform(0.3, 0.6 + 0.5 * sev)
    scan = cv2.GaussianBlur(scan, (0, 0), sigma)
    scan += rng.standard_normal(scan.shape, dtype=np.float32) * rng.uniform(1, 1 + 4 * sev)
    low, high = (90 - 35 * sev, 92) if sc.quality is None else sc.quality
    quality = int(rng.uniform(low, high))
    # Drawn only by a scanner that has them, after every draw the default one makes.
    if sc.shadow[1] > 0:
        scan = _shadow(scan, rng, rng.uniform(*sc.shadow))
    if sc.salt[1] > 0:
        _salt(scan, rng, rng.uniform(*sc.salt))
    ok, jpeg = cv2.imencode(
        ".jpg", np.clip(scan, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, quality]
    )
    return jpeg.tobytes()


def _shadow(scan: np.ndarray, rng: np.random.Generator, depth: float) -> np.ndarray:
    """``depth`` of the light lost at one edge, fading over 2–6 cm (a lid not quite shut)."""
    h, w = scan.shape
    reach = int(rng.uniform(0.1, 0.3) * min(h, w))
    fade = 1 - depth * np.linspace(1, 0, reach, dtype=np.float32) ** 2
    edge = int(rng.integers(4))
    out = np.rot90(scan, edge).copy()
    out[:, :reach] *= fade[None, :]
    return np.ascontiguousarray(np.rot90(out, -edge))


def _salt(scan: np.ndarray, rng: np.random.Generator, share: float) -> None:
    """``share`` of the pixels turned black or white (a noisy or dusty sensor), in place."""
    hit = rng.random(scan.shape, dtype=np.float32) < share
    scan[hit] = rng.choice(np.array([0.0, 255.0], np.float32), int(hit.sum()))


def _crumple(page: np.ndarray, rng: np.random.Generator, amplitude: float) -> np.ndarray:
    """``page`` displaced by two smooth waves (``amplitude`` pixels, 8–25 cm long), as a
    sheet that was folded into the ballot box does not lie quite flat."""
    if amplitude < 0.05:
        return page
    h, w = page.shape
    step = 16
    gy, gx = np.mgrid[0 : h + step : step, 0 : w + step : step].astype(np.float32)
    waves = [
        amplitude
        * np.sin(gy / (rng.uniform(80, 250) * w / 210 / (2 * math.pi)) + rng.uniform(0, 6))
        * np.cos(gx / (rng.uniform(80, 250) * w / 210 / (2 * math.pi)) + rng.uniform(0, 6))
        for _ in range(2)
    ]
    size = (gx.shape[1] * step, gy.shape[0] * step)
    dx, dy = (cv2.resize(v, size, interpolation=cv2.INTER_LINEAR)[:h, :w] for v in waves)
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(page, xs + dx, ys + dy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def scanned_pdf(images: list[np.ndarray], dpi: int = 200, quality: int = 85) -> bytes:
    """A PDF of grey JPEG pages, one image per page at ``dpi``, as an office scanner makes."""
    objects: list[bytes] = []
    kids = []
    for image in images:
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        h, w = image.shape[:2]
        pw, ph = w * 72 / dpi, h * 72 / dpi
        n = len(objects) + 3  # objects 1 and 2 are the catalogue and the page tree
        content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
        objects.append(
            f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
            f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n".encode()
            + jpeg.tobytes()
            + b"\nendstream"
        )
        objects.append(
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] "
            f"/Resources << /XObject << /Im0 {n} 0 R >> >> /Contents {n + 1} 0 R >>".encode()
        )
        kids.append(f"{n + 2} 0 R")
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode(),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(head + objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
