from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pakn.core.admin import ReadOnlyModelAdmin
from pakn.reports.models import (
    AnswerTemplate,
    Event,
    InboundEmail,
    MailboxState,
    Proposal,
    Report,
    ReportStatus,
)

# The audit list's names of the workflow actions (and of the events written outside it).
ACTION_LABELS = {
    "submit": _("Gửi phản ánh"),
    "withdraw": _("Rút phản ánh"),
    "classify": _("Phân loại"),
    "reject": _("Không tiếp nhận"),
    "merge": _("Gộp trùng"),
    "forward": _("Chuyển xử lý"),
    "accept": _("Tiếp nhận xử lý"),
    "return": _("Chuyển trả"),
    "forward_sub_unit": _("Chuyển đơn vị trực thuộc"),
    "add_co_handler": _("Mời đơn vị phối hợp"),
    "forward_up": _("Chuyển đề xuất lên bộ, ngành"),
    "give_opinion": _("Ý kiến phối hợp"),
    "ask_citizen": _("Đề nghị bổ sung thông tin"),
    "citizen_replied": _("Người gửi bổ sung thông tin"),
    "request_extension": _("Xin gia hạn"),
    "decide_extension": _("Quyết định gia hạn"),
    "submit_answer": _("Trình dự thảo kết quả"),
    "approve_answer": _("Duyệt kết quả"),
    "review_answer": _("Xem xét kết quả"),
    "send_back_answer": _("Trả lại dự thảo"),
    "rate": _("Đánh giá"),
    "publish": _("Công khai"),
    "unpublish": _("Thôi công khai"),
    "reopen": _("Xử lý lại"),
    "close": _("Kết thúc"),
}


class ActionFilter(admin.SimpleListFilter):
    """The actions by their Vietnamese names, without a query for the distinct values."""

    title = _("Thao tác")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return list(ACTION_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


def _status_label(value: str) -> str:
    return ReportStatus(value).label if value in ReportStatus.values else value or "—"


@admin.register(Event)
class EventAdmin(ReadOnlyModelAdmin):
    """The audit trail of officer actions for system administrators: who did what, from
    which unit and address, when; filtered and searched, never added, edited or deleted."""

    list_display = ["created_at", "report_code", "action_label", "actor_name", "actor_unit",
                    "status_change", "ip_address", "is_public"]  # fmt: skip
    list_filter = [
        ActionFilter,
        ("actor_unit", admin.RelatedOnlyFieldListFilter),
        ("created_at", admin.DateFieldListFilter),
        "is_public",
    ]
    search_fields = ["report__code", "actor__username", "actor__full_name"]
    search_help_text = _("Tìm theo mã số PAKN, tên đăng nhập hoặc họ tên người thực hiện.")
    date_hierarchy = "created_at"
    list_select_related = ["report", "actor", "actor_unit"]
    ordering = ["-created_at", "-id"]
    list_per_page = 50
    show_full_result_count = False  # one count less on every page of a long trail

    @admin.display(description=_("Mã số PAKN"), ordering="report__code")
    def report_code(self, event: Event) -> str:
        return event.report.code or _("Bản nháp")

    @admin.display(description=_("Thao tác"), ordering="action")
    def action_label(self, event: Event) -> str:
        return ACTION_LABELS.get(event.action, event.action)

    @admin.display(description=_("Người thực hiện"), ordering="actor__username")
    def actor_name(self, event: Event) -> str:
        if event.actor is None:
            return _("Hệ thống")
        # A citizen's username is their ID number: shown masked, as everywhere but their own pages.
        name, full_name = event.actor.masked_username, event.actor.full_name
        return f"{name} ({full_name})" if full_name else name

    @admin.display(description=_("Trạng thái"))
    def status_change(self, event: Event) -> str:
        if event.from_status == event.to_status:
            return _status_label(event.to_status)
        return f"{_status_label(event.from_status)} → {_status_label(event.to_status)}"


class ProposalInline(admin.StackedInline):
    """A proposal's sections (seed 004), shown read-only with its report."""

    model = Proposal
    can_delete = False
    extra = 0
    exclude = ["submitting_unit"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyModelAdmin):
    """Reports change only through the workflow; the admin shows them."""

    inlines = [ProposalInline]

    list_display = ["code", "title", "status", "current_unit", "submitted_at", "answer_deadline"]
    list_filter = ["status", "kind", "channel", "is_published"]
    search_fields = ["code", "title"]
    list_select_related = ["current_unit"]
    exclude = ["reporter", "entered_by"]


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "category", "is_active", "updated_at"]
    list_filter = ["is_active", "category"]
    search_fields = ["title", "content", "unit__name"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(InboundEmail)
class InboundEmailAdmin(ReadOnlyModelAdmin):
    """Every message the intake mailbox read and what became of it (the audit of the e-mail
    queue); operators work on them at /can-bo/thu-dien-tu/."""

    list_display = ["received_at", "sender", "subject", "status", "report"]
    list_filter = ["status"]
    search_fields = ["message_id", "sender", "subject"]
    date_hierarchy = "received_at"
    list_select_related = ["report"]


@admin.register(MailboxState)
class MailboxStateAdmin(ReadOnlyModelAdmin):
    list_display = ["source", "checked_at", "succeeded_at", "failures_in_a_row", "last_error"]
