"""Caching of what public pages show (home, search, report pages, statistics, map).

Every cached value's key carries one version number; anything that changes what a visitor
can see (a report published, edited or unpublished, an answer, a rating, an announcement)
bumps the version after its transaction commits, so every public value expires at once
without anyone having to know the keys. Values also expire after ``timeout`` seconds, so
that time-based figures (a report becoming late) move on their own.

One recompute at a time per key: a page that takes seconds to compute at a million reports
must not be computed by every worker at once when it expires. The process that wins a lock
(``cache.add``, atomic on every backend) computes; the others
- serve the expired value, kept for a grace period past its expiry (stale-while-revalidate),
  when there is one;
- otherwise (a first computation, or a new version: what changed must not be shown old)
  wait for the value up to ``LOCK_WAIT`` seconds, then compute it themselves.
Hand-written because Django's cache has no such helper and the libraries that add one
(django-cacheops, django-cache-memoize) cache querysets or functions, not these values."""

import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "public-cache:version"
DEFAULT_TIMEOUT = 300
# How long an expired value is still served while one process recomputes it.
STALE_GRACE = 600
# A lock outlives the longest computation (public queries have a statement timeout) and
# expires by itself if its process dies.
LOCK_TIMEOUT = 60
LOCK_WAIT = 15.0
LOCK_POLL = 0.05

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
    """The cached value of ``key`` for the current version, computed by one process at a
    time (see the module's docstring)."""
    full_key = f"public-cache:{public_cache_version()}:swr:{key}"
    entry = cache.get(full_key)
    if entry is not None and time.time() < entry[0]:
        return entry[1]
    lock_key, token = f"{full_key}:lock", uuid.uuid4().hex
    if cache.add(lock_key, token, LOCK_TIMEOUT):
        return _compute_and_store(full_key, lock_key, token, compute, timeout)
    if entry is not None:
        return entry[1]  # another process is recomputing it: the expired value meanwhile
    waited_until = time.monotonic() + LOCK_WAIT
    while time.monotonic() < waited_until:
        time.sleep(LOCK_POLL)
        entry = cache.get(full_key)
        if entry is not None:
            return entry[1]
        if cache.add(lock_key, token, LOCK_TIMEOUT):  # the other process gave up or died
            return _compute_and_store(full_key, lock_key, token, compute, timeout)
    return compute()  # waited long enough: answer rather than hold the visitor


def _compute_and_store(full_key, lock_key, token, compute, timeout):
    try:
        # The process that held the lock may have stored the value between our read and
        # our lock: look again rather than compute it a second time.
        entry = cache.get(full_key)
        if entry is not None and time.time() < entry[0]:
            return entry[1]
        value = compute()
        cache.set(full_key, (time.time() + timeout, value), timeout + STALE_GRACE)
        return value
    finally:
        if cache.get(lock_key) == token:  # not a lock that expired and was taken since
            cache.delete(lock_key)
