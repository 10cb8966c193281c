"""Terms of office, and what a congress may elect when the higher committee appointed its committee.

Terms (nhiệm kỳ)
- A term is named by its first and last years, "2025-2030". Party congresses of
  the province, the district level and the grassroots meet once every five years;
  a cell under a grassroots committee (chi bộ trực thuộc) meets twice in five
  years (Điều lệ Đảng, Điều 24.3, quoted by the party portal's Q&A), and
  QĐ 294-QĐ/TW of 26/5/2025 pilots a single cell congress every five years.
- The election rules in force: QĐ 244-QĐ/TW of 9/6/2014 until QĐ 190-QĐ/TW of
  10/10/2024 replaced it; the 2025–2030 congresses therefore use the 2024 rules
  and the 2020–2025 ones used the 2014 rules (DOMAIN.md; press reports of the
  new rules, 10/2024).
- The first term of an appointed committee need not last five years
  (QĐ 29-QĐ/TW 2016, item 16.5).

Appointed committees (cấp ủy chỉ định)
- When a party organisation is newly formed, split, merged or absorbed, the
  directly higher committee appoints its committee, secretary, deputy
  secretaries and standing committee (Điều lệ Đảng, Điều 13.5, as applied by
  QĐ 29-QĐ/TW 2016, item 16.5, quoted by the party portal). The congress of that
  organisation for that term then elects none of them.
- The appointed committee elects its inspection committee and the inspection
  chair (same item 16.5; Điều lệ Đảng, Điều 31) — unless the decision appointed
  those too, as the 2025 reorganisation did (HD 31-HD/BTCTW of 23/4/2025: the
  decision founds the organisation and appoints the committee, the standing
  committee, the secretary, the deputies, the inspection committee and its chair
  and deputy chairs).
- Delegates to the higher congress are still elected by the congress
  (QĐ 190-QĐ/TW 2024, Điều 18; 2014: Điều 20) — unless the higher committee
  appointed them as well, as several 2025 congresses of newly formed
  organisations did (e.g. a merged province's first congress in 10/2025 seated
  83 ex-officio and 417 appointed delegates). Both exceptions are facts of the
  decision, recorded with it, never guessed.

Pure: no Django, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .findings import Finding, Severity
from .sources import QD_190_2024, Source

QD_29_2016 = Source("QĐ 29-QĐ/TW", "Quy định thi hành Điều lệ Đảng", "2016-07-25")
HD_31_2025 = Source(
    "HD 31-HD/BTCTW",
    "Hướng dẫn thành lập tổ chức đảng tương ứng các đơn vị hành chính ở địa phương",
    "2025-04-23",
)
QD_294_2025 = Source("QĐ 294-QĐ/TW", "Quy định thi hành Điều lệ Đảng", "2025-05-26")

# The 2024 election rules apply from the day they were issued.
RULES_2024_FROM = dt.date.fromisoformat(QD_190_2024.issued)

COMMITTEE = "committee"
STANDING_COMMITTEE = "standing_committee"
SECRETARY = "secretary"
DEPUTY_SECRETARY = "deputy_secretary"
INSPECTION_COMMITTEE = "inspection_committee"
INSPECTION_CHAIR = "inspection_chair"
DELEGATES = "delegates"

# Appointed by the decision itself, whatever else it says.
APPOINTED_WITH_COMMITTEE = (COMMITTEE, STANDING_COMMITTEE, SECRETARY, DEPUTY_SECRETARY)
INSPECTION_KINDS = (INSPECTION_COMMITTEE, INSPECTION_CHAIR)

CITE_APPOINTED = "Điều lệ Đảng, Điều 13.5; QĐ 29-QĐ/TW 2016, điểm 16.5"
CITE_INSPECTION_ELECTED = "QĐ 29-QĐ/TW 2016, điểm 16.5; Điều lệ Đảng, Điều 31"
CITE_INSPECTION_APPOINTED = "HD 31-HD/BTCTW 2025 (quyết định chỉ định ủy ban kiểm tra)"
CITE_DELEGATES = "QĐ 190-QĐ/TW 2024, Điều 18 (QĐ 244-QĐ/TW 2014, Điều 20)"
CITE_DELEGATES_APPOINTED = "Quyết định của cấp ủy cấp trên chỉ định đại biểu dự đại hội cấp trên"

KIND_LABELS = {
    COMMITTEE: "ban chấp hành (cấp ủy)",
    STANDING_COMMITTEE: "ban thường vụ",
    SECRETARY: "bí thư",
    DEPUTY_SECRETARY: "phó bí thư",
    INSPECTION_COMMITTEE: "ủy ban kiểm tra",
    INSPECTION_CHAIR: "chủ nhiệm ủy ban kiểm tra",
    DELEGATES: "đại biểu dự đại hội cấp trên",
}


# --- Terms -------------------------------------------------------------------------------------

TERM_NAME = re.compile(r"^(\d{4})-(\d{4})$")


def parse_term_name(name: str) -> tuple[int, int]:
    """A term's name is "YYYY-YYYY", the second year after the first, at most five years on.

    Điều lệ Đảng: congresses every five years (cells twice in five years, Điều 24.3),
    so a term spans two to five calendar years; a first appointed term may be
    shorter (QĐ 29-QĐ/TW 2016, item 16.5), never longer.
    """
    match = TERM_NAME.match(name.strip())
    if not match:
        raise ValueError(f"Nhiệm kỳ “{name}” phải viết dạng năm-năm, ví dụ 2025-2030.")
    first, last = int(match.group(1)), int(match.group(2))
    if not 0 < last - first <= 5:
        raise ValueError(
            f"Nhiệm kỳ “{name}”: năm cuối phải sau năm đầu và không quá 5 năm (Điều lệ Đảng)."
        )
    return first, last


def check_term_dates(name: str, starts_on: dt.date, ends_on: dt.date) -> list[str]:
    """The dates of a term agree with its name: it starts in its first year and ends in its last."""
    first, last = parse_term_name(name)
    problems = []
    if starts_on.year != first:
        problems.append(f"Ngày bắt đầu phải thuộc năm {first} của nhiệm kỳ {name}.")
    if ends_on.year != last:
        problems.append(f"Ngày kết thúc phải thuộc năm {last} của nhiệm kỳ {name}.")
    if ends_on <= starts_on:
        problems.append("Ngày kết thúc phải sau ngày bắt đầu.")
    return problems


def rules_version_in_force(on: dt.date) -> str:
    """QĐ 190-QĐ/TW of 10/10/2024 replaced QĐ 244-QĐ/TW 2014: the version in force on a day."""
    return "2024" if on >= RULES_2024_FROM else "2014"


def default_rules_version(term_name: str) -> str:
    """The rules of a term with no registered dates: those in force on 1 January of its first year.

    2020-2025 → "2014"; 2025-2030 (and the cells' 2025-2027) → "2024".
    """
    first, _ = parse_term_name(term_name)
    return rules_version_in_force(dt.date(first, 1, 1))


# --- Appointed committees ----------------------------------------------------------------------


@dataclass(frozen=True)
class AppointedCommittee:
    """What the higher committee's decision appointed besides the committee and its officers."""

    inspection_appointed: bool = False
    delegates_appointed: bool = False


def election_refusal(kind: str, appointed: AppointedCommittee | None) -> Finding | None:
    """Điều lệ Đảng, Điều 13.5; QĐ 29-QĐ/TW 2016, item 16.5: None if a congress may hold this election.

    ``appointed`` is None for a congress whose committee it elects itself: then every
    election is allowed here (other rules still apply).
    """
    if appointed is None:
        return None
    label = KIND_LABELS.get(kind, kind)
    if kind in APPOINTED_WITH_COMMITTEE:
        return _refused(
            kind,
            CITE_APPOINTED,
            f"Cấp ủy của tổ chức đảng này do cấp trên chỉ định: đại hội không bầu {label}.",
        )
    if kind in INSPECTION_KINDS and appointed.inspection_appointed:
        return _refused(
            kind,
            CITE_INSPECTION_APPOINTED,
            f"Quyết định của cấp trên đã chỉ định ủy ban kiểm tra: không bầu {label}.",
        )
    if kind == DELEGATES and appointed.delegates_appointed:
        return _refused(
            kind,
            CITE_DELEGATES_APPOINTED,
            "Cấp trên đã chỉ định đại biểu dự đại hội cấp trên: đại hội không bầu đại biểu.",
        )
    return None


def _refused(kind: str, citation: str, message: str) -> Finding:
    return Finding(
        f"congress_kind.{kind}_appointed", Severity.BLOCKING, citation, message, subject=kind
    )


def elections_left(appointed: AppointedCommittee | None) -> list[tuple[str, str]]:
    """The elections a congress still holds, each with the article that leaves it to the congress.

    With an appointed committee: the inspection committee and its chair (elected by
    the appointed committee) and the delegates to the higher congress, unless the
    decision appointed them too.
    """
    kinds = [*APPOINTED_WITH_COMMITTEE, *INSPECTION_KINDS, DELEGATES]
    if appointed is None:
        return [(kind, "") for kind in kinds]
    out = []
    for kind in kinds:
        if election_refusal(kind, appointed) is None:
            out.append((kind, CITE_DELEGATES if kind == DELEGATES else CITE_INSPECTION_ELECTED))
    return out


# Posts in an appointing decision, from the highest. A person holds one row with
# the highest post (a secretary is also a standing member and a committee member).
POSTS = ("secretary", "deputy_secretary", "standing", "committee", "inspection_chair", "inspection")
COMMITTEE_POSTS = frozenset(POSTS[:4])


def check_appointed_posts(posts: list[str], *, inspection_appointed: bool) -> list[Finding]:
    """QĐ 29-QĐ/TW 2016, item 16.5 (and HD 31-HD/BTCTW 2025): the posts a decision may give.

    Blocking: an unknown post, more than one secretary or inspection chair,
    inspection posts when the decision did not appoint the inspection committee.
    Warning: no secretary yet (a decision names one; the list may still be in progress).
    """
    findings = []
    unknown = sorted(set(posts) - set(POSTS))
    if unknown:
        findings.append(
            _post_finding("unknown_post", f"Chức vụ không hợp lệ: {', '.join(unknown)}.")
        )
    for post, label in (("secretary", "bí thư"), ("inspection_chair", "chủ nhiệm ủy ban kiểm tra")):
        if posts.count(post) > 1:
            findings.append(
                _post_finding(f"two_{post}", f"Quyết định chỉ định chỉ có một {label}.")
            )
    if not inspection_appointed and any(p in ("inspection_chair", "inspection") for p in posts):
        findings.append(
            Finding(
                "congress_kind.inspection_not_appointed",
                Severity.BLOCKING,
                CITE_INSPECTION_ELECTED,
                "Quyết định không chỉ định ủy ban kiểm tra: cấp ủy được chỉ định sẽ bầu ủy ban kiểm tra.",
            )
        )
    if posts and "secretary" not in posts:
        findings.append(
            Finding(
                "congress_kind.no_secretary",
                Severity.WARNING,
                CITE_APPOINTED,
                "Danh sách chỉ định chưa có bí thư.",
            )
        )
    return findings


def _post_finding(code: str, message: str) -> Finding:
    return Finding(f"congress_kind.{code}", Severity.BLOCKING, CITE_APPOINTED, message)
