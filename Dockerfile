# SPDX-License-Identifier: EUPL-1.2
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 CASUSREGIE_ENV=production
WORKDIR /app
# WeasyPrint (the PDF export) needs Pango; every PDF embeds DejaVu Sans from Debian.
COPY scripts/system-packages.sh scripts/
RUN sh scripts/system-packages.sh && rm -rf /var/lib/apt/lists/*
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN useradd --system --home /app casusregie && mkdir -p var && chown -R casusregie var
USER casusregie
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
