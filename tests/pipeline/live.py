"""A real `celery worker` process for the integration tests, and a broker that can go down.

The worker reads the test database and the test's documents folder, writes its e-mails as
files, and consumes a queue of its own, so that runs in parallel never take each other's
tasks. The test process publishes through `BrokerProxy`, a TCP relay to Redis that the outage
test switches off and on."""

import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, timeout=30, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"Timed out after {timeout} s waiting for {message}.")


class BrokerProxy:
    """127.0.0.1:<port> → the Redis of CELERY_BROKER_URL, until `down()`."""

    def __init__(self, broker_url):
        parts = urlsplit(broker_url)
        self.upstream = (parts.hostname, parts.port or 6379)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = urlunsplit((parts.scheme, f"127.0.0.1:{self.port}", parts.path, "", ""))
        self._sockets = set()
        self._lock = threading.Lock()
        self._serve()

    def _serve(self):
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed by down()
                return
            server = socket.create_connection(self.upstream)
            with self._lock:
                self._sockets |= {client, server}
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                end.close()

    @contextmanager
    def down(self):
        """Refuse connections and cut the open ones; back up on exit."""
        self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread up
        self._listener.close()
        with self._lock:
            for open_socket in self._sockets:
                try:
                    open_socket.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                open_socket.close()
            self._sockets.clear()
        try:
            yield
        finally:
            self._listener = socket.create_server(("127.0.0.1", self.port))
            self._serve()


class LiveWorker:
    def __init__(self, tmp_path, queue, env=None):
        self.queue = queue
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        self.log = tmp_path / "worker.log"
        database = {key: value or "" for key, value in settings.DATABASES["default"].items()}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.pipeline.worker_settings",
            "GUICHET_TEST_QUEUE": queue,
            "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "DOCUMENTS_ROOT": str(tmp_path / "documents"),
            "EMAIL_URL": f"filemail:///{self.mail_dir}",
            "SITE_URL": settings.SITE_URL,
            "CLAMD_URL": settings.CLAMD_URL,  # the test's clamd, if it asked for one
            "PYTHONPATH": str(ROOT),
            **(env or {}),
        }
        self.process = None
        self.starts = 0

    def start(self):
        """Start a worker (two processes) and wait until it consumes its queue."""
        self.starts += 1
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", self.queue,
             "-n", f"{self.queue}-{self.starts}@%h", "--concurrency", "2", "--loglevel", "INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=self.env, stdout=self.log.open("a"), stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed as a whole
        )
        try:
            wait_for(lambda: self.output().count(" ready.") == self.starts, message="the worker")
        except AssertionError as error:
            raise AssertionError(f"{error}\n{self.output()[-3000:]}") from None

    def kill(self, sig=signal.SIGKILL):
        os.killpg(self.process.pid, sig)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.kill(signal.SIGTERM)

    def output(self):
        return self.log.read_text() if self.log.exists() else ""

    def emails(self):
        """Every e-mail sent, parsed (the file backend writes one file per connection)."""
        separator = "\n" + "-" * 79 + "\n"
        return [email.message_from_string(text)
                for path in sorted(self.mail_dir.iterdir())
                for text in path.read_text().split(separator) if text.strip()]
