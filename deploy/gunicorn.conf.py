"""gunicorn settings for one PAKN app server: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Everything an operator tunes is an environment variable (docs/deploy.md, Sizing):
- GUNICORN_BIND      where to listen (default 127.0.0.1:8000; a unix:/run/... socket works)
- WEB_CONCURRENCY    worker processes (default 2 × CPU cores + 1, at most 8)
- GUNICORN_THREADS   threads per worker (default 4: pages wait on the database and storage)
- GUNICORN_TIMEOUT   seconds before a stuck worker is replaced (default 60; exports and uploads
                     are streamed or queued, a page never needs longer)
- PROMETHEUS_MULTIPROC_DIR  an empty folder private to this server: the workers' request
                     counters are added up there for /metrics (emptied at start).
"""

import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter, so not all at once): a slow leak
# in a library cannot grow for weeks.
max_requests = 2000
max_requests_jitter = 200
# The upload and request limits are Django's (DATA_UPLOAD_MAX_MEMORY_SIZE, the attachment
# checks); the proxy in front caps the body size too (deploy/nginx.conf).
limit_request_line = 8190
# Access lines go to stdout as the app's own JSON lines do (the request id is in both).
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
errorlog = "-"
# Loaded once in the master, then forked: less memory per worker, a broken setting stops the
# server at start instead of in each worker.
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        # Counters of a previous run would be added to this one's.
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(mode=0o700, parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
