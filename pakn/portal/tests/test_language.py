import pytest

pytestmark = pytest.mark.django_db


def test_vietnamese_even_when_the_browser_asks_for_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()


def test_english_when_chosen_with_the_switch(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()
