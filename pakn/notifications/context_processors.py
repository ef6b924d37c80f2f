from django.utils.functional import SimpleLazyObject


def notifications_unread_count(request):
    """The number on the bell: one count on the partial index of unread notifications, made
    only when a page shows it (admin pages never do) and only for a logged-in person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread_count": 0}
    from pakn.notifications.selectors import notifications_unread_count_get

    return {
        "notifications_unread_count": SimpleLazyObject(lambda: notifications_unread_count_get(user))
    }
