"""What the site is: a province's portal of reports (``province``) or the national programme
of proposals and initiatives on science, technology, innovation and digital transformation
(``national``, seed 004). The setting ``PAKN_MODE`` is read once, in the settings; every page,
menu, seed and rule asks this module, none reads the setting again."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

PROVINCE = "province"
NATIONAL = "national"
PROVINCE_PORTAL_NAME = "Hệ thống tiếp nhận, xử lý phản ánh, kiến nghị"
NATIONAL_PORTAL_NAME = "Hệ thống tiếp nhận đề xuất, sáng kiến"


def site_mode() -> str:
    return settings.PAKN_MODE


def national_mode() -> bool:
    return site_mode() == NATIONAL


def portal_name_default() -> str:
    """The site's name until an administrator sets one (SiteSettings.portal_name)."""
    return NATIONAL_PORTAL_NAME if national_mode() else PROVINCE_PORTAL_NAME


@dataclass(frozen=True)
class SiteWording:
    """The texts that differ between the two modes: the home page's banner and the main
    call to action, with the page it leads to."""

    national: bool
    kicker: str
    lead: str
    send_label: str
    send_url_name: str


def site_wording() -> SiteWording:
    if national_mode():
        return SiteWording(
            national=True,
            kicker=_("Tiếp nhận đề xuất, sáng kiến trực tuyến"),
            lead=_(
                "Người dân, doanh nghiệp, tổ chức gửi khó khăn, vướng mắc và đề xuất sáng kiến, "
                "giải pháp phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số; "
                "các bộ, ngành, địa phương tiếp nhận, xử lý và trả lời công khai."
            ),
            send_label=_("Gửi đề xuất, sáng kiến"),
            send_url_name="reports:proposal-send",
        )
    return SiteWording(
        national=False,
        kicker=_("Cổng tiếp nhận phản ánh, kiến nghị trực tuyến"),
        lead=_(
            "Người dân, doanh nghiệp gửi phản ánh, kiến nghị về kinh tế - xã hội; cơ quan có "
            "thẩm quyền xử lý, trả lời đúng hạn và công khai kết quả."
        ),
        send_label=_("Gửi phản ánh, kiến nghị"),
        send_url_name="reports:send",
    )
