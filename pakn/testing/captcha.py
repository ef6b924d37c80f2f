"""Tests solve the captcha the way the issue asks: by reading the stored challenge, never by a
switch that turns it off."""

import re

from pakn.core.models import CaptchaChallenge

CAPTCHA_ID_PATTERN = re.compile(r'name="captcha_id" value="([0-9a-f-]{36})"')


def captcha_answer_for(challenge_id: str) -> str:
    return str(CaptchaChallenge.objects.get(pk=challenge_id).answer)


def captcha_fields(html: str) -> dict:
    """The captcha fields of the form in ``html``, correctly answered."""
    challenge_id = CAPTCHA_ID_PATTERN.search(html).group(1)
    return {"captcha_id": challenge_id, "captcha_answer": captcha_answer_for(challenge_id)}


def post_with_captcha(client, url: str, data: dict):
    """Posts a form that carries a captcha: opens it first, then sends ``data`` with the
    captcha it showed, answered."""
    page = client.get(url)
    return client.post(url, {**data, **captcha_fields(page.content.decode())})
