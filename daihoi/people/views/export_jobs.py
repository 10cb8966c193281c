"""A large subtree's Excel export runs as a background job; a small one answers at once."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from daihoi.jobs.registry import JobRefused
from daihoi.jobs.services import enqueue_job
from daihoi.jobs.submit import start
from daihoi.organizations.models import Organization
from daihoi.organizations.selectors import can_see


def export_name(root: Organization) -> str:
    return f"dang-vien-{root.code}-{timezone.localdate():%Y%m%d}.xlsx"


def start_export(user, root: Organization) -> str:
    job = enqueue_job(
        "people.export",
        owner=user,
        args={"root": root.pk, "label": root.name},
        summary=f"xuất Excel {root.code}",
    )
    start(job)
    return job.public_id


def run(ctx) -> dict:
    """The worker's handler for "people.export"; exporting writes nothing, so a rerun is harmless."""
    from daihoi.people.exporting import export_workbook

    user = get_user_model().objects.select_related("organization").get(pk=ctx.job.owner_id)
    root = Organization.objects.filter(pk=ctx.args["root"]).first()
    if root is None or not can_see(user, root):
        raise JobRefused("Tổ chức này không còn trong phạm vi của bạn.")
    ctx.progress("export", 0, 1)
    name = export_name(root)
    ctx.save_output(name, export_workbook(root))
    return {"download": name}
