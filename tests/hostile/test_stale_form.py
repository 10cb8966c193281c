"""Issue 16.1 on the page: a clerk saving a form opened before someone else's change is told,
and nothing is overwritten; saving again after review keeps the clerk's values."""

import re

from django.test import Client

from daihoi.audit.models import AuditEntry
from daihoi.people import services
from daihoi.people.models import Member


def form_values(html: str) -> dict:
    """What the browser would post back: every input's and selected option's value."""
    values = {}
    form = html[html.index('<form method="post"') :]
    form = form[: form.index("</form>")]
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and ('type="checkbox"' not in tag or "checked" in tag):
            values[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        values[name] = chosen.group(1) if chosen else ""
    values.pop("csrfmiddlewaretoken", None)
    return {k: v.replace("&amp;", "&") for k, v in values.items()}


def test_a_form_opened_before_another_change_does_not_overwrite_it(users, members):
    member = Member.objects.get(code="M001")
    clerk = Client()
    clerk.force_login(users.province)
    url = f"/members/{member.pk}/edit/"
    opened = form_values(clerk.get(url).content.decode())
    assert opened["version"]

    services.update_member(users.east, member, hometown="Xã Mới")  # the other clerk saves first

    mine = {**opened, "religion": "Phật giáo"}
    response = clerk.post(url, mine)
    assert response.status_code == 200  # the form again, with the message
    page = response.content.decode()
    assert "đã được người khác sửa" in page and "Xã Mới" in page
    member.refresh_from_db()
    assert (member.hometown, member.religion) == ("Xã Mới", opened["religion"])

    reviewed = {**form_values(page), "hometown": "Xã Mới", "religion": "Phật giáo"}
    assert clerk.post(url, reviewed).status_code == 302
    member.refresh_from_db()
    assert (member.hometown, member.religion) == ("Xã Mới", "Phật giáo")
    last = AuditEntry.objects.filter(action="member.update").order_by("pk").last()
    assert last.before["hometown"] == "Xã Mới"
