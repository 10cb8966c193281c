"""Hand-built .xlsx files, hostile or broken, made in the test (small on disk, none stored).

`xlsx(sheets)` writes the minimal parts Excel needs around sheet XML given as
text: `{"DangVien": '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'}`.
"""

import io
import struct
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
# Style 0: General; style 1: a date (numFmtId 14, d/m/yyyy).
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
    f'<xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'
)


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row(headers: list[str]) -> str:
    cells = "".join(inline(f"{chr(65 + i)}1", h) for i, h in enumerate(headers))
    return f'<row r="1">{cells}</row>'


def sheet_xml(rows: str, dimension: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{dim}<sheetData>{rows}</sheetData></worksheet>'


def xlsx(
    sheets: dict[str, str], shared: list[str] | None = None, extra: dict | None = None
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        entries = "".join(
            f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(sheets, start=1)
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{entries}</sheets></workbook>',
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>'
        )
        z.writestr("xl/styles.xml", STYLES)
        for i, body in enumerate(sheets.values(), start=1):
            z.writestr(
                f"xl/worksheets/sheet{i}.xml", sheet_xml(body) if "<worksheet" not in body else body
            )
        if shared is not None:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>')
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def bomb_part(name: str, unpacked_mb: int) -> bytes:
    """An .xlsx whose part `name` unpacks to `unpacked_mb` MB of one repeated string.

    Written in chunks: a few hundred KB on disk and in memory at any time.
    """
    out = io.BytesIO(xlsx({"DangVien": header_row(["Mã đảng viên"])}))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open(name, "w", force_zip64=True) as part:
            part.write(f'<sst xmlns="{MAIN}">'.encode())
            chunk = b"<si><t>" + b"A" * 1000 + b"</t></si>"
            block = chunk * 1024
            for _ in range(unpacked_mb):
                part.write(block)
            part.write(b"</sst>")
    return out.getvalue()


def understate_size(data: bytes, name: str, declared: int) -> bytes:
    """The archive with `name`'s unpacked size in the central directory set to `declared`."""
    buf = bytearray(data)
    encoded = name.encode()
    at = 0
    while (at := buf.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack_from("<H", buf, at + 28)[0]
        if bytes(buf[at + 46 : at + 46 + length]) == encoded:
            struct.pack_into("<I", buf, at + 24, declared)
            return bytes(buf)
        at += 4
    raise AssertionError(f"no part {name}")
