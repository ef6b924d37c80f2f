"""Where large uploads are written while a request is read."""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler


class OwnFolderTemporaryUploadedFile(TemporaryUploadedFile):
    """Django's temporary upload, written into UPLOAD_TEMP_DIR, a folder that is PAKN's alone
    (so the purge of killed uploads may empty it), made when the first large upload comes.
    Not Django's FILE_UPLOAD_TEMP_DIR: its system check wants the folder to exist whenever the
    settings are read, and a `manage.py shell` must leave nothing behind."""

    def __init__(self, name, content_type, size, charset, content_type_extra=None):
        folder = Path(settings.UPLOAD_TEMP_DIR)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        extension = os.path.splitext(name)[1]
        file = tempfile.NamedTemporaryFile(suffix=".upload" + extension, dir=folder)  # noqa: SIM115
        UploadedFile.__init__(self, file, name, content_type, size, charset, content_type_extra)


class OwnFolderTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs):
        FileUploadHandler.new_file(self, *args, **kwargs)
        self.file = OwnFolderTemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )
