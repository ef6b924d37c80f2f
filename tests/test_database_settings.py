"""What the database URL turns into (config/env.py)."""

from config.env import env_database


def test_postgresql_connections_run_without_jit(monkeypatch, tmp_path):
    """JIT compiled the inbox counts for 1.7 s of a 2.6 s query at 100,000 reports."""
    monkeypatch.setenv("BENCH_TEST_URL", "postgres://u:p@db.example:5432/pakn")
    assert (
        "-c jit=off" in env_database("BENCH_TEST_URL", tmp_path / "x.sqlite3")["OPTIONS"]["options"]
    )
    monkeypatch.setenv(
        "BENCH_TEST_URL", "postgres://u:p@db.example:5432/pakn?options=-c%20work_mem%3D8MB"
    )
    options = env_database("BENCH_TEST_URL", tmp_path / "x.sqlite3")["OPTIONS"]["options"]
    assert options == "-c work_mem=8MB -c jit=off"
