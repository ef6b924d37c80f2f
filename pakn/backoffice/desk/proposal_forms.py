"""The desk's forms for the national programme's two actions on proposals: a province sends
one up to a ministry (forward_up), a co-handling unit gives its opinion (give_opinion). Like
the other action forms they only parse input for report_apply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.backoffice.desk.forms import ActionForm, NoteMixin
from pakn.backoffice.forms import UnitChoiceField
from pakn.organisations.models import Unit
from pakn.reports.models import CONTENT_MAX_LENGTH
from pakn.reports.services.proposals import ministries_for_forwarding


class ForwardUpForm(NoteMixin, ActionForm):
    action = "forward_up"
    title = _("Chuyển đề xuất lên bộ, ngành")
    button = _("Chuyển lên bộ, ngành")
    button_class = "button--secondary"
    unit = UnitChoiceField(
        label=_("Bộ, ngành tiếp nhận"),
        queryset=Unit.objects.none(),
        empty_label=_("— Chọn bộ, ngành —"),
        error_messages={"required": _("Vui lòng chọn bộ, ngành tiếp nhận đề xuất.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = ministries_for_forwarding()
        self._add_note(
            _("Lý do chuyển (không bắt buộc)"),
            help_text=_("Nội bộ: chỉ cán bộ đọc được."),
        )


class GiveOpinionForm(ActionForm):
    action = "give_opinion"
    title = _("Gửi ý kiến phối hợp")
    button = _("Gửi ý kiến")
    opinion = forms.CharField(
        label=_("Ý kiến của đơn vị phối hợp"),
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Gửi đơn vị chủ trì xử lý; người gửi không xem được."),
        error_messages={"required": _("Vui lòng nhập ý kiến phối hợp.")},
    )
