import datetime

import pytest
from django.utils import timezone
from PIL import Image

from pakn.core.captcha import captcha_check, captcha_create, captcha_image_png
from pakn.core.models import CaptchaChallenge

pytestmark = pytest.mark.django_db


def test_the_right_answer_passes_once():
    challenge = captcha_create()
    assert captcha_check(challenge_id=challenge.id, answer=str(challenge.answer))
    assert not captcha_check(challenge_id=challenge.id, answer=str(challenge.answer))


def test_a_wrong_answer_uses_the_challenge_up():
    challenge = captcha_create()
    assert not captcha_check(challenge_id=challenge.id, answer=str(challenge.answer + 1))
    assert not CaptchaChallenge.objects.filter(pk=challenge.pk).exists()


def test_an_expired_challenge_fails():
    challenge = captcha_create()
    CaptchaChallenge.objects.filter(pk=challenge.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert not captcha_check(challenge_id=challenge.id, answer=str(challenge.answer))


@pytest.mark.parametrize("bad_id", [None, "", "not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_garbage_is_refused_quietly(bad_id):
    assert not captcha_check(challenge_id=bad_id, answer="3")


def test_questions_are_small_sums_or_differences_with_non_negative_answers():
    for _ in range(50):
        challenge = captcha_create()
        left, operator, right = challenge.question.split()
        expected = int(left) + int(right) if operator == "+" else int(left) - int(right)
        assert challenge.answer == expected >= 0


def test_the_image_is_a_png_of_readable_size(tmp_path):
    challenge = captcha_create()
    path = tmp_path / "c.png"
    path.write_bytes(captcha_image_png(challenge))
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (150, 48)


def test_a_screen_reader_hears_the_question_in_words(client):
    """The image's text alternative carries the question, on the page and after "Đổi mã
    khác", so a visitor who cannot see the image can still answer."""
    from pakn.core.tests.captcha_solver import CAPTCHA_ID_PATTERN

    html = client.get("/dang-nhap/").content.decode()
    challenge = CaptchaChallenge.objects.get(pk=CAPTCHA_ID_PATTERN.search(html).group(1))
    left, operator, right = challenge.question.split()
    word = "cộng" if operator == "+" else "trừ"
    assert f'alt="Phép tính cần giải: {left} {word} {right} bằng bao nhiêu?"' in html

    fresh = client.get("/ma-xac-thuc/moi").json()
    new = CaptchaChallenge.objects.get(pk=fresh["id"])
    left, operator, right = new.question.split()
    word = "cộng" if operator == "+" else "trừ"
    assert fresh["question"] == f"{left} {word} {right} bằng bao nhiêu?"
