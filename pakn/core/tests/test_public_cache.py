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
