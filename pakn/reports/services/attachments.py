"""Files that citizens and officers attach: what is accepted, how it is stored, what the public sees.

The type is decided from the content, never from the name or the browser's content type, and the
stored file's extension comes from that decision. What decides what:

- ``filetype`` (a maintained, pure-Python library) reads the magic numbers of the first bytes:
  JPEG, PNG, HEIC, MP4, MOV, PDF, ZIP.
- Written here by hand, because no magic-number library does it:

  * the structure walk that finds data *after* a picture's end (PNG chunks to ``IEND``; JPEG
    segments and scans to ``EOI``, then any further JPEG that phones append for HDR; ISO boxes
    of HEIC to the end of the file), and the search for a ZIP directory, a PDF or an HTML/PHP
    script hidden in a picture's metadata. A file that is a valid picture and something else
    at once (a polyglot) is refused;
  * the size of a picture read from its header before anything is decoded (Pillow and
    pillow-heif open lazily), so a decompression bomb is refused without being unpacked;
  * the top-level box walk of MP4/MOV, which refuses a video whose boxes do not add up;
  * the inspection of an Office file's ZIP directory: the parts of a real DOCX/XLSX/PPTX, no
    macros, a sane declared total and compression ratio (a ZIP bomb is refused from its
    directory alone, nothing is unpacked), then every part read back against its CRC;
  * DOC (an OLE2 compound file) is told apart from XLS/PPT by its ``WordDocument`` stream.

Photos get a public copy re-encoded as JPEG without EXIF, GPS or XMP (HEIC included); only the
reporter and the officers see the original. The thumbnail is made after commit by a task.
"""

import datetime
import io
import logging
import os
import re
import struct
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from PIL import Image, ImageOps

from pakn.reports.models import Attachment, AttachmentKind, Report

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 10
MAX_PHOTO_BYTES = 25 * 1024 * 1024
MAX_VIDEO_BYTES = 100 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
# An Office file's parts, unpacked, and how much they may have been squeezed. Real DOCX and
# XLSX parts compress 5-30 times (pictures inside are stored as they are); a ZIP bomb
# compresses a thousand times and more. The ratio is checked for each part and for the whole
# file (many parts of just under 1 MB each must not add up to a bomb), and the total unpacked
# size is bounded both from the directory and while the parts are read back.
MAX_OFFICE_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_OFFICE_COMPRESSION_RATIO = 200
MAX_OFFICE_TOTAL_COMPRESSION_RATIO = 100
MAX_OFFICE_PARTS = 5000
# After a PDF's last end-of-file marker only line ends, spaces and padding NUL bytes may come;
# anything else is a file glued to the document (an HTML page, a ZIP, a script).
PDF_END_MARKER = b"%%EOF"
PDF_TRAILING_SPACE = b"\x00\t\n\x0c\r "
PUBLIC_JPEG_QUALITY = 85
THUMBNAIL_SIZE = (400, 400)

ACCEPTED_TYPES = "ảnh JPEG, PNG, HEIC; video MP4, MOV; tài liệu DOC, DOCX, PDF, PPTX, XLSX"
# What the file picker offers (the content is still checked here): on phones "image/*" and
# "video/*" let the citizen take a photo or a video with the camera, or pick one already taken.
FILE_PICKER_ACCEPT = "image/*,video/mp4,video/quicktime,.heic,.heif,.pdf,.doc,.docx,.pptx,.xlsx"
IMAGE_NAME_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif", ".gif", ".webp", ".bmp")

EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # macOS, 32 and 64 bit, both byte orders
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # macOS universal binary (also Java classes)
    b"#!",  # scripts
)
# Looked for in a picture's metadata and after its end, where no pixel data is.
HIDDEN_PAYLOAD = re.compile(
    rb"PK\x03\x04|PK\x01\x02|PK\x05\x06|%PDF-|<script|<html|<!doctype|<\?php|<svg|<iframe",
    re.IGNORECASE,
)
HEIC_BRANDS = {"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"}

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OFFICE_TYPES = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlsx",
    ),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".pptx",
    ),
}


class AttachmentRejected(Exception):
    """A file that is not accepted; the message names the file and says why, for the sender."""


class UploadTokenInvalid(Exception):
    """An upload token this server did not issue to this account (chosen by the client,
    another person's, or older than pending uploads are kept); the message is for the sender."""


# Files waiting for their report: sent with the form before the report exists, kept under the
# form's upload token so that a form shown again with errors still has them.
PENDING = Q(report__isnull=True, message__isnull=True, answer__isnull=True)
UPLOAD_TOKEN_SALT = "pakn.reports.upload-token"  # noqa: S105 (a salt, not a secret)


def upload_token_issue(*, user) -> str:
    """A fresh token for one form's uploads, signed for this account and dated: the server
    alone makes them, so a client cannot open new piles of pending files at will, and one
    person's token is worthless to another (Django's signing, no table needed)."""
    return signing.TimestampSigner(salt=f"{UPLOAD_TOKEN_SALT}:{user.pk}").sign(uuid.uuid4().hex)


def upload_token_read(*, user, signed: str) -> uuid.UUID:
    """The token's value if this server issued it to ``user`` no longer ago than pending files
    are kept; raises UploadTokenInvalid otherwise."""
    signer = signing.TimestampSigner(salt=f"{UPLOAD_TOKEN_SALT}:{user.pk}")
    try:
        return uuid.UUID(hex=signer.unsign(signed or "", max_age=pending_max_age()))
    except (signing.BadSignature, ValueError):
        raise UploadTokenInvalid(
            _(
                "Phiên tải tệp của biểu mẫu không hợp lệ hoặc đã hết hạn. Nội dung Ông/bà nhập vẫn "
                "được giữ; vui lòng chọn lại tệp đính kèm (nếu có) và gửi lại."
            )
        ) from None


def pending_max_age() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.UPLOADS_PENDING_MAX_AGE_HOURS)


# No request lasts this long: a file of this age in the upload folder belongs to a request that
# was killed (a worker restarted, a kill -9) before Django could remove it.
UPLOAD_TEMP_MAX_AGE = datetime.timedelta(hours=1)
PURGE_BATCH = 500


def attachments_pending_purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Removes the files that waited longer than UPLOADS_PENDING_MAX_AGE_HOURS for a report,
    message or answer that never came, and the temporary files of uploads whose request never
    finished. Run by the scheduler every pass (at most PURGE_BATCH files a pass, through an
    index of the pending rows) and by ``manage.py attachments_purge``."""
    now = now or timezone.now()
    stale = Attachment.objects.filter(PENDING, created_at__lt=now - pending_max_age())
    removed = 0
    for attachment in stale.order_by("created_at")[:PURGE_BATCH]:
        # Deleted only if still pending: a report that takes the file over at this moment
        # wins, and the file stays.
        deleted, _counts = Attachment.objects.filter(PENDING, pk=attachment.pk).delete()
        if deleted:
            _stored_files_delete(attachment)
            removed += 1
    return {"attachments": removed, "temporary_files": _upload_temp_purge(now=now)}


def _stored_files_delete(attachment: Attachment) -> None:
    for stored in (attachment.file, attachment.public_file, attachment.thumbnail):
        if stored:
            try:
                stored.delete(save=False)
            except OSError:
                logger.warning("Could not delete the stored file of attachment %s", attachment.pk)


def _upload_temp_purge(*, now: datetime.datetime) -> int:
    folder = settings.UPLOAD_TEMP_DIR
    cutoff = (now - UPLOAD_TEMP_MAX_AGE).timestamp()
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.remove(entry.path)
                removed += 1
        except FileNotFoundError:
            continue  # the request finished and removed it meanwhile
    return removed


@dataclass(frozen=True)
class DetectedType:
    kind: str
    content_type: str
    extension: str


def attachment_create(
    *,
    uploaded_by,
    uploaded_file,
    upload_token: uuid.UUID | None = None,
    report: Report | None = None,
) -> Attachment:
    """Checks an uploaded file, stores it under a random name and, for a photo, stores a public
    copy without metadata and makes a thumbnail after commit.

    Raises AttachmentRejected with a message for the sender when the file is not accepted."""
    name = _clean_name(uploaded_file.name)
    _check_count(uploaded_by=uploaded_by, upload_token=upload_token, report=report)
    size = _actual_size(uploaded_file)
    if size == 0:
        raise AttachmentRejected(_("Tệp “%(name)s” rỗng.") % {"name": name})
    if size > MAX_VIDEO_BYTES:
        raise _too_large(name, MAX_VIDEO_BYTES)
    if upload_token is not None and report is None:
        _check_pending_quota(uploaded_by=uploaded_by, size=size)
    detected = _detect(uploaded_file, name=name, size=size)
    public_jpeg = _public_jpeg(uploaded_file, name=name) if detected.kind == "photo" else None

    with transaction.atomic():
        attachment = Attachment(
            report=report,
            uploaded_by=uploaded_by,
            upload_token=upload_token if report is None else None,
            kind=detected.kind,
            original_name=name,
            content_type=detected.content_type,
            size=size,
        )
        uploaded_file.seek(0)
        attachment.file.save(f"original{detected.extension}", File(uploaded_file), save=False)
        if public_jpeg is not None:
            attachment.public_file.save("public.jpg", ContentFile(public_jpeg), save=False)
        try:
            attachment.save()
        except Exception:
            attachment.file.delete(save=False)
            if attachment.public_file:
                attachment.public_file.delete(save=False)
            raise
        if public_jpeg is not None:
            transaction.on_commit(lambda: attachment_thumbnail_task.enqueue(attachment.pk))
    return attachment


@contextmanager
def attachments_stored(*, uploaded_by, uploaded_files: Iterable) -> Iterator[list[Attachment]]:
    """The files sent with a message or an answer: at most MAX_ATTACHMENTS, each checked by
    attachment_create, stored in one transaction with whatever the block then records. If
    anything fails (a refused file, a refused action) the rows roll back and the stored files
    are deleted too: a rollback alone would leave them on disk with nothing pointing at them.
    Raises AttachmentRejected naming the file."""
    files = list(uploaded_files or ())
    if len(files) > MAX_ATTACHMENTS:
        raise _too_many()
    created: list[Attachment] = []
    try:
        with transaction.atomic():
            for uploaded_file in files:
                created.append(
                    attachment_create(uploaded_by=uploaded_by, uploaded_file=uploaded_file)
                )
            yield created
    except BaseException:
        for attachment in created:
            _stored_files_delete(attachment)
        raise


def upload_check(*, uploaded_file) -> DetectedType:
    """What a file is, by the checks of attachment_create, for the doors that take a file
    without making it an attachment (news pictures, the officers' list in XLSX). Raises
    AttachmentRejected naming the file."""
    name = _clean_name(uploaded_file.name)
    size = _actual_size(uploaded_file)
    if size == 0:
        raise AttachmentRejected(_("Tệp “%(name)s” rỗng.") % {"name": name})
    detected = _detect(uploaded_file, name=name, size=size)
    uploaded_file.seek(0)
    return detected


def picture_check(*, uploaded_file) -> None:
    """The checks of a photo sent with a report, for the other pictures the public sees (news
    pictures, banners): a JPEG or PNG, no polyglot, no program, no oversized image. Raises
    AttachmentRejected naming the file."""
    if upload_check(uploaded_file=uploaded_file).content_type not in ("image/jpeg", "image/png"):
        raise AttachmentRejected(
            _("Tệp “%(name)s” không phải ảnh JPEG hoặc PNG.")
            % {"name": _clean_name(uploaded_file.name)}
        )


def attachment_thumbnail_make(*, attachment_id: int) -> Attachment:
    """Makes the ~400 px JPEG thumbnail of a photo from its public copy (already clean)."""
    attachment = Attachment.objects.get(pk=attachment_id)
    if attachment.thumbnail or not attachment.public_file:
        return attachment
    with attachment.public_file.open("rb") as source, Image.open(source) as image:
        image.draft("RGB", THUMBNAIL_SIZE)  # a JPEG decodes at a reduced scale: fast
        picture = image.convert("RGB")
        picture.thumbnail(THUMBNAIL_SIZE)
        output = io.BytesIO()
        picture.save(output, format="JPEG", quality=80, optimize=True)
    attachment.thumbnail.save("thumbnail.jpg", ContentFile(output.getvalue()), save=False)
    attachment.save(update_fields=["thumbnail"])
    return attachment


@task()
def attachment_thumbnail_task(attachment_id: int) -> str:
    return attachment_thumbnail_make(attachment_id=attachment_id).thumbnail.name


def attachment_download_name(attachment: Attachment) -> str:
    """The name a file is downloaded under: the sender's name with the extension of the type
    found in the content (the stored file's), so ``evil.html`` that is a PDF comes down as
    ``evil.pdf`` and no browser or desktop opens it as a page."""
    head, dot, _tail = attachment.original_name.rpartition(".")
    stem = (head if dot else attachment.original_name).strip()
    _folder, dot, extension = attachment.file.name.rpartition("/")[2].rpartition(".")
    return f"{stem or _('tep')}{'.' + extension.lower() if dot else ''}"


# Checks before the content -----------------------------------------------------------------


def _clean_name(raw: str | None) -> str:
    # Old browsers send a whole path; control characters would break the message and the logs.
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c)[0] != "C"
    )
    return name.strip()[:255] or _("(không tên)")


def _check_count(*, uploaded_by, upload_token, report) -> None:
    if report is not None:
        count = Attachment.objects.filter(report=report).count()
    elif upload_token is not None:
        count = Attachment.objects.filter(
            upload_token=upload_token, uploaded_by=uploaded_by, report__isnull=True
        ).count()
    else:
        return
    if count >= MAX_ATTACHMENTS:
        raise _too_many()


def _too_many() -> AttachmentRejected:
    return AttachmentRejected(
        _("Chỉ được đính kèm tối đa %(count)d tệp.") % {"count": MAX_ATTACHMENTS}
    )


def _check_pending_quota(*, uploaded_by, size: int) -> None:
    """Each account may keep only so many files, and so many bytes, waiting for a report:
    a form posted again and again with files and no valid report cannot fill the disk."""
    pending = Attachment.objects.filter(PENDING, uploaded_by=uploaded_by).aggregate(
        count=Count("id"), size=Sum("size")
    )
    count, pending_bytes = pending["count"], pending["size"] or 0
    max_files = settings.UPLOADS_PENDING_MAX_FILES
    max_bytes = settings.UPLOADS_PENDING_MAX_MB * 1024 * 1024
    if count + 1 > max_files or pending_bytes + size > max_bytes:
        raise AttachmentRejected(
            _(
                "Ông/bà đang có %(count)d tệp (%(size)s MB) đã tải lên nhưng chưa gửi kèm phản ánh "
                "nào; mỗi tài khoản chỉ được giữ tối đa %(max_files)d tệp, %(max_mb)d MB chờ gửi. "
                "Hãy gửi phản ánh đang soạn, hoặc các tệp chưa gửi sẽ tự xóa sau %(hours)d giờ."
            )
            % {
                "count": count,
                "size": f"{pending_bytes / (1024 * 1024):.1f}",
                "max_files": max_files,
                "max_mb": settings.UPLOADS_PENDING_MAX_MB,
                "hours": settings.UPLOADS_PENDING_MAX_AGE_HOURS,
            }
        )


def _actual_size(uploaded_file) -> int:
    """The larger of the reported size and the real one: neither alone is trusted."""
    uploaded_file.seek(0, io.SEEK_END)
    real = uploaded_file.tell()
    uploaded_file.seek(0)
    return max(real, uploaded_file.size or 0)


def _too_large(name: str, limit: int) -> AttachmentRejected:
    return AttachmentRejected(
        _("Tệp “%(name)s” quá lớn: tối đa %(limit)d MB.")
        % {"name": name, "limit": limit // (1024 * 1024)}
    )


# What the content is -------------------------------------------------------------------------


def _detect(uploaded_file, *, name: str, size: int) -> DetectedType:
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    if head.startswith(EXECUTABLE_SIGNATURES):
        if name.lower().endswith(IMAGE_NAME_SUFFIXES):
            raise AttachmentRejected(
                _("Tệp “%(name)s” không phải ảnh hợp lệ: đây là một chương trình chạy được.")
                % {"name": name}
            )
        raise AttachmentRejected(
            _("Tệp “%(name)s” là chương trình chạy được, không được đính kèm.") % {"name": name}
        )
    if head.startswith(OLE2_SIGNATURE):
        return _check_doc(uploaded_file, name=name, size=size)
    guess = filetype.guess(head)
    mime = guess.mime if guess else None
    if mime in ("image/jpeg", "image/png", "image/heic") or _is_heif(head):
        return _check_photo(uploaded_file, name=name, size=size, mime=mime or "image/heic")
    if mime in ("video/mp4", "video/quicktime"):
        return _check_video(uploaded_file, name=name, size=size, mime=mime)
    if mime == "application/pdf":
        return _check_pdf(uploaded_file, name=name, size=size)
    if head.startswith(b"PK\x03\x04"):
        return _check_office(uploaded_file, name=name, size=size)
    if name.lower().endswith(IMAGE_NAME_SUFFIXES):
        raise AttachmentRejected(
            _("Tệp “%(name)s” không phải ảnh hợp lệ. Chỉ nhận %(accepted)s.")
            % {"name": name, "accepted": ACCEPTED_TYPES}
        )
    raise AttachmentRejected(
        _("Tệp “%(name)s” có định dạng không được nhận. Chỉ nhận %(accepted)s.")
        % {"name": name, "accepted": ACCEPTED_TYPES}
    )


def _is_heif(head: bytes) -> bool:
    """HEIC from cameras that put only ``mif1`` first and ``heic`` later, or ``heix``, which
    filetype does not list."""
    if head[4:8] != b"ftyp" or len(head) < 16:
        return False
    box_size = min(struct.unpack(">I", head[:4])[0], len(head))
    brands = {head[8:12]} | {head[i : i + 4] for i in range(16, box_size - 3, 4)}
    return bool({b.decode("latin-1") for b in brands} & HEIC_BRANDS) and b"qt  " not in brands


def _not_a_valid_photo(name: str, reason: str) -> AttachmentRejected:
    return AttachmentRejected(
        _("Tệp “%(name)s” không phải ảnh hợp lệ: %(reason)s.") % {"name": name, "reason": reason}
    )


def _check_photo(uploaded_file, *, name: str, size: int, mime: str) -> DetectedType:
    if size > MAX_PHOTO_BYTES:
        raise _too_large(name, MAX_PHOTO_BYTES)
    uploaded_file.seek(0)
    content = uploaded_file.read()
    uploaded_file.seek(0)
    if mime == "image/png":
        metadata, trailer = _png_parts(content, name)
        extension = ".png"
    elif mime == "image/jpeg":
        metadata, trailer = _jpeg_parts(content, name)
        # Phones append further JPEGs after the first (MPF: HDR gain maps, depth maps); each
        # is walked the same way, so only pictures may follow a picture.
        while trailer.startswith(b"\xff\xd8\xff"):
            more_metadata, trailer = _jpeg_parts(trailer, name)
            metadata += more_metadata
        extension = ".jpg"
    else:
        metadata, trailer = _isobmff_parts(content, name, skip={b"mdat"})
        mime, extension = "image/heic", ".heic"
    if trailer.strip(b"\x00\r\n \t"):
        raise _not_a_valid_photo(name, _("có dữ liệu lạ gắn thêm sau phần ảnh"))
    if HIDDEN_PAYLOAD.search(metadata) or HIDDEN_PAYLOAD.search(trailer):
        raise _not_a_valid_photo(name, _("có tệp nén, PDF hoặc mã lệnh giấu bên trong"))
    width, height = _photo_dimensions(content, name)
    if width * height > MAX_PHOTO_PIXELS:
        raise _not_a_valid_photo(
            name,
            _("ảnh %(width)d×%(height)d quá lớn, tối đa %(limit)d triệu điểm ảnh")
            % {"width": width, "height": height, "limit": MAX_PHOTO_PIXELS // 1_000_000},
        )
    return DetectedType(AttachmentKind.PHOTO, mime, extension)


def _png_parts(content: bytes, name: str) -> tuple[bytes, bytes]:
    """Walks the chunks to IEND; returns the ancillary chunks' data and what follows IEND."""
    position, metadata = 8, []
    while True:
        if position + 12 > len(content):
            raise _not_a_valid_photo(name, _("tệp PNG bị cắt cụt"))
        length, chunk_type = struct.unpack(">I4s", content[position : position + 8])
        data = content[position + 8 : position + 8 + length]
        position += 12 + length
        if chunk_type == b"IEND":
            return b"".join(metadata), content[position:]
        if chunk_type not in (b"IDAT", b"IHDR", b"PLTE"):
            metadata.append(data)


def _jpeg_parts(content: bytes, name: str) -> tuple[bytes, bytes]:
    """Walks segments and entropy-coded scans to EOI; returns the segments' data (EXIF, XMP,
    comments...) and what follows EOI."""
    position, metadata, length = 2, [], len(content)
    while position < length:
        if content[position] != 0xFF:
            raise _not_a_valid_photo(name, _("cấu trúc JPEG hỏng"))
        marker = content[position + 1] if position + 1 < length else None
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            return b"".join(metadata), content[position + 2 :]
        if marker is None or position + 4 > length:
            break
        (segment_length,) = struct.unpack(">H", content[position + 2 : position + 4])
        segment_end = position + 2 + segment_length
        if marker != 0xDA:
            metadata.append(content[position + 4 : segment_end])
            position = segment_end
            continue
        # A scan: entropy-coded data up to the next marker that is not a stuffed 0xFF00 or RSTn.
        position = segment_end
        while True:
            position = content.find(b"\xff", position)
            if position < 0 or position + 1 >= length:
                raise _not_a_valid_photo(name, _("tệp JPEG bị cắt cụt"))
            following = content[position + 1]
            if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                position += 1 if following == 0xFF else 2
                continue
            break
    raise _not_a_valid_photo(name, _("tệp JPEG bị cắt cụt"))


def _isobmff_boxes(read_at, size: int, name: str, reason: str):
    """Yields (type, start, payload start, end) of top-level ISO boxes; the boxes must cover the
    file exactly."""
    position = 0
    while position < size:
        header = read_at(position, 16)
        if len(header) < 8:
            raise AttachmentRejected(reason)
        box_size, box_type = struct.unpack(">I4s", header[:8])
        payload = position + 8
        if box_size == 1:
            if len(header) < 16:
                raise AttachmentRejected(reason)
            box_size = struct.unpack(">Q", header[8:16])[0]
            payload = position + 16
        elif box_size == 0:
            box_size = size - position
        if box_size < payload - position or position + box_size > size:
            raise AttachmentRejected(reason)
        if not all(32 <= c < 127 for c in box_type):
            raise AttachmentRejected(reason)
        yield box_type, position, payload, position + box_size
        position += box_size


def _isobmff_parts(content: bytes, name: str, *, skip: set[bytes]) -> tuple[bytes, bytes]:
    reason = str(_not_a_valid_photo(name, _("cấu trúc HEIC hỏng hoặc có dữ liệu lạ gắn thêm")))
    metadata = [
        content[payload:end]
        for box_type, _start, payload, end in _isobmff_boxes(
            lambda at, count: content[at : at + count], len(content), name, reason
        )
        if box_type not in skip
    ]
    return b"".join(metadata), b""


def _photo_dimensions(content: bytes, name: str) -> tuple[int, int]:
    """Width and height from the header only: nothing is decoded here."""
    _register_heif()
    try:
        with Image.open(io.BytesIO(content)) as image:
            return image.size
    except Image.DecompressionBombError:
        return (MAX_PHOTO_PIXELS, 2)
    except Exception:
        raise _not_a_valid_photo(name, _("không đọc được ảnh")) from None


def _check_video(uploaded_file, *, name: str, size: int, mime: str) -> DetectedType:
    if size > MAX_VIDEO_BYTES:
        raise _too_large(name, MAX_VIDEO_BYTES)

    def read_at(position: int, count: int) -> bytes:
        uploaded_file.seek(position)
        return uploaded_file.read(count)

    reason = _("Tệp “%(name)s” không phải video hợp lệ: cấu trúc hỏng hoặc có dữ liệu lạ.") % {
        "name": name
    }
    box_types = [box[0] for box in _isobmff_boxes(read_at, size, name, reason)]
    uploaded_file.seek(0)
    if b"moov" not in box_types:
        raise AttachmentRejected(reason)
    return DetectedType(AttachmentKind.VIDEO, mime, ".mov" if mime == "video/quicktime" else ".mp4")


def _not_a_valid_document(name: str, reason: str) -> AttachmentRejected:
    return AttachmentRejected(
        _("Tệp “%(name)s” không phải tài liệu hợp lệ: %(reason)s.")
        % {"name": name, "reason": reason}
    )


def _check_doc(uploaded_file, *, name: str, size: int) -> DetectedType:
    if size > MAX_DOCUMENT_BYTES:
        raise _too_large(name, MAX_DOCUMENT_BYTES)
    content = uploaded_file.read()
    uploaded_file.seek(0)
    # The directory of a Word 97-2003 file names its main stream, in UTF-16.
    if "WordDocument".encode("utf-16-le") not in content:
        raise _not_a_valid_document(name, _("chỉ nhận tài liệu Word (DOC), không nhận XLS, PPT"))
    return DetectedType(AttachmentKind.DOCUMENT, "application/msword", ".doc")


def _check_pdf(uploaded_file, *, name: str, size: int) -> DetectedType:
    """Refuses a PDF with anything but white space after its last ``%%EOF`` (incremental
    updates end with their own ``%%EOF``, so a real PDF always ends with one)."""
    if size > MAX_DOCUMENT_BYTES:
        raise _too_large(name, MAX_DOCUMENT_BYTES)
    content = uploaded_file.read()
    uploaded_file.seek(0)
    if not content.rstrip(PDF_TRAILING_SPACE).endswith(PDF_END_MARKER):
        if PDF_END_MARKER not in content:
            raise _not_a_valid_document(name, _("tệp PDF bị cắt cụt, thiếu phần cuối tệp"))
        raise _not_a_valid_document(name, _("có dữ liệu lạ gắn thêm sau phần cuối tệp PDF"))
    return DetectedType(AttachmentKind.DOCUMENT, "application/pdf", ".pdf")


def _check_office(uploaded_file, *, name: str, size: int) -> DetectedType:
    if size > MAX_DOCUMENT_BYTES:
        raise _too_large(name, MAX_DOCUMENT_BYTES)
    uploaded_file.seek(0)
    try:
        archive = zipfile.ZipFile(uploaded_file)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_valid_document(name, _("tệp nén bị hỏng")) from None
    with archive:
        parts = archive.infolist()
        names = {part.filename for part in parts}
        if "[Content_Types].xml" not in names:
            raise _not_a_valid_document(name, _("không phải tài liệu DOCX, XLSX hay PPTX"))
        found = [OFFICE_TYPES[main] for main in OFFICE_TYPES if main in names]
        if len(found) != 1:
            raise _not_a_valid_document(name, _("không phải tài liệu DOCX, XLSX hay PPTX"))
        if any(part.lower().endswith("vbaproject.bin") for part in names):
            raise _not_a_valid_document(name, _("tài liệu có macro, không được nhận"))
        bomb = _not_a_valid_document(name, _("nội dung giải nén lớn bất thường (bom nén)"))
        total = sum(part.file_size for part in parts)
        total_compressed = sum(part.compress_size for part in parts)
        too_squeezed = any(
            part.file_size > 1024 * 1024
            and part.file_size > MAX_OFFICE_COMPRESSION_RATIO * max(part.compress_size, 1)
            for part in parts
        ) or (
            total > 1024 * 1024
            and total > MAX_OFFICE_TOTAL_COMPRESSION_RATIO * max(total_compressed, 1)
        )
        if len(parts) > MAX_OFFICE_PARTS or total > MAX_OFFICE_UNCOMPRESSED_BYTES or too_squeezed:
            raise bomb
        # The directory is within limits; reading every part checks that it tells the truth
        # (zipfile stops at the declared size and verifies the CRC), and the bytes actually
        # unpacked are counted against the same total.
        unpacked = 0
        try:
            for part in parts:
                with archive.open(part) as stream:
                    while chunk := stream.read(1024 * 1024):
                        unpacked += len(chunk)
                        if unpacked > MAX_OFFICE_UNCOMPRESSED_BYTES:
                            raise bomb
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
            raise _not_a_valid_document(name, _("tệp nén bị hỏng")) from None
    uploaded_file.seek(0)
    content_type, extension = found[0]
    return DetectedType(AttachmentKind.DOCUMENT, content_type, extension)


# The public copy -----------------------------------------------------------------------------


def _register_heif() -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _public_jpeg(uploaded_file, *, name: str) -> bytes:
    """A re-encoded JPEG with no EXIF, GPS or XMP; turned upright first, as the EXIF said."""
    _register_heif()
    uploaded_file.seek(0)
    try:
        with Image.open(uploaded_file) as image:
            upright = ImageOps.exif_transpose(image)
            if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
                rgba = upright.convert("RGBA")
                picture = Image.new("RGB", rgba.size, "white")
                picture.paste(rgba, mask=rgba.getchannel("A"))
            else:
                picture = upright.convert("RGB")
            icc_profile = image.info.get("icc_profile")
    except AttachmentRejected:
        raise
    except Exception:
        raise _not_a_valid_photo(name, _("không đọc được ảnh")) from None
    finally:
        uploaded_file.seek(0)
    output = io.BytesIO()
    # Only the colour profile is carried over: it says nothing about the sender or the place.
    options = {"icc_profile": icc_profile} if icc_profile else {}
    picture.save(output, format="JPEG", quality=PUBLIC_JPEG_QUALITY, optimize=True, **options)
    return output.getvalue()
