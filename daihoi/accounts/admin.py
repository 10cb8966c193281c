from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "organization", "role", "is_active"]
    list_filter = ["role", "is_active", "is_superuser"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Phạm vi"), {"fields": ["organization", "role", "personnel_access"]}),
        (_("Ký văn bản"), {"fields": ["full_name"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Phạm vi"), {"fields": ["organization", "role", "personnel_access", "full_name"]}),
    ]
