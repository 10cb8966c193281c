from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "organization", "role", "is_active"]
    list_filter = ["role", "is_active", "is_superuser"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Phạm vi"), {"fields": ["organization", "role", "personnel_access"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Phạm vi"), {"fields": ["organization", "role", "personnel_access"]}),
    ]
