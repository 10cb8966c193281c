"""The login form, throttled by `ratelimit`."""

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import ratelimit


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses every attempt, even a correct one, while this username at this address (or
    this address) is locked out, and says until when."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        attempt = ratelimit.begin(username, ratelimit.client_address(self.request))
        if isinstance(attempt, ratelimit.Lockout):
            raise self.lockout_error(attempt)
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.failed(attempt)
            raise
        ratelimit.succeeded(attempt)
        return cleaned

    @staticmethod
    def lockout_error(locked: ratelimit.Lockout) -> forms.ValidationError:
        minutes = (locked.seconds_left + 59) // 60
        at = timezone.localtime(dt.datetime.fromtimestamp(locked.retry_at, tz=dt.UTC))
        message = ngettext(
            "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút (lúc %(time)s).",
            "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút (lúc %(time)s).",
            minutes,
        ) % {"minutes": minutes, "time": at.strftime("%H:%M")}
        return forms.ValidationError(message, code="rate_limited")
