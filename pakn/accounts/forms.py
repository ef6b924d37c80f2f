from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pakn.accounts.models import AccountType, User
from pakn.core.forms import CaptchaFormMixin
from pakn.core.typed_input import ID_MAX, ModelIdChoiceField, parse_int
from pakn.core.validators import (
    normalise_vn_mobile,
    validate_business_code,
    validate_citizen_id,
)

# Areas are read through the User model's relation rather than imported: accounts sits below
# organisations in the layering.
AdministrativeArea = User._meta.get_field("address_province").related_model
DEFAULT_PROVINCE_CODE = "56"


class PhoneField(forms.CharField):
    """A Vietnamese mobile number, returned in E.164 (+84…)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Số điện thoại di động"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "09xxxxxxxx"}
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_vn_mobile(value) if value else value


class AddressFieldsMixin(forms.Form):
    """Contact address: province and commune from the official list, then the street."""

    address_province = ModelIdChoiceField(
        label=_("Tỉnh, thành phố"),
        queryset=AdministrativeArea.objects.filter(level="province", is_active=True),
        empty_label=_("— Chọn tỉnh, thành phố —"),
    )
    address_commune = ModelIdChoiceField(
        label=_("Xã, phường, đặc khu"),
        queryset=AdministrativeArea.objects.filter(level="commune", is_active=True),
        empty_label=_("— Chọn xã, phường, đặc khu —"),
        error_messages={
            "invalid_choice": _("Xã, phường, đặc khu này không thuộc tỉnh, thành phố đã chọn.")
        },
    )
    address_street = forms.CharField(
        label=_("Số nhà, đường, thôn, tổ"), max_length=250, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province = self._selected_province()
        if province is not None and "address_province" not in self.initial:
            self.initial["address_province"] = province.pk
        # Only the chosen province's communes are offered; a script refreshes the list when the
        # province changes, and without it the server still refuses a commune of another one.
        self.fields["address_commune"].queryset = (
            AdministrativeArea.objects.filter(parent=province, is_active=True).order_by("name")
            if province is not None
            else AdministrativeArea.objects.none()
        )

    def _selected_province(self):
        raw = self.data.get(self.add_prefix("address_province")) if self.is_bound else None
        raw = raw or self.initial.get("address_province")
        query = AdministrativeArea.objects.filter(level="province")
        if raw:
            try:
                return query.filter(pk=parse_int(raw, minimum=1, maximum=ID_MAX)).first()
            except ValidationError:
                return None
        return query.filter(code=DEFAULT_PROVINCE_CODE).first()


class NewPasswordFieldsMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise ValidationError(_("Hai mật khẩu không khớp nhau."))
        return second


class IndividualRegistrationForm(
    AddressFieldsMixin, NewPasswordFieldsMixin, CaptchaFormMixin, forms.Form
):
    account_type = AccountType.INDIVIDUAL
    username = forms.CharField(
        label=_("Số CMND/CCCD"),
        max_length=12,
        validators=[validate_citizen_id],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
        help_text=_(
            "Số căn cước công dân 12 chữ số hoặc chứng minh nhân dân 9 chữ số; dùng làm tên đăng nhập."
        ),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = PhoneField(help_text=_("Mã xác thực (OTP) sẽ được gửi đến số này."))
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    field_order = [
        "username", "full_name", "phone", "email", "address_province", "address_commune",
        "address_street", "password1", "password2", "captcha_answer",
    ]  # fmt: skip

    def clean_username(self):
        return self.cleaned_data["username"].strip()


class OrganisationRegistrationForm(
    AddressFieldsMixin, NewPasswordFieldsMixin, CaptchaFormMixin, forms.Form
):
    account_type = AccountType.ORGANISATION
    username = forms.CharField(
        label=_("Mã số doanh nghiệp / Số quyết định thành lập"),
        max_length=30,
        validators=[validate_business_code],
        help_text=_(
            "Mã số doanh nghiệp 10 chữ số (chi nhánh: 10 chữ số-NNN), hoặc số quyết định thành lập với tổ chức không phải doanh nghiệp; dùng làm tên đăng nhập."
        ),
    )
    organisation_name = forms.CharField(label=_("Tên tổ chức, doanh nghiệp"), max_length=250)
    organisation_phone = forms.CharField(
        label=_("Điện thoại tổ chức"), max_length=20, required=False
    )
    organisation_email = forms.EmailField(label=_("Thư điện tử tổ chức"), required=False)
    full_name = forms.CharField(label=_("Họ và tên người đại diện"), max_length=150)
    phone = PhoneField(
        label=_("Số điện thoại di động người đại diện"),
        help_text=_("Mã xác thực (OTP) sẽ được gửi đến số này."),
    )
    email = forms.EmailField(label=_("Thư điện tử người đại diện"), required=False)
    field_order = [
        "username", "organisation_name", "organisation_phone", "organisation_email",
        "address_province", "address_commune", "address_street",
        "full_name", "phone", "email", "password1", "password2", "captcha_answer",
    ]  # fmt: skip

    def clean_username(self):
        return self.cleaned_data["username"].strip().upper()


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (OTP)"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "min_length": _("Mã xác thực gồm 6 chữ số."),
            "max_length": _("Mã xác thực gồm 6 chữ số."),
        },
    )


class LoginForm(CaptchaFormMixin, forms.Form):
    login = forms.CharField(
        label=_("Số CMND/CCCD, mã số doanh nghiệp hoặc số điện thoại"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ForgotPasswordForm(CaptchaFormMixin, forms.Form):
    phone = PhoneField(help_text=_("Số điện thoại đã đăng ký với tài khoản."))


class PasswordResetForm(NewPasswordFieldsMixin, OneTimeCodeForm):
    field_order = ["code", "password1", "password2"]


class PasswordChangeForm(NewPasswordFieldsMixin, forms.Form):
    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "password1", "password2"]


class ProfileForm(AddressFieldsMixin, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    field_order = ["full_name", "email", "address_province", "address_commune", "address_street"]


class OrganisationProfileForm(ProfileForm):
    organisation_name = forms.CharField(label=_("Tên tổ chức, doanh nghiệp"), max_length=250)
    organisation_phone = forms.CharField(
        label=_("Điện thoại tổ chức"), max_length=20, required=False
    )
    organisation_email = forms.EmailField(label=_("Thư điện tử tổ chức"), required=False)
    full_name = forms.CharField(label=_("Họ và tên người đại diện"), max_length=150)
    field_order = [
        "organisation_name", "organisation_phone", "organisation_email",
        "full_name", "email", "address_province", "address_commune", "address_street",
    ]  # fmt: skip


class PhoneChangeForm(forms.Form):
    phone = PhoneField(label=_("Số điện thoại di động mới"))


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng thông tin cá nhân sẽ bị xóa và không thể khôi phục."),
    )
