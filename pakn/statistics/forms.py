"""The filters of the statistics page and of its exports: a period (a preset or two dates),
a sector, a commune and a unit (with or without its sub-units)."""

import datetime

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pakn.core.public_cache import public_cache_get_or_set
from pakn.core.typed_input import DateInputField, ModelIdChoiceField
from pakn.organisations.models import AdministrativeArea, AreaLevel, Category, Unit
from pakn.organisations.selectors import category_choices
from pakn.reports.models import Report
from pakn.statistics.selectors import StatisticsFilters

PERIOD_12_MONTHS = "12m"
PERIOD_CUSTOM = "custom"
PERIODS = (
    (PERIOD_12_MONTHS, _("12 tháng gần đây")),
    ("month", _("Tháng này")),
    ("quarter", _("Quý này")),
    ("year", _("Năm nay")),
    ("last_year", _("Năm trước")),
    ("all", _("Toàn bộ thời gian")),
    (PERIOD_CUSTOM, _("Tùy chọn (từ ngày – đến ngày)")),
)
SCOPE_SUBTREE = "subtree"
SCOPE_UNIT = "unit"


def period_dates(
    period: str, today: datetime.date
) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and last day (both included) of a preset period."""
    if period == "month":
        return today.replace(day=1), today
    if period == "quarter":
        return today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1), today
    if period == "year":
        return today.replace(month=1, day=1), today
    if period == "last_year":
        return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
    if period == "all":
        return None, None
    return today - datetime.timedelta(days=364), today


class UnitChoiceField(ModelIdChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return self.indented(obj.name, obj.depth)

    @staticmethod
    def indented(name: str, depth: int) -> str:
        # The tree shows in the list: one step of indentation per level below the agencies.
        return "\u00a0\u00a0" * max(depth - 2, 0) + name


def _communes_with_reports():
    # Only the communes where reports were sent: the national list has 3,321.
    return AdministrativeArea.objects.filter(
        Exists(Report.objects.filter(commune=OuterRef("pk")).exclude(status="draft")),
        level=AreaLevel.COMMUNE,
    )


def statistics_filter_choices() -> dict[str, list[tuple[int, str]]]:
    """The lists of the filter form, kept in the public cache: its version moves when a
    unit, sector or area changes (organisations.receivers) or a report is published, and the
    lists expire after a few minutes anyway (a commune's first report)."""

    def compute():
        units = Unit.objects.filter(is_active=True).order_by("path")
        return {
            "sector": category_choices(),
            "commune": list(_communes_with_reports().order_by("name").values_list("pk", "name")),
            "unit": [
                (pk, UnitChoiceField.indented(name, depth))
                for pk, name, depth in units.values_list("pk", "name", "depth")
            ],
        }

    return public_cache_get_or_set("statistics-filter-choices", compute)


class StatisticsFilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Thời gian gửi"), choices=PERIODS, required=False, initial=PERIOD_12_MONTHS
    )
    date_from = DateInputField(label=_("Từ ngày"), required=False)
    date_to = DateInputField(label=_("Đến ngày"), required=False)
    sector = ModelIdChoiceField(
        label=_("Lĩnh vực"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Tất cả lĩnh vực"),
    )
    commune = ModelIdChoiceField(
        label=_("Xã, phường, đặc khu"),
        queryset=AdministrativeArea.objects.none(),
        required=False,
        empty_label=_("Tất cả địa bàn"),
    )
    unit = UnitChoiceField(
        label=_("Cơ quan, đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả cơ quan, đơn vị"),
    )
    scope = forms.ChoiceField(
        label=_("Phạm vi"),
        choices=(
            (SCOPE_SUBTREE, _("Gồm cả đơn vị trực thuộc")),
            (SCOPE_UNIT, _("Chỉ riêng đơn vị này")),
        ),
        required=False,
        initial=SCOPE_SUBTREE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The querysets check a chosen id (one query, only when a filter is chosen); the
        # lists come from the public cache instead of thousands of rows on every request.
        choices = statistics_filter_choices()
        self.fields["sector"].queryset = Category.objects.filter(is_active=True)
        self.fields["commune"].queryset = _communes_with_reports()
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
        for name in ("sector", "commune", "unit"):
            field = self.fields[name]
            field.choices = [("", field.empty_label), *choices[name]]

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period") or ""
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if period in ("", PERIOD_CUSTOM) and (date_from or date_to):
            period = PERIOD_CUSTOM
        elif period in ("", PERIOD_CUSTOM):
            period = PERIOD_12_MONTHS
        if period != PERIOD_CUSTOM:
            date_from, date_to = period_dates(period, timezone.localdate())
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        cleaned.update(period=period, date_from=date_from, date_to=date_to)
        return cleaned

    def filters(self) -> StatisticsFilters:
        """The filters chosen, or the default (the last 12 months) when the form is invalid."""
        if not self.is_valid():
            start, end = period_dates(PERIOD_12_MONTHS, timezone.localdate())
            return StatisticsFilters(date_from=start, date_to=end)
        data = self.cleaned_data
        return StatisticsFilters(
            date_from=data["date_from"],
            date_to=data["date_to"],
            category_id=data["sector"].pk if data["sector"] else None,
            commune_id=data["commune"].pk if data["commune"] else None,
            unit_id=data["unit"].pk if data["unit"] else None,
            include_sub_units=data.get("scope") != SCOPE_UNIT,
        )
