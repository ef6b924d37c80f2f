from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from pakn.portal.models import (
    AboutPage,
    Announcement,
    DirectoryEntry,
    Guide,
    OnlineServiceLink,
)
from pakn.reports.services.attachments import AttachmentRejected, picture_check


class AnnouncementAdminForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose what is shown)

    def clean_image(self):
        """A news picture is shown to everyone: it gets the checks of a citizen's photo
        (content, not name; no file hidden inside), not only Pillow's "can I open it"."""
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):  # a new picture, not the one already kept
            try:
                picture_check(uploaded_file=image)
            except AttachmentRejected as error:
                raise forms.ValidationError(str(error)) from None
        return image


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    form = AnnouncementAdminForm
    list_display = ["title", "kind", "is_banner", "publish_at", "unpublish_at", "shown"]
    list_filter = ["kind", "is_banner"]
    search_fields = ["title", "summary"]
    date_hierarchy = "publish_at"
    ordering = ["-publish_at"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "body"]}),
        (_("Ảnh"), {"fields": ["image", "image_alt", "is_banner"]}),
        (_("Thời gian hiển thị"), {"fields": ["publish_at", "unpublish_at"]}),
        (_("Lịch sử"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(boolean=True, description=_("Đang hiển thị"))
    def shown(self, announcement: Announcement) -> bool:
        return announcement.is_published


@admin.register(DirectoryEntry)
class DirectoryEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "phone", "order"]
    list_editable = ["order"]
    list_filter = ["group"]
    search_fields = ["name", "group", "address", "phone"]
    ordering = ["order", "group", "name"]


@admin.register(AboutPage)
class AboutPageAdmin(admin.ModelAdmin):
    list_display = ["title", "updated_at"]

    # The one page comes with its migration: edited, never added (answering without a query,
    # since the admin asks this of every model on every page) nor deleted.
    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "updated_at"]
    list_editable = ["order"]
    search_fields = ["title", "summary", "body"]
    ordering = ["order", "title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(OnlineServiceLink)
class OnlineServiceLinkAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "order"]
    list_editable = ["order"]
    search_fields = ["name", "url", "description"]
    ordering = ["order", "name"]
