from django.contrib import admin

from .models import ColumnMapping, Member, Planning, Post


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    fields = ["title", "organization", "key_post", "started_on", "ended_on"]
    raw_id_fields = ["organization"]


class PlanningInline(admin.TabularInline):
    model = Planning
    extra = 0


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """Read-only: every change to a member goes through the audited services
    (the member pages, the Excel import), never a bare save from the admin."""

    list_display = ["code", "full_name", "gender", "birth_date", "status", "organization"]
    list_filter = ["status", "gender", "political_theory"]
    list_select_related = ["organization"]
    search_fields = ["code", "search_name", "full_name"]
    readonly_fields = ["full_name", "search_name"]
    raw_id_fields = ["organization"]
    inlines = [PostInline, PlanningInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    """Read-only: mappings are saved and deleted through the audited services
    (`daihoi column_mapping`)."""

    list_display = ["name", "description", "updated_at"]
    readonly_fields = ["name", "description", "columns", "created_by", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
