"""Login, logout and password change: Django's views with our templates and throttle."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from .forms import ThrottledAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("password_change_done")
