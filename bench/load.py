"""`make bench`: PAKN served as in production and measured with wrk, each figure beside a floor.

1. The database: BENCH_DATABASE_URL, else DATABASE_URL, else SQLite in a temporary directory.
   BENCH_REPORTS reports (default 100,000) are generated into it (bench/generate.py) unless
   BENCH_REUSE=1 and it already holds reports; a database holding reports is never added to
   without BENCH_REUSE=1 (the figures would mix two sizes).
2. The server: gunicorn, 2 sync workers (BENCH_WORKERS), production settings (DEBUG off,
   hashed static files, persistent database connections), with the task workers and nothing
   else; config.settings.bench adds the two floor views (config/bench_floor.py).
3. The load: wrk, BENCH_CONNECTIONS (16) connections on 2 threads for BENCH_DURATION (10s)
   per operation, requests from a prepared list: random public codes, search words with and
   without marks (cold: each query once; warm: a few repeated), a citizen's session sending
   the real form (the captcha answered as the tests answer it, by reading the stored
   challenge: here challenges made in advance, one per request, never a switch that turns the
   check off), a coordinator's and a unit officer's sessions for the inbox and the desk.
4. Also: the RSS of a web worker, the task worker and the scheduler; one scheduler pass; the
   queries of sending one report. Results to bench/results/<date>.json and .md, the table
   printed.
"""

import datetime
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
WRK_SCRIPT = ROOT / "bench" / "wrk.lua"
THREADS = 2

REPORTS = int(os.environ.get("BENCH_REPORTS", "100000"))
REUSE = os.environ.get("BENCH_REUSE", "") == "1"
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))

# (name, floor, what it measures)
OPERATIONS = (
    ("floor_insert", None, "sàn: một INSERT (view Django trần)"),
    ("floor_read", None, "sàn: một lần đọc theo chỉ mục"),
    ("send_report", "floor_insert", "gửi phản ánh qua biểu mẫu (công dân đã đăng nhập)"),
    ("public_report", "floor_read", "trang phản ánh công khai, mã ngẫu nhiên"),
    ("search_marks_cold", "floor_read", "tra cứu có dấu, lần đầu (cold)"),
    ("search_plain_cold", "floor_read", "tra cứu không dấu, lần đầu (cold)"),
    ("search_marks_warm", "floor_read", "tra cứu có dấu, lặp lại (warm)"),
    ("search_plain_warm", "floor_read", "tra cứu không dấu, lặp lại (warm)"),
    ("search_code", "floor_read", "tra cứu theo mã số"),
    ("api_search", "floor_read", "API tra cứu công khai"),
    ("statistics", "floor_read", "thống kê 12 tháng"),
    ("inbox_coordinator", "floor_read", "hộp thư của điều phối viên"),
    ("inbox_unit", "floor_read", "hộp thư của một đơn vị xử lý"),
    ("desk", "floor_read", "trang xử lý một phản ánh (cán bộ)"),
    ("map", "floor_read", "bản đồ (dữ liệu bản đồ, khung nhìn ngẫu nhiên)"),
    ("api_send_report", "floor_insert", "gửi phản ánh qua API (công dân, Idempotency-Key)"),
    ("api_my_reports", "floor_read", "API: danh sách phản ánh của một công dân có 50 phản ánh"),
    ("open311_requests", "floor_read", "Open311 GET requests.json (90 ngày gần nhất)"),
)


def say(line: str) -> None:
    print(line, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str, work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.bench",  # production's, with the floor views
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="600",  # persistent connections, as production runs
        SECRET_KEY="bench-" + "k" * 60,
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PAKN_VAR_DIR=str(work),
        STATIC_ROOT=str(work / "static"),
        LOG_LEVEL="WARNING",
        TRUST_X_FORWARDED_FOR="true",  # wrk.lua sends many visitors' addresses
        PYTHONUNBUFFERED="1",
    )
    env.pop("DEBUG", None)
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=check)


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered; see the lines above.")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz within 150 s.")


def settle(base: str) -> None:
    """Waits until the server answers at once again: requests that wrk sent just before its
    end are still queued in the workers and would slow the next operation down."""
    for _ in range(120):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=60):
                pass
        except OSError:
            pass
        if time.monotonic() - started < 0.2:
            return
        time.sleep(0.5)


def warm_up(base: str, paths: list[str]) -> None:
    """Each worker's first requests load templates, translations and URL patterns."""
    for path in paths * (2 * WORKERS):
        try:
            with urllib.request.urlopen(base + path, timeout=60):
                pass
        except OSError:
            pass


def write_requests(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wrk(base: str, requests: Path, cookie: str) -> dict:
    command = [
        "wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}", "--timeout", "30s",
        "-s", str(WRK_SCRIPT), base, "--", str(requests), cookie or "-", str(THREADS),
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    match = re.search(r"^BENCHJSON (.*)$", out.stdout, re.MULTILINE)
    if match is None:
        return {"error": (out.stdout + out.stderr)[-500:]}
    return json.loads(match.group(1))


class Prepared:
    """What the load needs from the database: codes, words, sessions, captcha answers."""

    def __init__(self, work: Path):
        import django

        django.setup()
        from django.conf import settings
        from django.db.models import Count
        from django.test import Client
        from django.utils.crypto import get_random_string

        from pakn.accounts.models import AccountType, User
        from pakn.demo import data
        from pakn.organisations.models import Membership, MembershipRole
        from pakn.reports.models import OPEN_STATUSES, Report, ReportStatus

        self.work = work
        self.settings = settings
        published = Report.objects.filter(is_published=True).order_by("?")
        self.public_codes = list(published.values_list("code", flat=True)[:2000])
        titles = list(published.values_list("public_title", flat=True)[:500])
        self.sent_codes = list(
            Report.objects.exclude(status=ReportStatus.DRAFT)
            .order_by("?")
            .values_list("code", flat=True)[:2000]
        )
        words = sorted({w for t in titles for w in re.findall(r"\w+", t.lower()) if len(w) > 2})
        self.words = words
        self.csrf = get_random_string(32)

        def session_of(user) -> str:
            client = Client()
            client.force_login(user)
            return client.cookies[settings.SESSION_COOKIE_NAME].value

        citizen = (
            User.objects.filter(account_type=AccountType.INDIVIDUAL, reports__isnull=False)
            .order_by("id")
            .first()
        )
        coordinator = (
            Membership.objects.filter(
                unit__code=data.COORDINATING_CENTRE_CODE, role=MembershipRole.COORDINATOR
            )
            .order_by("id")
            .first()
            .user
        )
        busiest = (
            Report.objects.filter(status__in=OPEN_STATUSES, current_unit__isnull=False)
            .values("current_unit")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        handler = (
            Membership.objects.filter(
                unit_id=busiest["current_unit"],
                role__in=(MembershipRole.HANDLER, MembershipRole.LEADER),
            )
            .order_by("role", "id")
            .first()
            .user
        )
        name = settings.SESSION_COOKIE_NAME
        csrf_name = settings.CSRF_COOKIE_NAME
        self.cookies = {
            "citizen": f"{name}={session_of(citizen)}; {csrf_name}={self.csrf}",
            "coordinator": f"{name}={session_of(coordinator)}; {csrf_name}={self.csrf}",
            "unit": f"{name}={session_of(handler)}; {csrf_name}={self.csrf}",
        }
        self.citizen = citizen
        self.citizen_with_50 = self._citizen_with_reports(50)
        self.cookies["citizen_50"] = (
            f"{name}={session_of(self.citizen_with_50)}; {csrf_name}={self.csrf}"
        )

    @staticmethod
    def _citizen_with_reports(count: int):
        """The citizen with the most reports, given sent reports up to ``count`` (the
        generator makes one citizen per report)."""
        import uuid

        from django.db.models import Count

        from pakn.accounts.models import AccountType, User
        from pakn.reports.services.submission import ReportDetails, report_submit

        citizen = (
            User.objects.filter(account_type=AccountType.INDIVIDUAL)
            .annotate(n=Count("reports"))
            .order_by("-n", "id")
            .first()
        )
        for number in range(citizen.n, count):
            report_submit(
                reporter=citizen,
                details=ReportDetails(title=f"Phản ánh thử số {number}", content="Đo tải."),
                idempotency_key=uuid.uuid4(),
            )
        return citizen

    def api_send_lines(self, count: int) -> list[str]:
        """``count`` API sends, each with its own Idempotency-Key (session and CSRF header)."""
        import uuid

        body = urlencode({
            "title": "Đèn đường hỏng trước nhà số 12 Trần Phú",
            "content": "Đèn đường hỏng nhiều ngày, buổi tối rất tối và nguy hiểm.",
            "kind": "report",
            "address": "12 Trần Phú",
            "latitude": "12.238791",
            "longitude": "109.196749",
        })  # fmt: skip
        return [
            f"POST\t/api/v1/me/reports/\t{body}\tX-CSRFToken: {self.csrf};;"
            f"Idempotency-Key: {uuid.uuid4()};;Accept: application/json"
            for _ in range(count)
        ]

    def send_forms(self, count: int) -> list[dict[str, str]]:
        """``count`` form posts, each with its own idempotency key and a fresh challenge."""
        import uuid

        from django.utils import timezone

        from pakn.core.models import CaptchaChallenge

        now = timezone.now()
        challenges = [
            CaptchaChallenge(id=uuid.uuid4(), question="3 + 4", answer=7, created_at=now)
            for _ in range(count)
        ]
        CaptchaChallenge.objects.bulk_create(challenges, batch_size=2000)
        return [
            {
                "csrfmiddlewaretoken": self.csrf,
                "idempotency_key": str(uuid.uuid4()),
                "upload_token": "",
                "captcha_id": str(challenge.id),
                "captcha_answer": "7",
                "title": "Đèn đường hỏng trước nhà số 12 Trần Phú",
                "content": "Đèn đường hỏng nhiều ngày, buổi tối rất tối và nguy hiểm.",
                "kind": "report",
                "address": "12 Trần Phú",
                "latitude": "12.238791",
                "longitude": "109.196749",
                "send": "1",
            }
            for challenge in challenges
        ]

    def send_lines(self, count: int) -> list[str]:
        return [f"POST\t/gui-phan-anh/\t{urlencode(form)}" for form in self.send_forms(count)]

    def send_query_count(self) -> int:
        """Queries of one report sent through the form (the test client, same settings);
        -1 if the form was refused."""
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        client = Client()
        client.force_login(self.citizen)
        client.get("/gui-phan-anh/")
        form = self.send_forms(1)[0]
        with CaptureQueriesContext(connection) as queries:
            answer = client.post("/gui-phan-anh/", form)
        return len(queries) if answer.status_code == 302 else -1


def search_lines(words: list[str], *, folded: bool, cold: bool, rng: random.Random) -> list[str]:
    from pakn.core.text import text_fold

    def query(n: int) -> str:
        picked = rng.sample(words, n)
        text = " ".join(picked)
        return text_fold(text) if folded else text

    if cold:
        queries = list(dict.fromkeys(query(rng.choice((1, 2, 2, 3))) for _ in range(20000)))
    else:
        queries = [query(2) for _ in range(10)] * 500
    return [f"GET\t/tra-cuu/?q={quote(q)}" for q in queries]


def map_lines(rng: random.Random) -> list[str]:
    """Visitors panning and zooming over Khánh Hòa: views of the map's data at zooms 9 to 14
    (snapped by the server, so nearby views share its cache)."""
    lines = []
    for _ in range(2000):
        zoom = rng.randint(9, 14)
        half = 0.6 / 2 ** (zoom - 9)
        lon, lat = rng.uniform(108.8, 109.4), rng.uniform(11.3, 12.8)
        box = f"{lon - half:.4f},{lat - half:.4f},{lon + half:.4f},{lat + half:.4f}"
        lines.append(f"GET\t/api/v1/public/map/?bbox={box}&zoom={zoom}")
    return lines


def main() -> None:
    # The duplicate ranking's precision and recall: in-process, on a database of its own.
    subprocess.run([PYTHON, str(ROOT / "bench" / "duplicates.py")], cwd=ROOT, check=False)
    if shutil.which("wrk") is None:
        raise SystemExit(
            "make bench needs wrk (HTTP load tool): on Debian or Ubuntu "
            "`sudo apt-get install -y wrk`, on macOS `brew install wrk`. `make bench-quick` "
            "runs the in-process figures without it."
        )
    work = Path(tempfile.mkdtemp(prefix="pakn-bench-"))
    database_url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not database_url:
        sqlite_dir = Path(tempfile.gettempdir()) / "pakn-bench-sqlite" if REUSE else work
        sqlite_dir.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{sqlite_dir}/bench.sqlite3"
    env = server_environment(database_url, work)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    results: dict = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "cpu": _cpu_model(),
            "memory_gb": _memory_gb(),
            "python": platform.python_version(),
            "load_average_at_start": os.getloadavg(),
        },
        "settings": {
            "server": f"gunicorn {WORKERS} sync workers",
            "wrk": f"{THREADS} threads, {CONNECTIONS} connections, {DURATION} per operation",
        },
        "operations": {},
        "figures": {},
    }
    say(f"PAKN load benchmark, database {database_url.split('@')[-1]}, work dir {work}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    present = _report_count(env)
    if present and not REUSE:
        raise SystemExit(
            f"The database already holds {present:,} reports: set BENCH_REUSE=1 to measure "
            "them, or point BENCH_DATABASE_URL at an empty database."
        )
    if not present:
        say(f"generating {REPORTS:,} reports (bench/generate.py)…")
        started = time.monotonic()
        subprocess.run(
            [PYTHON, "bench/generate.py", "--reports", str(REPORTS)], cwd=ROOT, env=env, check=True
        )
        results["figures"]["generate_seconds"] = round(time.monotonic() - started, 1)

    prepared = Prepared(work)
    from django.db import connection

    results["data"] = _data_size(connection)
    results["machine"]["database"] = f"{connection.vendor} {_db_version(connection)}"
    say("data: " + ", ".join(f"{k} {v:,}" for k, v in results["data"].items()))
    results["figures"]["send_report_queries"] = prepared.send_query_count()
    connection.close()

    # The server's and the worker's logs go to files, not between the figures.
    server_log = open(work / "gunicorn.log", "w")  # noqa: SIM115 - closed after the run
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi:application",
         "--workers", str(WORKERS), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
         "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    # The worker logs each task it runs: to a file, not between the figures.
    worker_log = open(work / "task-worker.log", "w")  # noqa: SIM115 - closed with the worker
    task_worker = subprocess.Popen(
        [PYTHON, "manage.py", "pakn_worker", "--queue-name", "notifications", "--interval", "1",
         "--no-reload"],
        cwd=ROOT, env=env, stdout=worker_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_until_up(base, server)
        _run_operations(results, prepared, base, work)
        web = [rss_mb(pid) for pid in children(server.pid)]
        results["figures"]["web_worker_rss_mb"] = round(max(r[0] for r in web), 1)
        results["figures"]["web_worker_peak_rss_mb"] = round(max(r[1] for r in web), 1)
        results["figures"]["task_worker_rss_mb"] = round(rss_mb(task_worker.pid)[0], 1)
    finally:
        for process in (server, task_worker):
            process.send_signal(signal.SIGTERM)
        for process in (server, task_worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        worker_log.close()
        server_log.close()
    _scheduler_pass(results, env)
    _triage(results, env)
    _write(results)


def _run_operations(results: dict, prepared: Prepared, base: str, work: Path) -> None:
    rng = random.Random(13)
    seconds = float(DURATION.rstrip("s"))
    public = prepared.public_codes or ["PAKN-2000-000001"]
    sent = prepared.sent_codes or public
    lists = {
        "floor_insert": (["POST\t/bench/floor/insert\tx=1"], ""),
        "floor_read": ([f"GET\t/bench/floor/read?code={c}" for c in public], ""),
        "public_report": ([f"GET\t/phan-anh/{c}/" for c in public], ""),
        "search_marks_cold": (search_lines(prepared.words, folded=False, cold=True, rng=rng), ""),
        "search_plain_cold": (search_lines(prepared.words, folded=True, cold=True, rng=rng), ""),
        "search_marks_warm": (search_lines(prepared.words, folded=False, cold=False, rng=rng), ""),
        "search_plain_warm": (search_lines(prepared.words, folded=True, cold=False, rng=rng), ""),
        "search_code": ([f"GET\t/tra-cuu/?q={c}" for c in public], ""),
        "api_search": (
            [f"GET\t/api/v1/public/reports/?q={quote(w)}" for w in prepared.words] or ["GET\t/"],
            "",
        ),
        "statistics": (["GET\t/thong-ke/"], ""),
        "inbox_coordinator": (["GET\t/can-bo/phan-anh/"], prepared.cookies["coordinator"]),
        "inbox_unit": (["GET\t/can-bo/phan-anh/"], prepared.cookies["unit"]),
        "desk": ([f"GET\t/can-bo/phan-anh/{c}/" for c in sent], prepared.cookies["coordinator"]),
        "map": (map_lines(rng), ""),
        "api_my_reports": (["GET\t/api/v1/me/reports/"], prepared.cookies["citizen_50"]),
        "open311_requests": (["GET\t/open311/v2/requests.json"], ""),
    }
    warm_up(base, ["/healthz", "/", lists["public_report"][0][0].split("\t")[1], "/tra-cuu/?q=a"])
    for name, _floor, label in OPERATIONS:
        settle(base)
        if name == "send_report":
            # One challenge per request, with room for a fast server.
            lines, cookie = prepared.send_lines(int(400 * seconds)), prepared.cookies["citizen"]
        elif name == "api_send_report":
            lines = prepared.api_send_lines(int(400 * seconds))
            cookie = prepared.cookies["citizen"]
        else:
            lines, cookie = lists[name]
        requests = write_requests(work / f"{name}.txt", lines)
        say(f"  {name}: {label}…")
        results["operations"][name] = wrk(base, requests, cookie)
        from django.db import connection

        connection.close()


SCHEDULER_PASS = (
    "import time; from pakn.notifications.scheduler import scheduler_pass; "
    "started = time.monotonic(); scheduler_pass(); "
    "print('BENCHPASS', time.monotonic() - started)"
)


def _scheduler_pass(results: dict, env: dict[str, str]) -> None:
    """One pass of the scheduler in its own process, as cron or the looping scheduler runs
    it: its time, and the process's peak memory (GNU time's %M) when /usr/bin/time exists."""
    command = [PYTHON, "manage.py", "shell", "-c", SCHEDULER_PASS]
    if Path("/usr/bin/time").exists():
        command = ["/usr/bin/time", "-f", "BENCHTIME %e %M", *command]
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    passed = re.search(r"BENCHPASS ([\d.]+)", out.stdout)
    if passed is None:
        results["figures"]["scheduler_pass_error"] = out.stderr[-300:]
        return
    results["figures"]["scheduler_pass_seconds"] = round(float(passed.group(1)), 2)
    timed = re.search(r"BENCHTIME ([\d.]+) (\d+)", out.stderr)
    if timed:
        results["figures"]["scheduler_peak_rss_mb"] = round(int(timed.group(2)) / 1024, 1)


def _triage(results: dict, env: dict[str, str]) -> None:
    """The triage suggestions trained and asked on the benchmark's history, in their own
    process (bench/triage.py): held-out accuracy, training time, time to suggest."""
    say("  triage: training on the forwarding history and suggesting…")
    out = subprocess.run(
        [PYTHON, "bench/triage.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    found = re.search(r"BENCHTRIAGE (.+)", out.stdout)
    if found is None:
        results["figures"]["triage_error"] = out.stderr[-300:]
        return
    for name, value in json.loads(found.group(1)).items():
        results["figures"][f"triage_{name}"] = value


def _report_count(env: dict[str, str]) -> int:
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from pakn.reports.models import Report; print(Report.objects.count())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout.strip().splitlines()[-1])


def _data_size(connection) -> dict[str, int]:
    from pakn.accounts.models import User
    from pakn.reports.models import OPEN_STATUSES, Event, Report

    size = {
        "reports": Report.objects.count(),
        "open_reports": Report.objects.filter(status__in=OPEN_STATUSES).count(),
        "published_reports": Report.objects.filter(is_published=True).count(),
        "events": Event.objects.count(),
        "users": User.objects.count(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size["database_mb"] = cursor.fetchone()[0] // 2**20
    return size


def _db_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0].split()[0]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _memory_gb() -> float:
    try:
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        return round(int(first.split()[1]) / 2**20, 1)
    except (OSError, IndexError, ValueError):
        return 0.0


def _markdown(results: dict) -> str:
    data = results["data"]
    machine = results["machine"]
    lines = [
        f"PAKN `make bench`, {results['date']}: {machine['cpus']} cores ({machine['cpu']}), "
        f"{machine['memory_gb']} GB, {machine['database']}, {data['reports']:,} reports "
        f"({data['events']:,} events, {data['open_reports']:,} open), "
        f"{results['settings']['server']}, wrk {results['settings']['wrk']}; load average "
        f"at start {machine['load_average_at_start'][0]:.1f}.",
        "",
        "| operation | req/s | p50 ms | p95 ms | p99 ms | share of its floor | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    operations = results["operations"]
    for name, floor, label in OPERATIONS:
        figure = operations.get(name, {})
        if "rate" not in figure:
            lines.append(f"| {label} | – | – | – | – | – | {figure.get('error', '?')[:60]} |")
            continue
        share = "–"
        base = operations.get(floor or "", {}).get("rate")
        if floor and base:
            share = f"{figure['rate'] / base:.0%} of {floor}"
        errors = figure["client_errors"] + figure["server_errors"] + figure["socket_errors"]
        if name == "send_report":
            # Success is the redirect to the "sent" page; a 200 is the form refused.
            errors += figure["ok"]
        lines.append(
            f"| {label} | {figure['rate']:.1f} | {figure['p50_ms']:.0f} | "
            f"{figure['p95_ms']:.0f} | {figure['p99_ms']:.0f} | {share} | {errors} |"
        )
    lines.append("")
    for name, value in results["figures"].items():
        lines.append(f"- {name.replace('_', ' ')}: {value}")
    return "\n".join(lines) + "\n"


def _write(results: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d-%H%M")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    table = _markdown(results)
    (RESULTS / f"{stamp}.md").write_text(table)
    print()
    print(table)
    say(f"results: bench/results/{stamp}.json and .md")


if __name__ == "__main__":
    main()
