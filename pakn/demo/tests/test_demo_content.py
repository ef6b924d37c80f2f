import pytest
from django.urls import reverse

from pakn.demo.content import DEMO_NOTE, demo_content_create
from pakn.portal.models import Announcement, DirectoryEntry, OnlineServiceLink

pytestmark = pytest.mark.django_db


def test_demo_content_fills_the_portal_pages_once(client):
    created = demo_content_create()

    assert created["announcements"] >= 6
    assert Announcement.objects.filter(is_banner=True).exclude(image="").count() >= 2
    with Announcement.objects.exclude(image="").first().image.open("rb") as picture:
        assert picture.read(3) == b"\xff\xd8\xff"  # a JPEG
    emergency = DirectoryEntry.objects.get(phone="115")
    assert DEMO_NOTE not in emergency.name
    assert all(
        DEMO_NOTE in entry.name
        for entry in DirectoryEntry.objects.exclude(phone__in=["111", "113", "114", "115"])
    )
    assert OnlineServiceLink.objects.filter(url="https://dichvucong.gov.vn").exists()
    assert demo_content_create() == {"announcements": 0, "directory": 0, "online_services": 0}

    home = client.get(reverse("portal:home")).content.decode()
    assert "Festival Biển Nha Trang" in home
    directory = client.get(reverse("portal:directory")).content.decode()
    assert '<a href="tel:115">115</a>' in directory
