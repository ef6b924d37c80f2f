"""Request limits of the REST API, counted in the cache (DRF's throttles): per signed-in
account and per client address, where the address is the one the login lockout counts
(``pakn.core.http.client_ip``: X-Forwarded-For only behind a trusted proxy). Past a limit
the answer is 429 with ``Retry-After`` (pakn.api.v1.problems). Rates: settings
``API_THROTTLE_RATES``, read at each request so that a deployment or a test can change them."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from pakn.core.http import client_ip


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]


class UserThrottle(_SettingsRateThrottle):
    """Requests of one signed-in account, whichever device or token it uses."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class AddressThrottle(_SettingsRateThrottle):
    """Requests from one client address, signed in or not."""

    scope = "address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "unknown"}


class SignInThrottle(AddressThrottle):
    """Sign-in, registration and code requests from one address: beside the lockout (per
    account and address) and the code limits (per phone and address), a cap on guessing."""

    scope = "sign_in"
