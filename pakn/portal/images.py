"""Pictures that administrators upload with announcements, made fit for the public: turned
upright, at most 1600 px wide, re-encoded as JPEG without EXIF, GPS or XMP (a phone photo
would otherwise tell where and when it was taken, and with which device)."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

MAX_SIZE = (1600, 1600)
JPEG_QUALITY = 85


def announcement_image_clean(uploaded) -> ContentFile:
    uploaded.seek(0)
    with Image.open(uploaded) as image:
        picture = ImageOps.exif_transpose(image)
        if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
            rgba = picture.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            picture = flat
        else:
            picture = picture.convert("RGB")
        picture.thumbnail(MAX_SIZE)
    output = io.BytesIO()
    picture.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(output.getvalue(), name="announcement.jpg")
