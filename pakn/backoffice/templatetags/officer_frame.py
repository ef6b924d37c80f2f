"""``{% officer_frame as frame %}``: the officers' frame of pakn.backoffice.frame."""

from django import template

from pakn.backoffice.frame import OfficerFrame, officer_frame_get

register = template.Library()


@register.simple_tag(takes_context=True)
def officer_frame(context) -> OfficerFrame | None:
    """The frame of a signed-in officer; nothing for anyone else (only the brand shows)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.account_type != "officer":
        return None
    return officer_frame_get(user)
