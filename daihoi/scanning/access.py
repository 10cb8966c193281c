"""Who may scan: the members of the ballot box's counting team, as for keyboard entry.

Everyone else (other teams, organisers, users of other organisations) gets 404
and learns nothing of the scan. The team leader decides the differences between
a scan and a keyboard entry, on the batch's reconciliation, as for two typists.
"""

from django.http import Http404

from daihoi.elections.access import access_batch_for_entry, is_team_leader

from .models import ScanBatch, ScannedPage


def access_batch(user, batch_pk: int):
    return access_batch_for_entry(user, batch_pk)


def access_scan(user, scan_pk: int) -> ScanBatch:
    scan = (
        ScanBatch.objects.select_related("batch__team", "batch__election__congress", "election")
        .filter(pk=scan_pk)
        .first()
    )
    if scan is None or not scan.batch.team.members.filter(pk=user.pk).exists():
        raise Http404("scan not found")
    return scan


def access_page(user, page_pk: int) -> ScannedPage:
    page = ScannedPage.objects.select_related("scan").filter(pk=page_pk).first()
    if page is None:
        raise Http404("page not found")
    access_scan(user, page.scan_id)
    return page


__all__ = ["access_batch", "access_page", "access_scan", "is_team_leader"]
