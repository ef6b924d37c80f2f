"""Start-up reads every setting from the environment and refuses a bad one in one clear line."""

import re
import secrets
import stat

import pytest

from pakn.core.tests.processes import shell_output

PRODUCTION = "config.settings.production"
PRODUCTION_SECRET = secrets.token_urlsafe(40)


@pytest.mark.parametrize(
    ("variables", "named_variable"),
    [
        pytest.param({"DATABASE_URL": "mysql://pakn@db/pakn"}, "DATABASE_URL", id="mysql"),
        pytest.param({"DATABASE_URL": "not a url"}, "DATABASE_URL", id="database-url"),
        pytest.param({"REDIS_URL": "http://cache:6379"}, "REDIS_URL", id="redis-url"),
        pytest.param({"EMAIL_BACKEND": "pigeon"}, "EMAIL_BACKEND", id="email-backend"),
        pytest.param({"EMAIL_BACKEND": "smtp"}, "SMTP_HOST", id="smtp-without-host"),
        pytest.param(
            {"EMAIL_BACKEND": "smtp", "SMTP_HOST": "mail", "SMTP_PORT": "25a"},
            "SMTP_PORT",
            id="smtp-port",
        ),
        pytest.param({"DEBUG": "maybe"}, "DEBUG", id="debug"),
        pytest.param(
            {"PUBLIC_BASE_URL": "pakn.khanhhoa.gov.vn"}, "PUBLIC_BASE_URL", id="public-base-url"
        ),
        pytest.param({"S3_BUCKET": "attachments"}, "S3_ACCESS_KEY_ID", id="s3-without-keys"),
        pytest.param({"DJANGO_SETTINGS_MODULE": PRODUCTION}, "SECRET_KEY", id="no-secret-key"),
        pytest.param(
            {"DJANGO_SETTINGS_MODULE": PRODUCTION, "SECRET_KEY": "too-short"},
            "SECRET_KEY",
            id="short-secret-key",
        ),
    ],
)
def test_a_bad_variable_stops_start_up_with_one_line_naming_it(
    manage_py, variables, named_variable
):
    result = manage_py("check", **variables)

    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("PAKN configuration error: ")
    assert re.search(rf"\b{named_variable}\b", lines[0])
    assert "Traceback" not in result.stderr + result.stdout


def test_a_complete_production_configuration_passes_the_deployment_checks(manage_py):
    result = manage_py(
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="pakn.example.vn",
    )

    assert result.returncode == 0, result.stderr
    # HSTS preloading is the one deployment warning left on purpose: once a domain is on the
    # browsers' preload list it cannot easily leave it, so that is the operator's decision.
    assert set(re.findall(r"\(([\w.]+\.[WE]\d+)\)", result.stderr)) <= {"security.W021"}


def test_production_reads_its_settings_from_the_environment(manage_py):
    result = manage_py(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.SECRET_KEY == s.SECRET_KEY.strip(), "
        "s.SESSION_COOKIE_SECURE, s.DATABASES['default']['ENGINE'])",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="pakn.example.vn, www.pakn.example.vn",
        DEBUG="true",
    )

    # DEBUG=true in the environment cannot switch debug pages on in production.
    assert shell_output(result).split("\n")[0] == (
        "False ['pakn.example.vn', 'www.pakn.example.vn'] True True django.db.backends.sqlite3"
    )


def test_local_settings_generate_a_private_secret_key_once_and_keep_it(manage_py, tmp_path):
    print_key = (
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
    )

    first = shell_output(manage_py(*print_key)).strip()
    second = shell_output(manage_py(*print_key)).strip()

    key_file = tmp_path / "var" / "secret_key"
    assert key_file.read_text().strip() == first == second
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # Beside it only the web push key, made the same way (private, once).
    assert sorted(path.name for path in key_file.parent.iterdir()) == [
        "secret_key",
        "vapid_private_key",
    ]
    assert stat.S_IMODE((key_file.parent / "vapid_private_key").stat().st_mode) == 0o600


def test_secret_key_from_the_environment_wins_over_the_generated_one(manage_py, tmp_path):
    result = manage_py(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        SECRET_KEY=PRODUCTION_SECRET,
    )

    assert shell_output(result).strip() == PRODUCTION_SECRET
    assert not (tmp_path / "var" / "secret_key").exists()
