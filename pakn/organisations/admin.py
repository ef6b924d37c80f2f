from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from pakn.organisations.models import AdministrativeArea, Category, Membership, Unit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    form = movenodeform_factory(Unit)
    list_display = ["name", "code", "kind", "phone", "email", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["areas"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "is_active", "created_at"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


@admin.register(AdministrativeArea)
class AdministrativeAreaAdmin(admin.ModelAdmin):
    """Areas come from the official list (load_areas); administrators only look them up."""

    list_display = ["code", "name", "division_type", "parent", "is_active"]
    list_filter = ["level", "is_active", "division_type"]
    search_fields = ["code", "name", "codename"]
    list_select_related = ["parent"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent", "default_answer_days", "position", "is_active"]
    list_editable = ["default_answer_days", "position", "is_active"]
    list_filter = ["is_active", "parent"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
