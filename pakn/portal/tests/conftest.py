import pytest

from pakn.core.models import SiteSettings

KHANH_HOA_SITE = {
    "portal_name": (
        "Hệ thống phản ánh, kiến nghị của người dân, doanh nghiệp "
        "về kinh tế - xã hội tỉnh Khánh Hòa"
    ),
    "short_name": "KhanhHoa-S",
    "managing_agency": "Ủy ban nhân dân tỉnh Khánh Hòa",
    "hotline": "1900 1023",
    "email": "pakn@khanhhoa.gov.vn",
    "address": "147 Thống Nhất, phường Nha Trang, tỉnh Khánh Hòa",
    "zalo_url": "https://zalo.me/pakn.khanhhoa.example",
    "play_store_url": "https://play.google.com/store/apps/details?id=vn.example.khanhhoas",
    "app_store_url": "https://apps.apple.com/vn/app/khanhhoa-s/id0000000000",
}


@pytest.fixture
def khanh_hoa_site(db) -> SiteSettings:
    """The portal configured as Khánh Hòa's (seed 002's footer). Saving clears the cached
    copy, so the page sees these values even when an earlier test cached others."""
    site = SiteSettings(**KHANH_HOA_SITE)
    site.save()
    return site
