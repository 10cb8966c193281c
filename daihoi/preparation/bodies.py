"""Bodies that prepare the congresses (steering committee, subcommittees, teams, working
groups), their members from the registry, the organisations a working group inspects, and its
visit log. Writes are atomic and audited; reads for the dashboards are at the bottom."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from daihoi.audit.services import record

from .errors import PreparationError
from .models import Assignment, Body, BodyKind, BodyMember, BodyRole, Visit

# Subcommittees and teams hang under the steering committee; working groups too.
UNDER_STEERING = {k for k in BodyKind.values if k != BodyKind.STEERING}


@transaction.atomic
def create_body(actor, organization, *, kind: str, name: str, term: str = "2025-2030", **extra):
    if kind not in BodyKind.values:
        raise PreparationError("body.kind", f"Loại không hợp lệ: {kind}.")
    if not name.strip():
        raise PreparationError("body.name_required", "Chưa nhập tên ban, tiểu ban, tổ.")
    parent = extra.pop("parent", None)
    if parent is not None:
        if parent.kind != BodyKind.STEERING or kind not in UNDER_STEERING:
            raise PreparationError(
                "body.parent", f"{name}: chỉ tiểu ban, tổ giúp việc trực thuộc ban chỉ đạo."
            )
        if parent.organization_id != organization.pk or parent.term != term:
            raise PreparationError(
                "body.parent", f"{name}: ban chỉ đạo phải cùng cấp và cùng nhiệm kỳ."
            )
    body = Body.objects.create(
        organization=organization, kind=kind, name=name.strip(), term=term, parent=parent, **extra
    )
    record(actor, "preparation.body_create", body, summary=body.name, after={"kind": kind})
    return body


@transaction.atomic
def add_member(actor, body: Body, member, *, role: str, title: str = "") -> BodyMember:
    label = f"{body.name}, {member.full_name}"
    if role not in BodyRole.values:
        raise PreparationError("body.role", f"{label}: vai trò không hợp lệ.")
    if not member.active or not member.organization.path.startswith(body.organization.path):
        raise PreparationError(
            "body.member_outside",
            f"{label}: không phải đảng viên đang sinh hoạt trong {body.organization.name}.",
        )
    if role == BodyRole.HEAD and body.memberships.filter(role=BodyRole.HEAD).exists():
        raise PreparationError("body.second_head", f"{body.name} đã có trưởng ban (tổ trưởng).")
    try:
        with transaction.atomic():
            membership = BodyMember.objects.create(
                body=body, member=member, role=role, title=title.strip()
            )
    except IntegrityError:
        raise PreparationError("body.member_twice", f"{label}: đã có trong danh sách.") from None
    record(
        actor,
        "preparation.body_member_add",
        body,
        summary=body.name,
        after={"member": member.code, "role": role},
    )
    return membership


@transaction.atomic
def remove_member(actor, membership: BodyMember) -> None:
    body, code = membership.body, membership.member.code
    membership.delete()
    record(
        actor, "preparation.body_member_remove", body, summary=body.name, before={"member": code}
    )


@transaction.atomic
def assign(actor, body: Body, organization) -> Assignment:
    if not body.is_working_group:
        raise PreparationError("body.not_group", f"{body.name} không phải tổ công tác.")
    root = body.organization
    if organization.pk == root.pk or not organization.path.startswith(root.path):
        raise PreparationError(
            "body.assign_outside", f"{organization.name} không trực thuộc {root.name}."
        )
    assignment, created = Assignment.objects.get_or_create(body=body, organization=organization)
    if created:
        record(
            actor,
            "preparation.group_assign",
            body,
            summary=body.name,
            after={"organization": organization.code},
        )
    return assignment


def _may_visit(body: Body, organization) -> bool:
    if body.is_working_group:
        paths = body.assignments.values_list("organization__path", flat=True)
        return any(organization.path.startswith(p) for p in paths)
    return organization.path.startswith(body.organization.path)


@transaction.atomic
def record_visit(
    actor,
    body: Body,
    organization,
    *,
    visited_on: dt.date,
    findings: str,
    follow_ups: str = "",
    follow_up_due: dt.date | None = None,
) -> Visit:
    label = f"{body.name}, {organization.name}"
    if not _may_visit(body, organization):
        raise PreparationError(
            "visit.not_assigned", f"{label}: tổ chức này không thuộc địa bàn được phân công."
        )
    if visited_on > timezone.localdate():
        raise PreparationError("visit.future", f"{label}: ngày làm việc chưa tới.")
    if not findings.strip():
        raise PreparationError("visit.findings_required", f"{label}: chưa ghi kết quả làm việc.")
    if follow_up_due and not follow_ups.strip():
        raise PreparationError(
            "visit.due_without_follow_up", f"{label}: có hạn nhưng chưa ghi kiến nghị."
        )
    visit = Visit.objects.create(
        body=body,
        organization=organization,
        visited_on=visited_on,
        findings=findings.strip(),
        follow_ups=follow_ups.strip(),
        follow_up_due=follow_up_due,
        recorded_by=actor,
    )
    record(
        actor,
        "preparation.visit_record",
        visit,
        summary=label,
        after={"visited_on": visited_on, "follow_up_due": follow_up_due},
    )
    return visit


@transaction.atomic
def close_follow_up(actor, visit: Visit, done_on: dt.date) -> Visit:
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.follow_up_done_on:
        raise PreparationError("visit.already_closed", "Kiến nghị này đã được khắc phục.")
    visit.follow_up_done_on = done_on
    visit.save(update_fields=["follow_up_done_on"])
    record(actor, "preparation.visit_close", visit, summary=str(visit), after={"done_on": done_on})
    return visit


# --- Reads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitSummary:
    visits: int
    organizations: int
    open_follow_ups: int
    overdue_follow_ups: int
    latest: list


def open_filter(today: dt.date) -> tuple[Q, Q]:
    open_ = ~Q(follow_ups="") & Q(follow_up_done_on__isnull=True)
    return open_, open_ & Q(follow_up_due__lt=today)


def visit_summary(root, today: dt.date, term: str | None = None, limit: int = 10) -> VisitSummary:
    """The visit log under ``root``: one aggregate query and the latest visits."""
    qs = Visit.objects.filter(organization__path__startswith=root.path)
    if term:
        qs = qs.filter(body__term=term)
    open_, overdue = open_filter(today)
    agg = qs.aggregate(
        n=Count("id"),
        orgs=Count("organization", distinct=True),
        open=Count("id", filter=open_),
        overdue=Count("id", filter=overdue),
    )
    latest = list(qs.select_related("body", "organization").order_by("-visited_on", "-id")[:limit])
    return VisitSummary(agg["n"], agg["orgs"], agg["open"], agg["overdue"], latest)


def visits_to(organization, limit: int = 20) -> list[Visit]:
    qs = Visit.objects.filter(organization=organization).select_related("body")
    return list(qs.order_by("-visited_on", "-id")[:limit])


def groups_over(organization, term: str) -> list[Body]:
    """Working groups assigned to the organisation or to one above it."""
    ids = [*organization.ancestor_ids, organization.pk]
    qs = Body.objects.filter(
        kind=BodyKind.WORKING_GROUP, term=term, assignments__organization_id__in=ids
    )
    return list(qs.distinct().order_by("name"))
