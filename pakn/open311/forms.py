"""What a partner may send with POST requests (GeoReport v2), checked field by field. Each
error becomes one ``{code: 400, description}`` of the answer."""

import re
from decimal import Decimal

from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from pakn.core.typed_input import parse_decimal
from pakn.open311.models import AttributeType, ServiceAttribute
from pakn.organisations.models import AdministrativeArea, AreaLevel, Category
from pakn.reports.forms import coordinate_in_vietnam
from pakn.reports.models import VIETNAM_LATITUDE, VIETNAM_LONGITUDE

DESCRIPTION_MAX_LENGTH = 4_000  # the GeoReport v2 specification's own limit
MEDIA_URL_MAX_LENGTH = 1_000
ATTRIBUTE_FIELD = re.compile(r"attribute\[([A-Za-z0-9_.:-]{1,100})\](\[\])?")
ATTRIBUTE_MAX_LENGTH = 1_000
ATTRIBUTES_MAX = 50


class ServiceRequestForm(forms.Form):
    service_code = forms.CharField(
        max_length=100, error_messages={"required": _("Thiếu service_code (lĩnh vực).")}
    )
    lat = forms.CharField(required=False, max_length=40)
    long = forms.CharField(required=False, max_length=40)
    address_string = forms.CharField(required=False, max_length=300)
    address_id = forms.CharField(required=False, max_length=20)
    email = forms.EmailField(required=False, max_length=254)
    device_id = forms.CharField(required=False, max_length=150)
    account_id = forms.CharField(required=False, max_length=150)
    first_name = forms.CharField(required=False, max_length=150)
    last_name = forms.CharField(required=False, max_length=150)
    phone = forms.CharField(required=False, max_length=30)
    description = forms.CharField(
        max_length=DESCRIPTION_MAX_LENGTH,
        error_messages={"required": _("Thiếu description (nội dung phản ánh).")},
    )
    media_url = forms.URLField(
        required=False, max_length=MEDIA_URL_MAX_LENGTH, assume_scheme="https"
    )

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # What was sent, as sent: attribute[CODE]=value, attribute[CODE][]=key for lists.
        self.attributes: dict[str, str | list[str]] = {}
        for name in list(data)[:200]:
            match = ATTRIBUTE_FIELD.fullmatch(name)
            if match and len(self.attributes) < ATTRIBUTES_MAX:
                values = [v[:ATTRIBUTE_MAX_LENGTH] for v in data.getlist(name)][:ATTRIBUTES_MAX]
                self.attributes[match.group(1)] = values if match.group(2) else values[-1]
        self.answers: list[tuple[str, str]] = []  # (question, answer) for the officers

    def clean_service_code(self) -> Category:
        code = self.cleaned_data["service_code"].strip()
        category = Category.objects.filter(code=code, is_active=True).first()
        if category is None:
            raise forms.ValidationError(_("Không có lĩnh vực với service_code này."))
        return category

    def clean_lat(self):
        return self._coordinate("lat", VIETNAM_LATITUDE)

    def clean_long(self):
        return self._coordinate("long", VIETNAM_LONGITUDE)

    def _coordinate(self, name, bounds) -> Decimal | None:
        return coordinate_in_vietnam(self.cleaned_data.get(name), bounds)

    def clean_address_id(self) -> AdministrativeArea | None:
        code = self.cleaned_data["address_id"].strip()
        if not code:
            return None
        area = AdministrativeArea.objects.filter(
            code=code, level=AreaLevel.COMMUNE, is_active=True
        ).first()
        if area is None:
            raise forms.ValidationError(
                _("address_id phải là mã một xã, phường, đặc khu đang có hiệu lực.")
            )
        return area

    def clean_media_url(self) -> str:
        url = self.cleaned_data["media_url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("media_url phải là địa chỉ http hoặc https."))
        return url

    def _clean_attributes(self, category: Category) -> None:
        """The sector's questions: required ones answered, numbers, dates and choices valid."""
        for attribute in category.open311_attributes.all():
            sent = self.attributes.get(attribute.code)
            values = [v.strip() for v in (sent if isinstance(sent, list) else [sent or ""])]
            values = [v for v in values if v]
            field = f"attribute[{attribute.code}]"
            if not values:
                if attribute.required:
                    self.add_error(None, f"{field}: " + _("Vui lòng trả lời: %(question)s")
                                   % {"question": attribute.description})  # fmt: skip
                continue
            try:
                answer = _attribute_answer(attribute, values)
            except forms.ValidationError as error:
                self.add_error(None, f"{field}: {error.messages[0]}")
                continue
            self.answers.append((attribute.description, answer))

    def clean(self):
        data = super().clean()
        if isinstance(data.get("service_code"), Category):
            self._clean_attributes(data["service_code"])
        latitude, longitude = data.get("lat"), data.get("long")
        if self.has_error("lat") or self.has_error("long"):
            return data
        if (latitude is None) != (longitude is None):
            self.add_error("lat", _("Vị trí chưa đầy đủ: cần cả lat và long."))
        elif latitude is None and not data.get("address_string") and not data.get("address_id"):
            if not self.has_error("address_id") and not self.has_error("address_string"):
                self.add_error(
                    None, _("Cần vị trí: lat và long, hoặc address_string, hoặc address_id.")
                )
        return data

    def error_descriptions(self) -> list[str]:
        """One line per error, prefixed with the parameter's name."""
        lines = []
        for name, errors in self.errors.items():
            for message in errors:
                lines.append(message if name == "__all__" else f"{name}: {message}")
        return lines


def _attribute_answer(attribute: ServiceAttribute, values: list[str]) -> str:
    """The answer as the officers read it, or a ValidationError saying what is wrong."""
    if attribute.datatype in (AttributeType.SINGLE, AttributeType.MULTIPLE):
        choices = attribute.choices
        if attribute.datatype == AttributeType.SINGLE and len(values) > 1:
            raise forms.ValidationError(_("Chỉ được chọn một giá trị."))
        unknown = [v for v in values if v not in choices]
        if unknown:
            raise forms.ValidationError(
                _("Giá trị không có trong danh sách: %(keys)s.") % {"keys": ", ".join(choices)}
            )
        return ", ".join(choices[v] for v in values)
    value = values[-1]
    if attribute.datatype == AttributeType.NUMBER:
        return str(parse_decimal(value, places=6).normalize())
    if attribute.datatype == AttributeType.DATETIME:
        try:
            parsed = parse_datetime(value) if value.isascii() and len(value) <= 40 else None
        except ValueError:
            parsed = None
        if parsed is None:
            raise forms.ValidationError(
                _("Ngày giờ không hợp lệ (dạng 2026-01-31T08:00:00+07:00).")
            )
        return value
    return value
