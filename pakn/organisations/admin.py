from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from pakn.core.admin import ReadOnlyModelAdmin
from pakn.core.http import client_ip
from pakn.organisations.models import (
    AdministrativeArea,
    Category,
    Membership,
    MembershipChange,
    MembershipChangeAction,
    RoutingRule,
    TwoFactorPolicy,
    Unit,
)


def record_membership_change(request, membership: Membership, action: str) -> None:
    """Changes made in the admin are audited like those made by unit administrators."""
    MembershipChange.objects.create(
        actor=request.user,
        action=action,
        officer=membership.user,
        unit=membership.unit,
        role=membership.role,
        via="admin",
        ip_address=client_ip(request),
    )


def _action_for(membership: Membership) -> str:
    return MembershipChangeAction.GRANT if membership.is_active else MembershipChangeAction.REVOKE


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

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            record_membership_change(request, membership, MembershipChangeAction.REVOKE)
            membership.delete()
        for membership in instances:
            membership.save()
            record_membership_change(request, membership, _action_for(membership))
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "is_active", "created_at"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or form.changed_data:
            record_membership_change(request, obj, _action_for(obj))

    def delete_model(self, request, obj):
        record_membership_change(request, obj, MembershipChangeAction.REVOKE)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "unit"):
            record_membership_change(request, membership, MembershipChangeAction.REVOKE)
        super().delete_queryset(request, queryset)


@admin.register(TwoFactorPolicy)
class TwoFactorPolicyAdmin(admin.ModelAdmin):
    list_display = ["role", "totp_required", "updated_at"]
    list_editable = ["totp_required"]


@admin.register(MembershipChange)
class MembershipChangeAdmin(ReadOnlyModelAdmin):
    """The audit trail: searchable, never editable."""

    list_display = ["created_at", "actor", "action", "officer", "unit", "role", "via", "ip_address"]
    list_filter = ["action", "via", "role"]
    search_fields = ["actor__username", "officer__username", "unit__name"]
    list_select_related = ["actor", "officer", "unit"]
    date_hierarchy = "created_at"


@admin.register(AdministrativeArea)
class AdministrativeAreaAdmin(ReadOnlyModelAdmin):
    """Areas come from the official list (load_areas); administrators only look them up and
    enter the population where it is known (the adoption pages' share of the population)."""

    list_display = ["code", "name", "division_type", "parent", "population", "is_active"]
    fields = ["code", "name", "division_type", "codename", "level", "parent", "is_active",
              "population", "population_is_demo"]  # fmt: skip
    readonly_fields = ["code", "name", "division_type", "codename", "level", "parent", "is_active"]
    list_filter = ["level", "is_active", "division_type"]
    search_fields = ["code", "name", "codename"]
    list_select_related = ["parent"]

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent", "default_answer_days", "position", "is_active"]
    list_editable = ["default_answer_days", "position", "is_active"]
    list_filter = ["is_active", "parent"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "area", "unit", "automatic"]
    list_filter = ["automatic", "category"]
    search_fields = ["category__name", "area__name", "unit__name"]
    autocomplete_fields = ["category", "area", "unit"]
    list_select_related = ["category", "area", "unit"]
