"""What changed on the server since a package was issued, said row by row.

The package file kept on the server holds the carried rows as they were at
export; the server's rows now are compared with them. Any difference means
someone worked on the congress on the server while the hall counted offline: the
return is then refused, naming what differs, rather than one side silently
overwriting the other.
"""

from . import fileformat, rows
from .export import server_snapshot, state_digest

MAX_SHOWN = 20


def _name(label: str) -> str:
    return str(rows.model(label)._meta.verbose_name)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _row_changes(label: str, ref: str, was: dict, now: dict) -> list[str]:
    out = []
    for field in sorted(set(was["f"]) | set(now["f"])):
        before, after = was["f"].get(field), now["f"].get(field)
        if before != after:
            out.append(
                f"{_name(label)} {ref}: trường {field} lúc xuất gói {_short(before)}, "
                f"nay {_short(after)}"
            )
    return out


def differences(exported: dict, current: dict) -> list[str]:
    out = []
    for label in rows.LABELS:
        was = {item["id"]: item for item in exported.get(label, [])}
        now = {item["id"]: item for item in current.get(label, [])}
        for ref in sorted(was.keys() - now.keys()):
            out.append(f"{_name(label)} {ref}: đã bị xóa trên máy chủ sau khi xuất gói")
        for ref in sorted(now.keys() - was.keys()):
            out.append(f"{_name(label)} {ref}: được thêm trên máy chủ sau khi xuất gói")
        for ref in sorted(was.keys() & now.keys()):
            out.extend(_row_changes(label, ref, was[ref], now[ref]))
    return out


def server_changes(package, issued: dict) -> list[str]:
    """Differences between the server's rows now and `issued` (the kept package's data):
    none when the digest recorded at export still matches, else named row by row."""
    current = server_snapshot(package.congress)
    if state_digest(current) == package.state_digest:
        return []
    return differences(issued["rows"], current) or ["mã băm trạng thái khác lúc xuất gói"]


class ServerChanged(fileformat.HallFileError):
    def __init__(self, changes: list[str]):
        shown = changes[:MAX_SHOWN]
        more = f" (và {len(changes) - MAX_SHOWN} thay đổi khác)" if len(changes) > MAX_SHOWN else ""
        super().__init__(
            "server_changed",
            "Trên máy chủ, đại hội đã thay đổi sau khi xuất gói; không nhận kết quả hội trường: "
            + "; ".join(shown)
            + more,
        )
        self.changes = changes
