"""The demo's user accounts and the lines that tell a newcomer how to log in."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db.models import Q

from daihoi.accounts.models import Role, User

# A published password is fine for a demo on one's own machine, and only there.
DEMO_PASSWORD = "daihoi-demo"
DEMO_URL = "http://127.0.0.1:8000/"
ADMIN = "admin"
VIEWER = "xem"
DISTRICT_PREFIX = "huyen"  # huyen01, huyen02… one per district-level unit, in code order


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    organization_code: str
    superuser: bool = False


def demo_logins(province_code: str, district_codes: list[str]) -> list[Login]:
    logins = [Login(ADMIN, Role.ADMINISTRATOR, province_code, superuser=True)]
    for number, code in enumerate(sorted(district_codes), start=1):
        logins.append(Login(f"{DISTRICT_PREFIX}{number:02d}", Role.STAFF, code))
    logins.append(Login(VIEWER, Role.VIEWER, province_code))
    return logins


def create_users(logins: list[Login], org_ids: dict[str, int]) -> int:
    """Create the accounts that do not exist yet; an existing one is left untouched.

    The password is hashed once and shared: hashing is deliberately slow (about
    a third of a second), and a dozen accounts with one published password gain
    nothing from separate salts.
    """
    taken = set(
        User.objects.filter(username__in=[x.username for x in logins]).values_list(
            "username", flat=True
        )
    )
    encoded = make_password(DEMO_PASSWORD)
    users = [
        User(
            username=login.username,
            password=encoded,
            organization_id=org_ids[login.organization_code],
            role=login.role,
            is_staff=login.superuser,
            is_superuser=login.superuser,
        )
        for login in logins
        if login.username not in taken
    ]
    User.objects.bulk_create(users)
    return len(users)


def login_lines(address: str | None = None) -> list[str]:
    """What `daihoi demo` prints last: where to go (the address the server will listen on)
    and who to be."""
    users = (
        User.objects.filter(
            Q(username__in=[ADMIN, VIEWER]) | Q(username__startswith=DISTRICT_PREFIX)
        )
        .select_related("organization")
        .order_by("username")
    )
    ordered = sorted(users, key=lambda u: (u.username != ADMIN, u.username == VIEWER, u.username))
    if not ordered:
        return ["Cơ sở dữ liệu này không có tài khoản mẫu."]
    url = f"http://{address}/" if address else DEMO_URL
    lines = [f"Mở {url} và đăng nhập bằng mật khẩu '{DEMO_PASSWORD}' với một trong các tài khoản:"]
    for user in ordered:
        org = user.organization.name if user.organization_id else "-"
        lines.append(f"  {user.username:<8} {str(user.get_role_display()):<16} {org}")
    return lines
