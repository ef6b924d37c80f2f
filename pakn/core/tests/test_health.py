"""/healthz and /readyz, as a load balancer or an orchestrator calls them."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


def test_healthz_answers_ok_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any database query here an error.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_anything_but_get(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_is_ready_when_database_answers_and_migrations_are_applied(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_unavailable_while_a_migration_is_unapplied(client):
    # A new release whose migration has not run yet looks exactly like this: the migration file
    # exists, the database has no record of it. The test transaction restores the record.
    core_latest = MigrationLoader(connection).graph.leaf_nodes("core")[0]
    deleted, _ = MigrationRecorder.Migration.objects.filter(
        app=core_latest[0], name=core_latest[1]
    ).delete()
    assert deleted == 1

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "migrations": "1 pending"},
    }
