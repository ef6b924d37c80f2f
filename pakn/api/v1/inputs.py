"""The API reads its input with the same Django forms as the pages, so that a field is
checked one way whichever door it came through. A JSON body is given to the form as the
strings a browser would post; a refused form becomes a 400 problem with its field errors."""

from django import forms
from django.utils.datastructures import MultiValueDict
from rest_framework.exceptions import ValidationError


def _as_posted(value):
    if value is None:
        return ""
    if value is True:
        return "on"
    if value is False:
        return ""
    return value if isinstance(value, str) else str(value)


def form_data(request) -> MultiValueDict:
    """The request's body (JSON, form-encoded or multipart) as a browser's POST."""
    data = request.data
    if hasattr(data, "getlist"):  # form-encoded or multipart: already what a form reads
        return MultiValueDict({key: data.getlist(key) for key in data if key not in request.FILES})
    if not isinstance(data, dict):
        raise ValidationError({"detail": "Nội dung gửi lên phải là một đối tượng JSON."})
    posted = MultiValueDict()
    for key, value in data.items():
        if isinstance(value, list):
            posted.setlist(key, [_as_posted(item) for item in value])
        elif isinstance(value, dict):
            raise ValidationError({key: ["Giá trị không hợp lệ."]})
        else:
            posted[key] = _as_posted(value)
    return posted


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {
        ("non_field_errors" if name == "__all__" else name): [str(e) for e in errors]
        for name, errors in form.errors.items()
    }


def form_cleaned(form: forms.Form) -> dict:
    """The form's cleaned data, or a 400 problem naming each refused field."""
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    return form.cleaned_data


def without_captcha(form_class: type[forms.Form]) -> type[forms.Form]:
    """The page's form for an app: the picture question is the browser's defence; the API is
    guarded by its rate limits and the lockout instead (issue 15)."""

    class AppForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields.pop("captcha_id", None)
            self.fields.pop("captcha_answer", None)

        def clean(self):
            captcha = [
                klass for klass in type(self).__mro__ if klass.__name__ == "CaptchaFormMixin"
            ]
            if captcha:
                # Skip the captcha's own clean, keep every other check of the form.
                return super(captcha[0], self).clean()
            return super().clean()

    AppForm.__name__ = f"App{form_class.__name__}"
    return AppForm
