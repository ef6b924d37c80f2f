"""Sending a stored file, after the caller has checked who may have it.

With files on local disk in production, the app checks permissions and the reverse proxy sends
the bytes (MEDIA_SENDFILE): nginx's ``X-Accel-Redirect`` to an internal location, or Apache's
and Caddy's ``X-Sendfile`` with the file's path. A gunicorn thread is then not held for the
length of a download. With S3, or without MEDIA_SENDFILE (``make run``, tests), the app streams
the file itself. Every door that sends a stored file (attachments, photos, thumbnails, export
files, the public logo and news pictures) answers through ``stored_file_response``.

Hand-written rather than django-sendfile2: that library covers the same two headers but
takes a file path, so S3 files would need a second code path anyway.
"""

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

# Folders of MEDIA_ROOT whose files anyone may read: the site's logo (SiteSettings.logo) and
# the news pictures (Announcement.image). Everything else (attachments, exports) is served only
# by the views that check permissions. The proxy may serve these folders directly
# (deploy/nginx.conf); /media/<folder>/ on the app serves them too, for an installation
# without such a proxy rule.
PUBLIC_MEDIA_FOLDERS = ("site", "announcements")


def stored_file_response(
    stored_file,
    *,
    content_type: str,
    filename: str | None = None,
    as_attachment: bool = False,
) -> HttpResponse:
    """The response that sends ``stored_file`` (a FieldFile); 404 if it is gone."""
    storage, name = stored_file.storage, stored_file.name
    mode = settings.MEDIA_SENDFILE
    if mode != "off" and isinstance(storage, FileSystemStorage):
        if not name or not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type)
        disposition = content_disposition_header(as_attachment, filename) if filename else None
        if disposition:
            response["Content-Disposition"] = disposition
        if mode == "x-accel-redirect":
            response["X-Accel-Redirect"] = quote(settings.MEDIA_SENDFILE_PREFIX + name)
        else:
            response["X-Sendfile"] = storage.path(name)
        return response
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=as_attachment, filename=filename or "", content_type=content_type
    )


class _StoredName:
    """The little of a FieldFile that stored_file_response reads, for a name in a storage."""

    def __init__(self, storage, name: str):
        self.storage, self.name = storage, name

    def open(self, mode: str = "rb"):
        return self.storage.open(self.name, mode)


@require_GET
def public_media(request, path: str):
    """/media/site/… and /media/announcements/…: the public pictures, for anyone."""
    name = posixpath.normpath(path).lstrip("/")
    if name != path or name.split("/", 1)[0] not in PUBLIC_MEDIA_FOLDERS or "/" not in name:
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if not content_type.startswith("image/"):
        raise Http404
    response = stored_file_response(_StoredName(default_storage, name), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
