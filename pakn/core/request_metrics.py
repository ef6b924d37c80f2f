"""Request counts and latency for Prometheus (prometheus-client), exposed at /metrics with the
queue and report gauges (pakn.statistics.metrics).

Labelled by the route's name, never by the raw path: a path holds report codes and ids, which
would make one time series per report. Under gunicorn with several worker processes, set
PROMETHEUS_MULTIPROC_DIR (deploy/gunicorn.conf.py does) so that every process's counts are
added up at /metrics instead of showing one process's.
"""

import time

from prometheus_client import Counter, Histogram

REQUESTS = Counter(
    "pakn_http_requests",
    "HTTP requests answered, by route, method and status class.",
    ["route", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "pakn_http_request_duration_seconds",
    "Time from the request reaching Django to its response, by route.",
    ["route"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match.route or "unnamed"


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        route = _route(request)
        method = request.method if request.method in _METHODS else "OTHER"
        REQUESTS.labels(route, method, f"{response.status_code // 100}xx").inc()
        REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
        return response
