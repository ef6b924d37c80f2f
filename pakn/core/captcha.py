"""The arithmetic image captcha of the seeds ("Mã số xác thực"): a sum or difference of two
small numbers drawn with noise. Generated and checked on the server; single use; expiring.

Written here because the maintained Django captcha packages (django-simple-captcha) keep
challenges in their own tables with their own URL scheme and settings that can switch the check
off; ours must never be switchable, and its challenge must be readable by tests."""

import datetime
import io
import random
import uuid

from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pakn.core.models import CaptchaChallenge
from pakn.core.typed_input import parse_int

CAPTCHA_LIFETIME = datetime.timedelta(minutes=10)
_random = random.SystemRandom()


def captcha_create() -> CaptchaChallenge:
    left, right = _random.randint(1, 20), _random.randint(1, 9)
    if _random.random() < 0.5:
        question, answer = f"{left} + {right}", left + right
    else:
        left = max(left, right)
        question, answer = f"{left} - {right}", left - right
    challenge = CaptchaChallenge.objects.create(
        id=uuid.uuid4(), question=question, answer=answer, created_at=timezone.now()
    )
    # Housekeeping: old challenges are useless; removing them here keeps the table small
    # without a scheduled job.
    CaptchaChallenge.objects.filter(created_at__lt=timezone.now() - CAPTCHA_LIFETIME).delete()
    return challenge


def captcha_check(*, challenge_id: str | uuid.UUID | None, answer: str | None) -> bool:
    """True when ``answer`` solves a live challenge. The challenge is used up either way."""
    try:
        challenge_uuid = uuid.UUID(str(challenge_id))
    except (TypeError, ValueError):
        return False
    challenge = CaptchaChallenge.objects.filter(pk=challenge_uuid).first()
    if challenge is None:
        return False
    challenge.delete()
    if challenge.created_at < timezone.now() - CAPTCHA_LIFETIME:
        return False
    try:
        return parse_int(answer, minimum=0, maximum=999) == challenge.answer
    except ValidationError:
        return False


def captcha_image_png(challenge: CaptchaChallenge) -> bytes:
    width, height = 150, 48
    image = Image.new("RGB", (width, height), (245, 247, 250))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        draw.line(
            [(_random.randint(0, width), _random.randint(0, height)) for _ in range(2)],
            fill=(_random.randint(120, 200),) * 3,
            width=1,
        )
    font = ImageFont.load_default(size=26)
    x = 10
    for character in f"{challenge.question} =":
        y = _random.randint(4, 12)
        colour = (_random.randint(10, 90), _random.randint(10, 90), _random.randint(60, 140))
        draw.text((x, y), character, font=font, fill=colour)
        x += 14 if character != " " else 6
    for _ in range(120):
        draw.point((_random.randint(0, width - 1), _random.randint(0, height - 1)), fill=(90,) * 3)
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
