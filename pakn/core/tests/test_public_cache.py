import pytest

from pakn.core.public_cache import public_cache_bump, public_cache_get_or_set


@pytest.mark.django_db(transaction=True)
def test_a_cached_public_value_is_recomputed_after_a_committed_change():
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert public_cache_get_or_set("home", compute) == 1
    assert public_cache_get_or_set("home", compute) == 1  # served from the cache
    public_cache_bump()  # outside a transaction: runs at once
    assert public_cache_get_or_set("home", compute) == 2


@pytest.mark.django_db
def test_the_version_moves_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    assert public_cache_get_or_set("stats", lambda: "old") == "old"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        public_cache_bump()
        assert public_cache_get_or_set("stats", lambda: "new") == "old"
    for callback in callbacks:
        callback()
    assert public_cache_get_or_set("stats", lambda: "new") == "new"


# One recompute at a time, on the per-process cache and on a real Redis ---------------------

import threading  # noqa: E402
import time  # noqa: E402

from pakn.core import public_cache  # noqa: E402
from pakn.core.tests.test_adapters import redis_url  # noqa: E402, F401  (a real redis-server)


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    """The default cache on the backend of the parameter, empty."""
    from django.core.cache import cache

    if request.param == "redis":
        location = request.getfixturevalue("redis_url")
        backend = "django.core.cache.backends.redis.RedisCache"
    else:
        location, backend = "public-cache-test", "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": location}}
    cache.clear()
    yield cache
    cache.clear()


def _at_once(count: int, call) -> list:
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def reader(index):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def test_a_slow_value_is_computed_once_while_several_readers_ask_at_once(shared_cache):
    computed = []

    def slow_statistics():
        computed.append(1)
        time.sleep(0.5)  # long enough for every reader to arrive meanwhile
        return {"reports": 1000}

    results = _at_once(6, lambda: public_cache.public_cache_get_or_set("stats", slow_statistics))
    assert results == [{"reports": 1000}] * 6
    assert len(computed) == 1


def test_an_expired_value_is_served_while_one_reader_recomputes_it(shared_cache):
    old_key = f"public-cache:{public_cache.public_cache_version()}:swr:home"
    shared_cache.set(old_key, (time.time() - 1, "old page"), 600)  # expired, within the grace
    computing, release, computed = threading.Event(), threading.Event(), []

    def slow_home():
        computed.append(1)
        computing.set()
        release.wait(timeout=30)
        return "new page"

    recomputer = _Background(lambda: public_cache.public_cache_get_or_set("home", slow_home))
    assert computing.wait(timeout=30)
    # While it computes, everyone else gets the expired page at once instead of waiting.
    others = _at_once(4, lambda: public_cache.public_cache_get_or_set("home", slow_home))
    assert others == ["old page"] * 4
    release.set()
    assert recomputer.result() == "new page"
    assert public_cache.public_cache_get_or_set("home", slow_home) == "new page"
    assert len(computed) == 1


class _Background:
    def __init__(self, call):
        self._result = []
        self._thread = threading.Thread(target=lambda: self._result.append(call()))
        self._thread.start()

    def result(self):
        self._thread.join(timeout=60)
        return self._result[0]
