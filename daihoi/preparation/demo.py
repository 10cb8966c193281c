"""Demo preparation work over the demo province (after the congress step of `daihoi demo`).

`build_demo_preparation(seed)` writes, through the services (so every write is
audited as a clerk's would be): the province's plan with its dates by level,
review lead time and tasks; the steering committee, its subcommittees and
teams, and working groups assigned to the district-level units with their
visits; the political report of the provincial congress as a Word draft with
a comment round open to the districts and the delegates, a few comments
answered; a lesson from a grassroots pilot congress published to the
province; the provincial congress's programme, seats and announcements.
Idempotent: it does nothing when the province already has a plan.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from docx import Document

from daihoi.accounts.models import User
from daihoi.congresses.models import Congress
from daihoi.delegates.models import Delegate
from daihoi.demo.chance import stream
from daihoi.organizations.models import Organization
from daihoi.people.models import Member, Post

from . import bodies, drafts, lessons, plans, portal, programme, rounds
from .models import Answer, BodyKind, BodyRole, Decision, Plan, Source
from .plans import LevelInput

D = dt.date
TERM = "2025-2030"
LEVELS = [
    LevelInput("cell", D(2025, 3, 31), starts_on=D(2025, 1, 2)),
    LevelInput("grassroots", D(2025, 6, 30), pilots_by=D(2025, 4, 15), starts_on=D(2025, 3, 10)),
    LevelInput("district", D(2025, 8, 31), pilots_by=D(2025, 6, 30), starts_on=D(2025, 6, 1)),
    LevelInput("province", D(2025, 10, 31)),
]
TASKS = [
    ("Quán triệt Chỉ thị 45-CT/TW và kế hoạch của Tỉnh ủy", D(2024, 8, 20), "steering", "done"),
    (
        "Hoàn thành dự thảo báo cáo chính trị trình Ban Thường vụ",
        D(2025, 3, 31),
        "documents",
        "done",
    ),
    ("Hoàn thành đề án nhân sự cấp ủy khóa mới", D(2025, 5, 15), "personnel", "done"),
    (
        "Tổng hợp ý kiến góp ý của các đảng bộ trực thuộc vào dự thảo văn kiện",
        D(2025, 8, 15),
        "documents",
        "in_progress",
    ),
    ("Chạy thử phần mềm kiểm phiếu với ba máy nhập độc lập", D(2025, 9, 30), "software", "todo"),
    ("Phương án bảo đảm an ninh, trật tự trong thời gian đại hội", D(2025, 9, 30), "order", "todo"),
    ("Chuẩn bị hội trường, tài liệu, cổng thông tin đại biểu", D(2025, 10, 5), "logistics", "todo"),
]
BODIES = [
    (BodyKind.DOCUMENTS, "Tiểu ban Văn kiện Đại hội"),
    (BodyKind.PERSONNEL, "Tiểu ban Nhân sự Đại hội"),
    (BodyKind.LOGISTICS, "Tiểu ban Tổ chức phục vụ Đại hội"),
    (BodyKind.ORDER, "Tổ giúp việc về đơn thư, khiếu nại, tố cáo và an ninh, trật tự"),
    (BodyKind.SOFTWARE, "Tổ phần mềm kiểm phiếu"),
]
FINDINGS = [
    (
        "Dự thảo báo cáo chính trị đánh giá kết quả còn nặng liệt kê, thiếu số liệu so sánh.",
        "Bổ sung số liệu so sánh với nhiệm kỳ trước; rút gọn phần I.",
    ),
    ("Hồ sơ nhân sự tái cử đầy đủ; quy trình giới thiệu nhân sự đúng các bước.", ""),
    (
        "Phương án nhân sự chưa bảo đảm tỷ lệ cán bộ nữ trong cấp ủy.",
        "Rà soát, bổ sung nguồn cán bộ nữ vào danh sách giới thiệu.",
    ),
    ("Công tác tuyên truyền về đại hội được triển khai tốt ở các chi bộ.", ""),
]
SECTIONS = [
    "Phần thứ nhất: Kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ 2020 - 2025",
    "Phần thứ hai: Mục tiêu, nhiệm vụ và giải pháp nhiệm kỳ 2025 - 2030",
    "Phần thứ ba: Xây dựng Đảng và hệ thống chính trị",
    "Phần thứ tư: Tổ chức thực hiện",
]
COMMENTS = [
    (0, "Đề nghị bổ sung đánh giá về chuyển đổi số trong lãnh đạo, chỉ đạo."),
    (1, "Chỉ tiêu tăng trưởng bình quân nên để 8 - 8,5% cho phù hợp tình hình mới."),
    (
        2,
        "Làm rõ nguyên nhân của hạn chế trong công tác phát triển đảng viên ở khu vực doanh nghiệp.",
    ),
    (3, "Cần phân công cụ thể cơ quan chủ trì từng chương trình đột phá."),
]


def build_demo_preparation(seed: int = 2025) -> dict[str, int]:
    province = Organization.objects.filter(parent__isnull=True, level="province").first()
    if province is None or Plan.objects.filter(organization=province, term=TERM).exists():
        return {"plans": 0}
    actor = User.objects.filter(is_superuser=True).order_by("id").first()
    rng = stream(seed, "preparation")
    with transaction.atomic():
        plan = plans.save_plan(
            actor,
            province,
            term=TERM,
            levels=LEVELS,
            number="25-KH/TU",
            review_lead_days=45,
            title="Kế hoạch tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu Đảng bộ tỉnh nhiệm kỳ 2025 - 2030",
            basis="Chỉ thị 45-CT/TW ngày 14/4/2025 của Bộ Chính trị; Quy định 190-QĐ/TW ngày 10/10/2024.",
        )
        plans.issue_plan(actor, plan, D(2024, 8, 1))
        made = _bodies(actor, province, rng)
        _tasks(actor, plan, made)
        visits = _visits(actor, made["groups"], rng)
        congress = Congress.objects.filter(organization=province, term=TERM).first()
        counts = {
            "plans": 1,
            "bodies": sum(len(v) if isinstance(v, list) else 1 for v in made.values()),
            "visits": visits,
        }
        if congress is not None:
            counts |= _congress_work(actor, congress, made["documents"], rng)
        counts["lessons"] = _lesson(actor, province)
    return counts


def _leaders(province, rng, count: int) -> list[Member]:
    """Members holding a current post at the district level, as the bodies' members."""
    ids = list(
        Post.objects.filter(
            ended_on__isnull=True,
            organization__path__startswith=province.path,
            organization__level="district",
        )
        .order_by("member_id")
        .values_list("member_id", flat=True)
        .distinct()[:400]
    )
    chosen = rng.sample(ids, min(count, len(ids)))
    by_id = Member.objects.in_bulk(chosen)
    return [by_id[i] for i in chosen if i in by_id and by_id[i].active]


def _bodies(actor, province, rng) -> dict:
    steering = bodies.create_body(
        actor,
        province,
        kind=BodyKind.STEERING,
        name="Ban Chỉ đạo Đại hội Đảng bộ tỉnh",
        decision="120-QĐ/TU",
        decided_on=D(2024, 8, 5),
        duties="Lãnh đạo, chỉ đạo toàn diện công tác chuẩn bị và tổ chức đại hội đảng bộ các cấp.",
    )
    made = {"steering": steering}
    for kind, name in BODIES:
        made[kind] = bodies.create_body(
            actor, province, kind=kind, name=name, parent=steering, decision="121-QĐ/TU"
        )
    people = iter(_leaders(province, rng, 40))
    for body in made.values():
        for role in (BodyRole.HEAD, BodyRole.DEPUTY, BodyRole.MEMBER, BodyRole.MEMBER):
            member = next(people, None)
            if member is not None:
                bodies.add_member(actor, body, member, role=role)
    made["groups"] = _groups(actor, province, steering, people)
    return made


def _groups(actor, province, steering, people) -> list:
    """Up to five working groups, the district-level units shared among them in turn."""
    districts = list(province.children.filter(level="district").order_by("code"))
    groups = []
    for number in range(1, min(5, max(1, len(districts))) + 1):
        group = bodies.create_body(
            actor,
            province,
            kind=BodyKind.WORKING_GROUP,
            name=f"Tổ công tác số {number} của Ban Thường vụ Tỉnh ủy",
            parent=steering,
            decision="130-QĐ/TU",
            decided_on=D(2024, 9, 10),
        )
        for district in districts[number - 1 :: 5]:
            bodies.assign(actor, group, district)
        member = next(people, None)
        if member is not None:
            bodies.add_member(actor, group, member, role=BodyRole.HEAD)
        groups.append(group)
    return groups


def _tasks(actor, plan, made) -> None:
    for title, due, owner, status in TASKS:
        task = plans.add_task(actor, plan, title=title, due_on=due, owner_body=made[owner])
        if status != "todo":
            done_on = due - dt.timedelta(days=3) if status == "done" else None
            plans.report_task(
                actor,
                task,
                status=status,
                done_on=done_on,
                evidence_note="Theo báo cáo của cơ quan chủ trì",
            )


def _visits(actor, groups, rng) -> int:
    count = 0
    for group in groups:
        for assignment in group.assignments.select_related("organization"):
            places = list(
                assignment.organization.children.filter(level="grassroots").order_by("code")[:6]
            )
            for place in rng.sample(places, min(2, len(places))):
                findings, follow = FINDINGS[rng.randrange(len(FINDINGS))]
                day = D(2025, 3, 3) + dt.timedelta(days=rng.randrange(60))
                visit = bodies.record_visit(
                    actor,
                    group,
                    place,
                    visited_on=day,
                    findings=findings,
                    follow_ups=follow,
                    follow_up_due=day + dt.timedelta(days=14) if follow else None,
                )
                if follow and rng.random() < 0.5:
                    bodies.close_follow_up(actor, visit, day + dt.timedelta(days=10))
                count += 1
    return count


def _report_docx() -> bytes:
    doc = Document()
    doc.add_paragraph("BÁO CÁO CHÍNH TRỊ (DỰ THẢO)", style="Title")
    for title in SECTIONS:
        doc.add_heading(title, level=1)
        doc.add_paragraph("Nội dung dự thảo của phần này (dữ liệu minh họa).")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _congress_work(actor, congress, documents_body, rng) -> dict[str, int]:
    draft = drafts.create_draft(
        actor,
        congress,
        kind="political_report",
        body=documents_body,
        title="Báo cáo chính trị của Ban Chấp hành Đảng bộ tỉnh trình Đại hội",
    )
    upload = SimpleUploadedFile("bao-cao-chinh-tri.docx", _report_docx())
    drafts.upload_version(actor, draft, upload, "Dự thảo lần 1")
    comments = _comments(actor, congress, draft)
    sessions = _programme(actor, congress, draft)
    return {
        "drafts": 1,
        "comments": comments,
        "programme_items": sum(s.items.count() for s in sessions),
        "decisions": sum(s.items.exclude(decision=Decision.NONE).count() for s in sessions),
    }


def _comments(actor, congress, draft) -> int:
    """A round open to the districts and the delegates; their comments, two answered."""
    item = rounds.open_round(
        actor,
        draft,
        title="Lấy ý kiến các đảng bộ trực thuộc và đại biểu",
        deadline=timezone.now() + dt.timedelta(days=21),
        to_lower_organizations=True,
        to_delegates=True,
    )
    sections = list(draft.sections.order_by("position"))
    districts = list(congress.organization.children.order_by("code")[: len(COMMENTS)])
    made = [
        rounds.add_comment(
            actor,
            item,
            source=Source.ORGANIZATION,
            organization=district,
            text=text,
            section=sections[section],
        )
        for (section, text), district in zip(COMMENTS, districts, strict=False)
    ]
    delegates = Delegate.objects.filter(congress=congress).select_related("member")
    made += [
        rounds.add_comment(
            None,
            item,
            source=Source.DELEGATE,
            delegate=delegate,
            text="Tán thành dự thảo; đề nghị viết ngắn gọn hơn.",
        )
        for delegate in delegates.order_by("number")[:2]
    ]
    reply = "Tiểu ban Văn kiện đã tiếp thu, chỉnh sửa tại dự thảo lần 2."
    for comment, answer in zip(made, (Answer.ACCEPTED, Answer.EXPLAINED), strict=False):
        rounds.answer_comment(actor, comment, answer=answer, reply=reply)
    return len(made)


def _programme(actor, congress, draft) -> list:
    """The standard programme with the report's speaker and document, seats and notices."""
    sessions = programme.add_standard_programme(
        actor, congress, day=congress.planned_on or D(2025, 10, 14)
    )
    items = list(sessions[1].items.order_by("position")[:2])
    programme.update_item(
        actor, items[0], starts_at=dt.time(7, 30), speaker="Đồng chí Bí thư Tỉnh ủy"
    )
    programme.update_item(
        actor, items[1], draft=draft, speaker="Đồng chí Phó Bí thư Thường trực Tỉnh ủy"
    )
    portal.assign_seats(actor, congress, per_row=24)
    portal.announce(
        actor,
        congress,
        title="Lịch đón đại biểu",
        pinned=True,
        text="Đại biểu có mặt tại hội trường trước 7 giờ 00 phút; mang theo thẻ đại biểu.",
    )
    portal.announce(
        actor,
        congress,
        title="Tài liệu đại hội",
        text="Tài liệu đã đăng trên cổng; mở một lần để lưu trên máy.",
    )
    return sessions


def _lesson(actor, province) -> int:
    pilot = (
        Congress.objects.filter(
            term=TERM,
            pilot=True,
            status="held",
            organization__level="grassroots",
            organization__path__startswith=province.path,
        )
        .select_related("organization")
        .order_by("starts_on", "id")
        .first()
    )
    if pilot is None:
        return 0
    lesson = lessons.record_lesson(
        actor,
        pilot,
        title=f"Kinh nghiệm từ đại hội điểm {pilot.organization.name}",
        worked_well="Chuẩn bị văn kiện sớm, lấy ý kiến rộng rãi; diễn tập kiểm phiếu bằng phần mềm trước đại hội.",
        to_change="Rút ngắn thời gian phát biểu chào mừng; phát tài liệu qua cổng đại biểu để giảm giấy in.",
    )
    lessons.publish_lesson(actor, lesson, province)
    return 1
