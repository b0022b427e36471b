"""gunicorn settings for Quartiershelfer, read from the environment (see .env.example).

Used by `manage.py serve --production` and by deploy/systemd/quartier-web.service alike;
why gunicorn and these numbers: docs/adr/0012-application-server.md.
"""

import os

bind = os.environ.get("QUARTIER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QUARTIER_WEB_WORKERS", 2))
threads = int(os.environ.get("QUARTIER_WEB_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("QUARTIER_WEB_TIMEOUT", 60))
graceful_timeout = 20
# Recycle processes now and then (memory held by big PDF exports goes back to the system).
max_requests = 2000
max_requests_jitter = 200
# The reverse proxy runs on the same machine; trust its X-Forwarded-* headers only.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = os.environ.get("QUARTIER_ACCESS_LOG", "-")
errorlog = "-"
control_socket_disable = True
