"""A gunicorn behind a reverse proxy on the loopback, for the tests of the client's address.

`ForwardingProxy` does what the compose stack's nginx does (`proxy_add_x_forwarded_for`): it
appends the address of the connection it received to X-Forwarded-For and relays the request.
Clients bind 127.0.0.2, 127.0.0.3… so that each is a different address on the way in."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


class ForwardingProxy:
    def __init__(self, upstream_port):
        self.upstream = ("127.0.0.1", upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, (address, _port) = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client, address), daemon=True).start()

    def _relay(self, client, address):
        with client, socket.create_connection(self.upstream) as server:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = client.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, body = data.split(b"\r\n\r\n", 1)
            lines, forwarded = head.split(b"\r\n"), None
            kept = [lines[0]]
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"x-forwarded-for":
                    forwarded = value.strip()
                elif name.strip().lower() != b"connection":
                    kept.append(line)
                if name.strip().lower() == b"content-length":
                    length = int(value)
                    while len(body) < length:
                        body += client.recv(65536)
            chain = (forwarded + b", " if forwarded else b"") + address.encode()
            kept += [b"X-Forwarded-For: " + chain, b"Connection: close"]
            server.sendall(b"\r\n".join(kept) + b"\r\n\r\n" + body)
            while chunk := server.recv(65536):
                client.sendall(chunk)

    def close(self):
        self._listener.close()


class LiveSite:
    """gunicorn (two worker processes) on the test database, the cache on Redis db 10."""

    def __init__(self, tmp_path, trusted="127.0.0.1"):
        with socket.create_server(("127.0.0.1", 0)) as probe:
            self.port = probe.getsockname()[1]
        database = {key: value or "" for key, value in settings.DATABASES["default"].items()}
        self.log = tmp_path / "gunicorn.log"
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database),
            "CACHE_URL": "rediscache://127.0.0.1:6379/10",
            "CELERY_BROKER_URL": "",  # account e-mails sent in-process
            "EMAIL_URL": f"filemail:///{self.mail_dir}",
            "TRUSTED_PROXIES": trusted,
            "PYTHONPATH": str(ROOT),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind",
             f"127.0.0.1:{self.port}", "--workers", "2"],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            self.stop()
            raise AssertionError("gunicorn did not start:\n" + self.log.read_text()[-3000:])
        self.proxy = ForwardingProxy(self.port)

    def browser(self, address, through_proxy=True):
        """An httpx client connecting from `address` (127.0.0.x), through the proxy or not."""
        port = self.proxy.port if through_proxy else self.port
        return httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20,
                            transport=httpx.HTTPTransport(local_address=address))

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=30)
        if hasattr(self, "proxy"):
            self.proxy.close()
