"""Caching of what public pages show (home, search, report pages, statistics, map).

Every cached value's key carries one version number; anything that changes what a visitor
can see (a report published, edited or unpublished, an answer, a rating, an announcement)
bumps the version after its transaction commits, so every public value expires at once
without anyone having to know the keys. Values also expire after ``timeout`` seconds, so
that time-based figures (a report becoming late) move on their own."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "public-cache:version"
DEFAULT_TIMEOUT = 300

T = TypeVar("T")


def public_cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was evicted: any new number invalidates the old keys
        cache.set(VERSION_KEY, public_cache_version() + 1, timeout=None)


def public_cache_bump() -> None:
    """Expire every cached public value once the current transaction commits."""
    transaction.on_commit(_bump)


def public_cache_get_or_set(
    key: str, compute: Callable[[], T], timeout: int = DEFAULT_TIMEOUT
) -> T:
    full_key = f"public-cache:{public_cache_version()}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value
