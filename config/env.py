"""Reads configuration from environment variables.

Every setting that differs between machines comes from here. A missing or malformed variable
raises ``EnvError`` with one line naming the variable; ``manage.py`` and the WSGI entry point
print that line and stop, so an operator sees the cause rather than a traceback.
django-environ would also parse variables, but it reports problems as tracebacks and has no
notion of "required only in production"; the few typed readers below are all PAKN needs.
"""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url


class EnvError(Exception):
    """A configuration variable is missing or malformed."""


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required or default is None:
        raise EnvError(f"{name} is required but not set")
    return default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise EnvError(f"{name} must be true or false, got {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise EnvError(f"{name} must be a whole number, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise EnvError(f"{name} must be at least {minimum}, got {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, "").strip().lower() or default
    if value not in choices:
        raise EnvError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def env_database(name: str, default_sqlite_path: Path) -> dict:
    """Parses DATABASE_URL (sqlite:///… or postgres://…) into Django's DATABASES entry."""
    url = os.environ.get(name, "").strip() or f"sqlite:///{default_sqlite_path}"
    try:
        config = dj_database_url.parse(url, conn_max_age=0)
    except Exception as error:  # dj_database_url raises several types for bad URLs
        raise EnvError(f"{name} is not a valid database URL ({error})") from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise EnvError(f"{name} must use sqlite:// or postgres://, got {url.split(':', 1)[0]}://")
    if engine == "django.db.backends.sqlite3":
        private_directory(Path(config["NAME"]).parent)
        # WAL lets the web server read while the task worker writes; IMMEDIATE transactions
        # take the write lock at BEGIN, so concurrent writers wait instead of failing.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        config["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
        config["CONN_HEALTH_CHECKS"] = True
        # No JIT compilation: the planner turns it on for any query whose estimated cost
        # passes jit_above_cost, which the inbox counts and the statistics do at 100,000
        # reports, and compiling then took 1.7 s of a 2.6 s query (`make bench`, EXPLAIN
        # ANALYZE) to save milliseconds of execution. Web queries are short; JIT is for
        # long analytical ones.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config


def local_secret_key(path: Path) -> str:
    """Returns SECRET_KEY from the environment, or one generated once and kept in ``path``."""
    return local_kept_secret("SECRET_KEY", path, lambda: secrets.token_urlsafe(50))


def local_kept_secret(name: str, path: Path, make) -> str:
    """The environment's ``name``, or a value ``make()`` gave once and ``path`` keeps."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Written to a private temporary file, then linked into place: the key is never
        # readable by other users, and of two processes starting at once (web server and
        # worker) exactly one key wins, never a half-written one.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w") as key_file:
                key_file.write(make())
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()


def private_directory(path: Path) -> Path:
    """Creates ``path`` readable by its owner only (0700), or takes group and other access
    away from it if it exists: var/ holds the database, uploads and outboxes, all personal
    data."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        try:
            path.chmod(0o700)
        except PermissionError:
            raise EnvError(f"{path} is open to other users and this user cannot close it") from None
    return path
