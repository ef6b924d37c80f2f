import pytest
from rest_framework.test import APIClient

from pakn.backoffice.tests.desk_setup import PASSWORD, desk_build


@pytest.fixture
def desk():
    return desk_build()


def token_client(user, password: str = PASSWORD, **extra) -> APIClient:
    """An app signed in through the API's own login, as a phone would be."""
    client = APIClient()
    response = client.post(
        "/api/v1/auth/login/", {"login": user.username, "password": password, **extra},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


@pytest.fixture
def api_as():
    return token_client
