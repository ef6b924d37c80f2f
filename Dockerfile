# PAKN app image: `docker build -t pakn .` (see docs/deploy.md). The same image runs every
# role: the app server (default command), `manage.py pakn_worker …`, `manage.py pakn_scheduler
# --loop` and `manage.py migrate`. Only the runtime lock is installed.

# --- build: the virtualenv and the collected static files ---------------------------------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/pakn
COPY requirements.lock /tmp/requirements.lock
RUN /opt/pakn/bin/pip install --no-deps --require-hashes -r /tmp/requirements.lock
WORKDIR /app
COPY . /app
# Hashed, compressed static files for whitenoise; the settings need a key to load, not this one.
RUN DJANGO_SETTINGS_MODULE=config.settings.production \
    SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret \
    PAKN_VAR_DIR=/tmp/pakn-build STATIC_ROOT=/app/staticfiles \
    /opt/pakn/bin/python manage.py collectstatic --noinput -v0 \
 && /opt/pakn/bin/python -m compileall -q /app/config /app/pakn

# --- run: no compiler, no build files, not root -------------------------------------------
FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin pakn \
 && install -d -o pakn -g pakn -m 0700 /var/lib/pakn /var/lib/pakn/metrics
COPY --from=build /opt/pakn /opt/pakn
COPY --from=build /app /app
ENV PATH=/opt/pakn/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PAKN_VAR_DIR=/var/lib/pakn \
    STATIC_ROOT=/app/staticfiles \
    GUNICORN_BIND=0.0.0.0:8000 \
    FORWARDED_ALLOW_IPS=* \
    PROMETHEUS_MULTIPROC_DIR=/var/lib/pakn/metrics
WORKDIR /app
USER pakn
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"]
