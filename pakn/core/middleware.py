class VietnameseFirstMiddleware:
    """Vietnamese unless the visitor chose English with the switch (the language cookie).

    Many Vietnamese phones are set to English, so the browser's Accept-Language says little
    about what a citizen reads best; the portal, like the province's other services, starts
    in Vietnamese. Placed before django.middleware.locale.LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):  # API clients choose their language
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
