"""The fixtures every app's tests may ask for (a pytest plugin, named in the root
conftest.py's ``pytest_plugins``)."""

import pytest

from pakn.testing.province import province_build
from pakn.testing.sms import SmsOutbox


@pytest.fixture
def org(db) -> dict:
    """The small province (pakn/testing/province.py): units and one officer per role."""
    return province_build()


@pytest.fixture
def desk(db) -> dict:
    """The same province with its areas, the street-lighting sector and the routing rule
    that sends lighting in ``ward`` to department A: what the officers' desk needs."""
    return province_build(areas=True)


@pytest.fixture
def sms_outbox(settings, tmp_path) -> SmsOutbox:
    """The SMS outbox of this test: ``messages(phone)`` reads what was sent,
    ``last_code(phone)`` the one-time code a person would read."""
    folder = tmp_path / "sms"
    settings.SMS_BACKEND = "outbox"
    settings.SMS_OUTBOX_DIR = folder
    return SmsOutbox(folder)
