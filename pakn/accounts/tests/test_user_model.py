import pytest
from django.contrib.auth import authenticate, get_user_model

from pakn.accounts.models import AccountType
from pakn.accounts.tests.factories import OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_project_uses_its_own_user_model():
    assert get_user_model()._meta.label == "accounts.User"


def test_a_citizen_authenticates_with_the_password_set_and_shows_their_full_name(rf):
    citizen = UserFactory(username="056090001234", full_name="Nguyễn Thị Lan")
    assert citizen.account_type == AccountType.INDIVIDUAL
    assert str(citizen) == "Nguyễn Thị Lan"
    request = rf.post("/dang-nhap/")
    assert authenticate(request, username="056090001234", password="Matkhau@2026") == citizen


def test_an_officer_is_an_officer():
    assert OfficerFactory().account_type == AccountType.OFFICER
