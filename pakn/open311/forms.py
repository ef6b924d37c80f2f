"""What a partner may send with POST requests (GeoReport v2), checked field by field. Each
error becomes one ``{code: 400, description}`` of the answer."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pakn.core.typed_input import parse_decimal
from pakn.organisations.models import AdministrativeArea, AreaLevel, Category
from pakn.reports.forms import OUTSIDE_VIETNAM
from pakn.reports.models import VIETNAM_LATITUDE, VIETNAM_LONGITUDE

DESCRIPTION_MAX_LENGTH = 4_000  # the GeoReport v2 specification's own limit
MEDIA_URL_MAX_LENGTH = 1_000
ATTRIBUTE_FIELD = re.compile(r"attribute\[([A-Za-z0-9_.:-]{1,100})\]")
ATTRIBUTE_MAX_LENGTH = 1_000


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
        self.attributes: dict[str, str] = {}
        for name in data:
            match = ATTRIBUTE_FIELD.fullmatch(name)
            if match:
                self.attributes[match.group(1)] = data.get(name, "")[:ATTRIBUTE_MAX_LENGTH]

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
        raw = (self.cleaned_data.get(name) or "").strip()
        if not raw:
            return None
        try:
            return parse_decimal(raw, minimum=bounds[0], maximum=bounds[1], places=6)
        except forms.ValidationError:
            raise forms.ValidationError(OUTSIDE_VIETNAM) from None

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

    def clean(self):
        data = super().clean()
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
