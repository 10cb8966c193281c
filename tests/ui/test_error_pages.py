"""Error pages in Vietnamese, in the site's layout, never Django's technical pages (DEBUG off)."""

import pytest
from django.test import override_settings
from django.urls import reverse


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_an_unknown_address_gives_the_vietnamese_404(client, users, production):
    client.force_login(users.east)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text and 'class="main-nav"' in response.text
    assert "URLconf" not in response.text and "Page not found" not in response.text


def test_an_object_outside_the_subtree_is_the_same_404(client, users, tree, production):
    client.force_login(users.east)
    response = client.get(reverse("organizations:detail", args=[tree.west.pk]))
    assert response.status_code == 404 and "Không tìm thấy trang" in response.text


def test_a_forbidden_action_gives_the_vietnamese_403(client, users, production):
    client.force_login(users.east_viewer)
    response = client.get(reverse("people:member_create"))
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này" in response.text
    assert "403 Forbidden" not in response.text


def test_a_wrong_method_gives_a_page_not_an_empty_405(client, users, tree, production):
    client.force_login(users.east)
    response = client.get(reverse("congresses:attendance", args=[1]))
    assert response.status_code == 405
    assert "Thao tác không hợp lệ ở địa chỉ này" in response.text
    assert response["Allow"] == "POST"


def test_a_stale_form_explains_the_csrf_refusal(users, production):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users.east)
    response = browser.post(reverse("congresses:create"), {"name": "x"})
    assert response.status_code == 403 and "tải lại trang" in response.text


def test_a_server_error_gives_the_plain_vietnamese_500(client, users, production, monkeypatch):
    from daihoi.congresses import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "filter_congresses", broken)
    client.raise_request_exception = False
    client.force_login(users.east)
    response = client.get(reverse("congresses:list"))
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.text and "boom" not in response.text


@override_settings(LANGUAGE_CODE="en")
def test_the_english_interface_translates_the_404(client, users, production):
    client.force_login(users.east)
    client.cookies["django_language"] = "en"
    response = client.get("/khong-co/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "Page not found" in response.text
