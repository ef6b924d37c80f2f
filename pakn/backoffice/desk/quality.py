"""The answer-quality guard on the desk's forms (approve, review, publish): each form reads
the warnings of pakn.reports.answer_quality for the answer it lets through, shows them with
the offending lines, and offers a reason field that report_apply's handlers require when
there are warnings. The API posts the same forms, so it follows the same rule."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.reports.answer_quality import answer_quality_lines, answer_quality_warnings
from pakn.reports.models import AnswerStatus
from pakn.reports.services.actions import QUALITY_REASON_MAX_LENGTH, published_answer


class AnswerQualityMixin:
    """Put before ActionForm. ``quality_text()`` names the answer the action lets through."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text = self.quality_text() or ""
        self.quality_warnings = (
            answer_quality_warnings(
                answer=text, report_title=self.report.title, report_content=self.report.content
            )  # fmt: skip
            if text.strip()
            else []
        )
        self.quality_lines = answer_quality_lines(text, self.quality_warnings)
        self.fields["quality_reason"] = forms.CharField(
            label=_("Lý do vẫn tiếp tục dù có cảnh báo"),
            required=False,
            max_length=QUALITY_REASON_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 2})
            if self.quality_warnings
            else forms.HiddenInput,
            help_text=_("Ghi vào quá trình xử lý (nội bộ)."),
        )

    def quality_text(self) -> str:
        raise NotImplementedError

    def params(self) -> dict:
        params = super().params()
        params["quality_reason"] = self.cleaned_data.get("quality_reason") or ""
        return params


class DraftQualityMixin(AnswerQualityMixin):
    """The draft awaiting approval or review, as typed in the form when it was posted."""

    def quality_text(self) -> str:
        if self.is_bound and "content" in self.fields:
            typed = (self.data.get(self.add_prefix("content")) or "").strip()
            if typed:
                return typed
        draft = getattr(self, "draft", None) or (
            self.report.answers.exclude(status=AnswerStatus.PUBLISHED)
            .order_by("-created_at")
            .first()
        )
        return draft.content if draft is not None else ""


class PublishedAnswerQualityMixin(AnswerQualityMixin):
    def quality_text(self) -> str:
        answer = published_answer(self.report)
        return answer.content if answer is not None else ""
