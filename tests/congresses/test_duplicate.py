"""Issue 19: one congress per organisation and term, unless a re-run with its reason (audited)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daihoi.audit.models import AuditEntry
from daihoi.congresses.models import Congress
from daihoi.congresses.services import create_congress


def _make(users, org, **extra):
    return create_congress(users.east, org, name="Đại hội huyện Đông", kind="delegates", **extra)


def test_a_second_congress_for_the_same_organisation_and_term_is_refused(tree, users):
    first = _make(users, tree.east)
    with pytest.raises(ValidationError) as refused:
        _make(users, tree.east)
    assert refused.value.error_dict["organization"][0].code == "congress.duplicate"
    assert Congress.objects.filter(organization=tree.east).count() == 1
    assert first.term == "2025-2030"


def test_a_rerun_congress_needs_its_reason_and_is_audited(tree, users):
    first = _make(users, tree.east)
    with pytest.raises(ValidationError):
        _make(users, tree.east, rerun_reason="   ")
    rerun = _make(users, tree.east, rerun_reason="Đại hội lần trước không bầu đủ cấp ủy")
    entry = AuditEntry.objects.get(action="congress.create", object_id=str(rerun.pk))
    assert entry.after["earlier"] == [first.pk]
    assert entry.after["rerun_reason"] == "Đại hội lần trước không bầu đủ cấp ủy"


def test_the_form_shows_the_refusal(client, tree, users):
    _make(users, tree.east)
    client.force_login(users.east)
    data = {"organization": tree.east.pk, "name": "Đại hội lần 2", "kind": "delegates",
            "term": "2025-2030"}  # fmt: skip
    page = client.post(reverse("congresses:create"), data, follow=True)
    assert "đã có đại hội nhiệm kỳ 2025-2030" in page.content.decode()
    assert Congress.objects.filter(organization=tree.east).count() == 1
