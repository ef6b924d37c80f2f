"""var/ holds the SQLite database, uploads and the mail and SMS outboxes, all personal data:
everything PAKN creates there is its owner's only (folders 0700, files 0600), even on a
machine whose default lets everyone read new files."""

import os
import stat
from pathlib import Path

from pakn.core.tests.processes import shell_output

# Writes what a running site writes: an upload, an e-mail and an SMS in the outboxes.
WRITE_EVERY_KIND_OF_FILE = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from pakn.core.sms import sms_deliver, sms_queue
default_storage.save("attachments/2026/11/anh.jpg", ContentFile(b"photo"))
send_mail("Mã xác thực", "Mã của bạn: 123456", None, ["citizen@example.vn"])
sms_deliver(message_id=sms_queue(phone="+84905123456", body="Mã: 123456").pk)
print("written")
"""


def modes_under(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): stat.S_IMODE(path.stat().st_mode)
        for path in [folder, *folder.rglob("*")]
    }


def test_var_database_uploads_and_outboxes_are_the_owners_only(manage_py, tmp_path):
    var = tmp_path / "var"
    # var/ made by an older release, or by hand, readable by everyone: closed at start.
    var.mkdir()
    var.chmod(0o755)
    # The defaults of `make run`: the database in var/, the outboxes, files on local disk;
    # started from a shell whose umask lets everyone read new files (the usual 022).
    shell_umask = os.umask(0o022)
    try:
        migrated = manage_py("migrate", "--noinput", "-v0", DATABASE_URL=None)
        written = manage_py(
            "shell", "--no-imports", "-c", WRITE_EVERY_KIND_OF_FILE, DATABASE_URL=None
        )
    finally:
        os.umask(shell_umask)
    assert migrated.returncode == 0, migrated.stderr
    assert "written" in shell_output(written)

    modes = modes_under(var)
    for name in ["db.sqlite3", "media/attachments/2026/11/anh.jpg", "secret_key"]:
        assert name in modes, sorted(modes)
    assert any(name.startswith("outbox/mail/") for name in modes), sorted(modes)
    assert any(name.startswith("outbox/sms/") for name in modes), sorted(modes)
    for name, mode in modes.items():
        expected = 0o700 if (var / name).is_dir() else 0o600
        assert mode == expected, f"{name}: {oct(mode)}"
