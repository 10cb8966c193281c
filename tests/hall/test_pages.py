"""The congress page's hall panel: organisers issue and download a package (audited), and
upload a return: what its envelope shows is refused at once in Vietnamese (audited);
the merge itself is a job (test_merge_job.py)."""

import io
import zipfile

from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.hall import keys
from daihoi.hall.giveback import build_return
from daihoi.hall.load import import_package
from daihoi.hall.models import HallPackage


def test_it_shows_the_hall_panel_to_organisers_only(client, congress, users):
    client.force_login(users.east)
    page = client.get(reverse("congresses:detail", args=[congress.pk])).content.decode()
    assert reverse("hall:congress", args=[congress.pk]) in page
    client.force_login(users.east_viewer)
    page = client.get(reverse("congresses:detail", args=[congress.pk])).content.decode()
    assert reverse("hall:congress", args=[congress.pk]) not in page
    assert client.get(reverse("hall:congress", args=[congress.pk])).status_code == 404
    assert client.post(reverse("hall:issue", args=[congress.pk])).status_code == 404


def test_it_issues_a_package_with_its_key_and_audits_the_download(client, congress, users):
    client.force_login(users.east)
    page = client.post(reverse("hall:issue", args=[congress.pk])).content.decode()
    package = HallPackage.objects.get(congress=congress)
    assert keys.show(keys.package_key(str(package.package_id))) in page
    response = client.get(reverse("hall:download", args=[package.package_id]))
    assert response["Content-Type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(response.content)).namelist() == [
        "manifest.json",
        "data.json",
    ]
    assert AuditEntry.objects.filter(action="hall.download", actor=users.east).count() == 1
    assert AuditEntry.objects.filter(action="hall.export", actor=users.east).count() == 1


def test_it_refuses_a_broken_upload_in_vietnamese_and_audits_it(client, congress, users):
    client.force_login(users.east)
    junk = io.BytesIO(b"not a zip at all")
    junk.name = "ket-qua.zip"
    page = client.post(reverse("hall:upload_return", args=[congress.pk]), {"file": junk})
    assert "Không nhận kết quả hội trường" in page.content.decode()
    refusal = AuditEntry.objects.get(action="hall.return_refused")
    assert refusal.after["code"] == "not_zip"


def test_it_refuses_a_return_on_another_congress_page(client, congress, tree, users):
    from daihoi.congresses.services import create_congress

    other = create_congress(users.east, tree.east, name="Đại hội huyện Đông", kind="delegates")
    client.force_login(users.east)
    client.post(reverse("hall:issue", args=[congress.pk]))
    package = HallPackage.objects.get(congress=congress)
    copy = import_package(bytes(package.file), keys.package_key(str(package.package_id))).congress
    upload = io.BytesIO(build_return(copy))
    upload.name = "ket-qua.zip"
    page = client.post(reverse("hall:upload_return", args=[other.pk]), {"file": upload})
    assert "đại hội khác" in page.content.decode()
    assert AuditEntry.objects.get(action="hall.return_refused").after["code"] == "other_congress"
    assert HallPackage.objects.get(pk=package.pk).returned_at is None
