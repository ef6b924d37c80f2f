"""E-mail intake from a real IMAP server: Dovecot (the Debian package dovecot-imapd, which
.ci/run installs) started by the test on a free port with a Maildir of real .eml files, read
through imap-tools exactly as in production; and the two ways a mailbox fails: a closed
port and a server that accepts the connection and never answers."""

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from pakn.reports.mailbox import mailbox_read, mailbox_read_task
from pakn.reports.models import InboundEmail, InboundEmailStatus, MailboxState, Report

MAIL = Path(__file__).parent / "mail"
DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "pakn@khanhhoa.test", "hop-thu-thu-nghiem"
pytestmark = pytest.mark.django_db

CONFIG = """\
base_dir = {root}/run
instance_name = pakn-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    """A port that was just bound and closed: nothing listens there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Dovecot:
    def __init__(self, root: Path, port: int, owner: pwd.struct_passwd):
        self.root, self.port, self.owner = root, port, owner

    def deliver(self, name: str) -> None:
        """Puts a message file in the mailbox as a mail server's delivery would (Maildir/new)."""
        target = self.root / "home" / "Maildir" / "new" / f"{time.time_ns()}.{name}"
        shutil.copy(MAIL / name, target)
        os.chown(target, self.owner.pw_uid, self.owner.pw_gid)

    def unseen(self) -> list[bytes]:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=5)
        try:
            client.login(USER, PASSWORD)
            client.select("INBOX")
            return client.search(None, "UNSEEN")[1][0].split()
        finally:
            client.logout()


@pytest.fixture
def dovecot(settings):
    # Mail processes run as an unprivileged user (Dovecot refuses uid 0): "nobody" owns the
    # mailbox, in a folder it may enter.
    owner = pwd.getpwnam("nobody")
    root = Path(tempfile.mkdtemp(prefix="pakn-imap-"))
    root.chmod(0o755)
    for sub in ("new", "cur", "tmp"):
        (root / "home" / "Maildir" / sub).mkdir(parents=True)
    for path in (root / "home", *(root / "home").rglob("*")):
        os.chown(path, owner.pw_uid, owner.pw_gid)
    (root / "run").mkdir()
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    (root / "passwd").chmod(0o644)  # read by Dovecot's auth process, user "dovecot"
    port = free_port()
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, port=port, uid=owner.pw_uid, gid=owner.pw_gid))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)])  # noqa: S603
    try:
        for _attempt in range(200):  # until it listens (not a timing assertion)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, (root / "dovecot.log").read_text()
                time.sleep(0.05)
        settings.IMAP_HOST, settings.IMAP_PORT = "127.0.0.1", port
        settings.IMAP_USER, settings.IMAP_PASSWORD = USER, PASSWORD
        settings.IMAP_SSL = settings.IMAP_STARTTLS = False
        settings.IMAP_FOLDER, settings.IMAP_TIMEOUT = "INBOX", 10
        yield Dovecot(root, port, owner)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


def test_unread_messages_of_an_imap_mailbox_become_drafts_once(org, dovecot):
    for name in ("01-plain.eml", "03-attachments.eml", "08-no-sender.eml", "06-wrong-charset.eml"):
        dovecot.deliver(name)
    assert len(dovecot.unseen()) == 4

    assert mailbox_read() == {"drafted": 3, "failed": 1, "seen_before": 0}
    titles = set(Report.objects.values_list("title", flat=True))
    assert titles == {"Đèn đường hỏng trên đường Trần Phú", "Ổ gà trên Quốc lộ 1 - có ảnh",
                      "Nước đục"}  # fmt: skip
    attachments = InboundEmail.objects.get(message_id="<attachments-003@example.vn>")
    assert [f["name"] for f in attachments.refused_files] == ["hoa-don.exe"]
    assert attachments.report.attachments.count() == 2
    failed = InboundEmail.objects.get(status=InboundEmailStatus.FAILED)
    assert "không có địa chỉ người gửi" in failed.failure_reason
    # Every message, the failed one too, is marked read on the server and not read again.
    assert dovecot.unseen() == []
    assert mailbox_read() == {"drafted": 0, "failed": 0, "seen_before": 0}
    state = MailboxState.objects.get()
    assert state.last_error == "" and state.failures_in_a_row == 0

    # A message that arrives later, and one a person marked unread again, are read by the
    # next pass; the second makes no second draft (its Message-ID is known).
    dovecot.deliver("02-html-only.eml")
    dovecot.deliver("04-duplicate-message-id.eml")
    assert mailbox_read() == {"drafted": 1, "failed": 0, "seen_before": 1}
    assert Report.objects.count() == 4


def test_a_wrong_password_is_a_recorded_failure(org, dovecot, settings):
    settings.IMAP_PASSWORD = "sai-mat-khau"
    dovecot.deliver("01-plain.eml")
    assert mailbox_read_task.enqueue().return_value == {"drafted": 0, "failed": 0, "seen_before": 0}
    state = MailboxState.objects.get()
    assert "Không đọc được hộp thư" in state.last_error
    assert "sai-mat-khau" not in state.last_error
    assert len(dovecot.unseen()) == 1  # still there for when the password is put right


def imap_settings(settings, port: int, timeout: int = 10) -> None:
    settings.IMAP_HOST, settings.IMAP_PORT = "127.0.0.1", port
    settings.IMAP_USER, settings.IMAP_PASSWORD = USER, PASSWORD
    settings.IMAP_SSL = settings.IMAP_STARTTLS = False
    settings.IMAP_TIMEOUT = timeout


def test_a_closed_imap_port_is_a_recorded_failure_not_a_crash(org, settings):
    imap_settings(settings, free_port())
    assert mailbox_read_task.enqueue().return_value == {"drafted": 0, "failed": 0, "seen_before": 0}
    mailbox_read()
    state = MailboxState.objects.get()
    assert "cổng đóng" in state.last_error
    assert state.failures_in_a_row == 2 and state.succeeded_at is None


def test_an_imap_server_that_never_answers_times_out_and_is_recorded(org, settings):
    with socket.socket() as silent:
        # Accepts connections (the kernel completes them) and never says a word.
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        imap_settings(settings, silent.getsockname()[1], timeout=1)
        assert mailbox_read() == {"drafted": 0, "failed": 0, "seen_before": 0}
    state = MailboxState.objects.get()
    assert state.last_error == "Máy chủ thư không trả lời sau 1 giây."
    assert state.failures_in_a_row == 1
