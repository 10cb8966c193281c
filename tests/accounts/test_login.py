import pytest
from django.urls import reverse

PASSWORD = "mat-khau-9xq"


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


PAGES = [
    ("home", []),
    ("organizations:tree", []),
    ("organizations:detail", ["east"]),
    ("organizations:children", ["east"]),
    ("people:member_list", []),
    ("people:member_create", []),
    ("people:excel", []),
    ("password_change", []),
]


@pytest.mark.parametrize("name,args", PAGES)
def test_it_sends_anonymous_visitors_to_login(client, tree, name, args):
    url = reverse(name, args=[getattr(tree, a).pk for a in args])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_logs_in_and_out(client, users):
    response = login(client, "dong", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    page = client.get(reverse("home"))
    assert "Đảng bộ huyện Đông" in page.text
    assert client.get(reverse("logout")).status_code == 405  # a link cannot log out
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_it_says_in_vietnamese_when_the_password_is_wrong(client, users):
    response = login(client, "dong", "sai")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.text


def test_it_refuses_the_sixth_try_even_with_the_right_password(client, users, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for _ in range(5):
        login(client, "dong", "sai")
    response = login(client, "dong", PASSWORD)
    assert response.status_code == 200
    assert "Đăng nhập sai quá nhiều lần" in response.text
    assert "thử lại sau 15 phút" in response.text
    assert "_auth_user_id" not in client.session


def test_it_counts_failures_per_username_whatever_the_case(client, users, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for name in ("DONG", "dong", " Dong"):
        login(client, name, "sai")
    assert "Đăng nhập sai quá nhiều lần" in login(client, "dong", PASSWORD).text


def test_it_forgets_old_failures_after_the_window(client, users, settings, monkeypatch):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        login(client, "dong", "sai")
    import time

    later = time.time() + settings.LOGIN_FAILURE_WINDOW_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert login(client, "dong", PASSWORD).status_code == 302


def test_it_resets_the_counter_after_a_successful_login(client, users, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for _ in range(4):
        login(client, "dong", "sai")
    assert login(client, "dong", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        login(client, "dong", "sai")
    assert login(client, "dong", PASSWORD).status_code == 302


def test_it_locks_out_an_address_that_tries_many_usernames(client, users, settings):
    settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_ADDRESS_LIMIT = 2, 8
    for i in range(8):
        login(client, f"khong-co-{i}", "sai")
    assert "Đăng nhập sai quá nhiều lần" in login(client, "dong", PASSWORD).text


def test_it_changes_the_password(client, users):
    client.force_login(users.east)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "mot-mat-khau-moi-7",
            "new_password2": "mot-mat-khau-moi-7",
        },
    )
    assert response.status_code == 302
    users.east.refresh_from_db()
    assert users.east.check_password("mot-mat-khau-moi-7")


def test_it_switches_the_interface_to_english(client, users, tree):
    client.force_login(users.east)
    assert "Tổ chức đảng" in client.get(reverse("organizations:tree")).text
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("organizations:tree")}
    )
    assert response.status_code == 302
    page = client.get(reverse("organizations:tree")).text
    assert "Party organisations" in page
    assert "Log out" in page
    assert '<html lang="en">' in page
