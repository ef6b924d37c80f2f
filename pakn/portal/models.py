"""What system administrators publish on the portal besides reports: announcements, the
directory of useful addresses (địa chỉ cần biết), guides and links to online public services.

Every change to these rows expires the cached public pages (the receivers at the end), so
visitors see an edit at once."""

import uuid

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from pakn.core.public_cache import public_cache_bump
from pakn.core.text import text_fold
from pakn.portal.images import announcement_image_clean
from pakn.portal.rich_text import rich_text_clean


def _unique_slug(instance: models.Model, source: str) -> str:
    """A readable ASCII slug from Vietnamese text (đ→d), unique in the model's table."""
    base = slugify(text_fold(source))[:70].strip("-") or uuid.uuid4().hex[:8]
    slug, number = base, 2
    model = type(instance)
    while model.objects.filter(slug=slug).exclude(pk=instance.pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


class AnnouncementKind(models.TextChoices):
    NEWS = "news", _("Tin tức")
    POLICY = "policy", _("Chính sách")
    TOURISM = "tourism", _("Du lịch")
    EVENT = "event", _("Sự kiện")


class AnnouncementQuerySet(models.QuerySet):
    def published(self, now=None):
        """Shown to visitors: publication time reached and not yet withdrawn."""
        now = now or timezone.now()
        return self.filter(publish_at__lte=now).filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now)
        )


def announcement_image_upload_to(instance, filename: str) -> str:
    dot = filename.rfind(".")
    suffix = filename[dot:].lower()[:6] if dot >= 0 else ""
    return f"announcements/{uuid.uuid4().hex}{suffix}"


class Announcement(models.Model):
    """News, policies, tourism and events on the home page (thông báo)."""

    title = models.CharField(_("Tiêu đề"), max_length=250)
    slug = models.SlugField(
        _("Đường dẫn"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tiêu đề."),
    )
    kind = models.CharField(
        _("Loại tin"), max_length=10, choices=AnnouncementKind.choices, default="news"
    )
    summary = models.TextField(_("Tóm tắt"), max_length=600, blank=True)
    body = models.TextField(
        _("Nội dung"),
        blank=True,
        help_text=_(
            "HTML đơn giản (đoạn văn, tiêu đề, danh sách, liên kết, ảnh, bảng). Mã script, "
            "thuộc tính sự kiện và liên kết javascript: bị loại bỏ khi lưu."
        ),
    )
    image = models.ImageField(_("Ảnh minh họa"), upload_to=announcement_image_upload_to, blank=True)
    image_alt = models.CharField(_("Mô tả ảnh"), max_length=200, blank=True)
    is_banner = models.BooleanField(
        _("Hiển thị trên banner trang chủ"), default=False, db_index=True
    )
    publish_at = models.DateTimeField(_("Công bố lúc"), default=timezone.now, db_index=True)
    unpublish_at = models.DateTimeField(
        _("Ngừng hiển thị lúc"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu hiển thị không thời hạn."),
    )
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("Thông báo, tin tức")
        verbose_name_plural = _("Thông báo, tin tức")
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["kind", "-publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=models.F("publish_at")),
                name="announcement_unpublish_after_publish",
                violation_error_message=_("Thời điểm ngừng hiển thị phải sau thời điểm công bố."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = rich_text_clean(self.body)
        if not self.slug:
            self.slug = _unique_slug(self, self.title)
        if self.image and not self.image._committed:  # a new upload: strip its metadata
            self.image = announcement_image_clean(self.image)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:announcement", args=[self.slug])

    @property
    def is_published(self) -> bool:
        now = timezone.now()
        return self.publish_at <= now and (self.unpublish_at is None or self.unpublish_at > now)


class DirectoryEntry(models.Model):
    """A useful address (địa chỉ cần biết): emergency numbers, police, power, water,
    commune People's Committees…"""

    name = models.CharField(_("Tên cơ quan, đơn vị"), max_length=200)
    group = models.CharField(
        _("Nhóm"),
        max_length=100,
        help_text=_("Ví dụ: Cấp cứu, Công an, Điện lực, Cấp nước, UBND xã, phường."),
    )
    address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("Điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("Thư điện tử"), blank=True)
    website = models.URLField(_("Trang web"), blank=True)
    opening_hours = models.CharField(_("Giờ làm việc"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("Thứ tự"), default=0)

    class Meta:
        verbose_name = _("Địa chỉ cần biết")
        verbose_name_plural = _("Địa chỉ cần biết")
        ordering = ["order", "group", "name"]

    def __str__(self) -> str:
        return f"{self.group}: {self.name}"


class Guide(models.Model):
    """A page of the user guide (hướng dẫn)."""

    title = models.CharField(_("Tiêu đề"), max_length=200)
    slug = models.SlugField(_("Đường dẫn"), max_length=80, unique=True, blank=True)
    summary = models.CharField(_("Tóm tắt"), max_length=300, blank=True)
    body = models.TextField(
        _("Nội dung"),
        help_text=_("HTML đơn giản; mã script và liên kết javascript: bị loại bỏ khi lưu."),
    )
    order = models.PositiveIntegerField(_("Thứ tự"), default=0)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Hướng dẫn")
        verbose_name_plural = _("Hướng dẫn")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = rich_text_clean(self.body)
        if not self.slug:
            self.slug = _unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:guide", args=[self.slug])


class OnlineServiceLink(models.Model):
    """A link to an online public service portal (dịch vụ công trực tuyến)."""

    name = models.CharField(_("Tên"), max_length=200)
    url = models.URLField(_("Địa chỉ (URL)"))
    description = models.CharField(_("Mô tả"), max_length=400, blank=True)
    order = models.PositiveIntegerField(_("Thứ tự"), default=0)

    class Meta:
        verbose_name = _("Dịch vụ công trực tuyến")
        verbose_name_plural = _("Dịch vụ công trực tuyến")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


@receiver(post_save, sender=Announcement)
@receiver(post_save, sender=DirectoryEntry)
@receiver(post_save, sender=Guide)
@receiver(post_save, sender=OnlineServiceLink)
@receiver(post_delete, sender=Announcement)
@receiver(post_delete, sender=DirectoryEntry)
@receiver(post_delete, sender=Guide)
@receiver(post_delete, sender=OnlineServiceLink)
def _public_content_changed(sender, **kwargs) -> None:
    """Signals rather than save(): the admin's bulk delete does not call delete()."""
    public_cache_bump()


class AboutPage(models.Model):
    """The "Giới thiệu" page of the main menu (seed 002): one page, edited in the admin."""

    title = models.CharField(_("Tiêu đề"), max_length=200, default="Giới thiệu")
    body = models.TextField(
        _("Nội dung"),
        help_text=_("HTML đơn giản; mã script và liên kết javascript: bị loại bỏ khi lưu."),
    )
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("Trang giới thiệu")
        verbose_name_plural = _("Trang giới thiệu")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # one page: a second save edits it
        self.body = rich_text_clean(self.body)
        super().save(*args, **kwargs)
