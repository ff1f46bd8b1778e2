#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Container health check: GET /healthz as the proxy would (allowed host, https forwarded)."""

import os
import sys
import urllib.request

host = (os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost").lstrip(
    "."
)
request = urllib.request.Request(  # noqa: S310 - a fixed http URL on the loopback interface
    "http://127.0.0.1:8000/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except OSError:
    sys.exit(1)
