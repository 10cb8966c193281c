from django.contrib.auth import authenticate

from daihoi.accounts.models import Role, User
from daihoi.demo.logins import DEMO_PASSWORD


def test_it_puts_the_admin_and_viewer_at_the_province_and_a_clerk_in_each_district(demo):
    admin = User.objects.get(username="admin")
    assert admin.role == Role.ADMINISTRATOR and admin.is_superuser
    assert admin.organization.level == "province"
    viewer = User.objects.get(username="xem")
    assert viewer.role == Role.VIEWER and not viewer.can_edit
    assert viewer.organization == admin.organization
    clerks = User.objects.filter(username__startswith="huyen").order_by("username")
    assert [u.username for u in clerks] == ["huyen01", "huyen02"]
    assert [u.organization.code for u in clerks] == ["99.01", "99.02"]
    assert all(u.role == Role.STAFF and not u.is_superuser for u in clerks)
    assert demo.users == 4


def test_it_lets_them_log_in_with_the_demo_password(demo):
    assert authenticate(username="huyen02", password=DEMO_PASSWORD) is not None
    assert authenticate(username="admin", password="wrong") is None
