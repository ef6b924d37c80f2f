from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from pakn.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "account_type", "is_active", "is_staff"]
    list_filter = ["account_type", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("PAKN"), {"fields": ["account_type", "full_name", "phone", "password_must_change"]}),
    ]
