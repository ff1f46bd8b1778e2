# SPDX-License-Identifier: EUPL-1.2
# The production image: runtime lock only (hash-checked), no build tools, a non-root user,
# no .env / var / .git / tests (.dockerignore), and the system libraries WeasyPrint needs.
# Size and how it was measured: docs/deployment.md.

# --- build: resolve nothing, install the hashed runtime lock into a virtualenv ---------
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.txt \
 && find /venv -name '__pycache__' -prune -exec rm -rf {} +

# --- runtime ------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm AS runtime
# Pango, HarfBuzz and fontconfig with a font: what WeasyPrint (PDF exports) loads at runtime.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
      libfontconfig1 fonts-dejavu-core shared-mime-info \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin casusregie
COPY --from=build /venv /venv
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CASUSREGIE_ENV=production
WORKDIR /app
# Code belongs to root and is read-only for the application; only var/ is writable.
COPY . .
RUN mkdir -p var/static && chown -R casusregie:casusregie var
USER casusregie
EXPOSE 8000
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "config.wsgi:application"]
