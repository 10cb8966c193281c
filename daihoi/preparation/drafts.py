"""Draft congress documents: the drafts, their uploaded versions and their sections.

A version is never replaced: each upload is a new numbered row with its SHA-256,
so a comment round always points at the exact file that was commented on.
Sections (the parts comments point to) are read from a DOCX's headings at the
first upload, and can be edited by hand (a PDF brings none).
"""

from __future__ import annotations

import hashlib
import io

from django.db import transaction
from django.db.models import Max

from daihoi.audit.services import record

from .errors import PreparationError
from .models import Body, BodyKind, Draft, DraftKind, DraftVersion, Section
from .tables.files import DRAFT_TYPES, check_upload

MAX_SECTIONS = 60


@transaction.atomic
def create_draft(
    actor, congress, *, kind: str, title: str, body: Body | None = None, for_delegates: bool = True
) -> Draft:
    if kind not in DraftKind.values:
        raise PreparationError("draft.kind", f"Loại văn kiện không hợp lệ: {kind}.")
    if not title.strip():
        raise PreparationError("draft.title_required", "Chưa nhập tên văn kiện.")
    if body is not None and (
        body.organization_id != congress.organization_id or body.kind == BodyKind.WORKING_GROUP
    ):
        raise PreparationError(
            "draft.body", f"{body.name} không phải tiểu ban của {congress.organization.name}."
        )
    draft = Draft.objects.create(
        congress=congress, kind=kind, title=title.strip(), body=body, for_delegates=for_delegates
    )
    record(actor, "preparation.draft_create", draft, summary=draft.title, after={"kind": kind})
    return draft


def docx_headings(data: bytes) -> list[str]:
    """Titles of the Heading 1 and Heading 2 paragraphs of a Word file, in order."""
    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except Exception:  # a corrupt or password-protected file: no sections, the upload stays
        return []
    found = []
    for paragraph in doc.paragraphs:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
        text = " ".join(paragraph.text.split())
        if text and (style.startswith("Heading 1") or style.startswith("Heading 2")):
            found.append(text[:250])
    return found[:MAX_SECTIONS]


@transaction.atomic
def upload_version(actor, draft: Draft, upload, note: str = "") -> DraftVersion:
    ext = check_upload(upload, DRAFT_TYPES, f"{draft.title}, tệp dự thảo")
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    data = upload.read()
    upload.seek(0)
    number = (draft.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DraftVersion(
        draft=draft,
        number=number,
        filename=upload.name[:200],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        note=note.strip(),
        uploaded_by=actor,
    )
    version.file.save(upload.name, upload, save=False)
    version.save()
    if ext == ".docx" and not draft.sections.exists():
        titles = docx_headings(data)
        Section.objects.bulk_create(
            Section(draft=draft, position=i, title=t) for i, t in enumerate(titles, start=1)
        )
    record(
        actor,
        "preparation.draft_upload",
        version,
        summary=f"{draft.title} — lần {number}",
        after={"sha256": version.sha256, "size": version.size},
    )
    return version


@transaction.atomic
def set_sections(actor, draft: Draft, titles: list[str]) -> list[Section]:
    """Replace the sections by position; a section that comments point to cannot be removed."""
    titles = [" ".join(t.split())[:250] for t in titles if t.strip()][:MAX_SECTIONS]
    existing = {s.position: s for s in draft.sections.select_for_update()}
    removed = [s for pos, s in existing.items() if pos > len(titles)]
    used = [s for s in removed if s.comments.exists()]
    if used:
        raise PreparationError(
            "draft.section_in_use",
            f"Không bỏ được mục “{used[0].title}”: đã có ý kiến góp ý gắn với mục này.",
        )
    Section.objects.filter(pk__in=[s.pk for s in removed]).delete()
    for position, title in enumerate(titles, start=1):
        section = existing.get(position)
        if section is None:
            Section.objects.create(draft=draft, position=position, title=title)
        elif section.title != title:
            section.title = title
            section.save(update_fields=["title"])
    record(
        actor, "preparation.draft_sections", draft, summary=draft.title, after={"sections": titles}
    )
    return list(draft.sections.order_by("position"))


def latest_version(draft: Draft) -> DraftVersion | None:
    return draft.versions.order_by("-number").first()
