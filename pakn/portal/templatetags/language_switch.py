from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def languages_in_their_own_names() -> list[tuple[str, str]]:
    """settings.LANGUAGES as written there: each language named in itself ("Tiếng Việt",
    "English"). Django's get_available_languages translates the names into the current
    language, and its LANG_INFO spells Vietnamese with combining accents."""
    return list(settings.LANGUAGES)
