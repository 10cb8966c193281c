"""Login, logout, password change (Django's views with our templates and throttle), API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import tokens
from .forms import ThrottledAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("password_change_done")


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """The user's own API tokens; a new one is shown in this answer only."""
    context = {"new_token": None, "plain": "", "error": ""}
    if request.method == "POST":
        try:
            context["new_token"], context["plain"] = tokens.create_api_token(
                request.user, request.POST.get("name", "")
            )
        except tokens.TokenError as exc:
            context["error"] = str(exc)
    context["tokens"] = request.user.api_tokens.order_by("revoked", "-created")
    response = render(request, "accounts/tokens.html", context)
    response["Cache-Control"] = "no-store"  # the new token must not stay in any cache
    return response


@login_required
@require_POST
def revoke_api_token(request, pk: int):
    try:
        tokens.revoke_api_token(request.user, pk)
    except tokens.TokenError as exc:
        raise Http404(str(exc)) from None
    messages.success(request, _("Đã thu hồi khóa; chương trình dùng khóa đó không gọi được nữa."))
    return redirect("api_tokens")
