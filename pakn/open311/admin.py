from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pakn.core.admin import ReadOnlyModelAdmin
from pakn.open311.models import ApiKey, ServiceAttribute, Submission
from pakn.open311.services import api_key_create


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are created here or by ``manage.py open311_key_create``; the key itself is shown
    once, on the page after creation. Revoke a key by unticking "Đang hiệu lực"."""

    list_display = ["name", "prefix", "rate_limit_per_minute", "is_active", "created_at",
                    "last_used_at"]  # fmt: skip
    list_filter = ["is_active"]
    search_fields = ["name", "prefix"]
    fields = ["name", "contact", "rate_limit_per_minute", "is_active", "prefix", "account",
              "created_at", "last_used_at"]  # fmt: skip
    readonly_fields = ["prefix", "account", "created_at", "last_used_at"]

    def has_delete_permission(self, request, obj=None):
        return False  # its reports and record point at it: revoke instead

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        api_key, raw_key = api_key_create(
            name=obj.name, rate_limit_per_minute=obj.rate_limit_per_minute, contact=obj.contact
        )
        if not obj.is_active:
            ApiKey.objects.filter(pk=api_key.pk).update(is_active=False)
        obj.pk, obj.prefix, obj.account = api_key.pk, api_key.prefix, api_key.account
        obj._raw_key = raw_key

    def response_add(self, request, obj, post_url_continue=None):
        return TemplateResponse(
            request,
            "open311/api_key_created.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Khóa API Open311 đã được tạo"),
                "api_key": obj,
                "raw_key": obj._raw_key,
                "change_url": reverse("admin:open311_apikey_change", args=[obj.pk]),
            },
        )


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyModelAdmin):
    """What each partner sent, accepted or refused, with the sender's contact details: seen
    by system administrators only, never by the units or the public."""

    list_display = ["created_at", "api_key", "status_code", "service_code", "report"]
    list_filter = ["status_code", "api_key"]
    search_fields = ["report__code", "service_code"]
    list_select_related = ["api_key", "report"]


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(admin.ModelAdmin):
    """The extra questions a sector asks through Open311 (services/{code})."""

    list_display = ["category", "order", "code", "description", "datatype", "required"]
    list_filter = ["category", "datatype", "required"]
    list_select_related = ["category"]
    search_fields = ["code", "description"]
