from django.contrib import admin

from .models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Read-mostly: the tree is changed through services (paths, audit), so the
    admin shows it and lets staff search, but does not add or edit nodes."""

    list_display = ["code", "name", "level", "kind", "parent", "active"]
    list_filter = ["level", "kind", "active"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    readonly_fields = ["path", "depth"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
