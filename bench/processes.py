"""gunicorn and Celery workers as subprocesses: bound to 127.0.0.1, killed by `timeout` if the
harness dies, and always stopped (their whole process group) when the benchmark ends."""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import httpx

from .environment import RESULTS


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(name, command, *, limit, ready, ready_within=60):
    """Run `command` for at most `limit` seconds; `ready(log_path)` says when it serves."""
    log_path = RESULTS / f"{name}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            ["timeout", "--kill-after=10", str(int(limit)), *command],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + ready_within
            while not ready(log_path):
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited early: see {log_path}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} not ready after {ready_within} s: see {log_path}")
                time.sleep(0.2)
            yield process
        finally:
            _stop(process)


def _stop(process):
    """SIGTERM to the group we started (timeout and its children), then SIGKILL to what is left."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            pass
    process.wait()


def gunicorn(port, *, workers, limit):
    url = f"http://127.0.0.1:{port}"

    def ready(log_path):
        try:
            return httpx.get(f"{url}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    command = [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", "60", "--backlog", "2048",
               "--log-level", "warning"]
    return running("gunicorn", command, limit=limit, ready=ready)


def celery_worker(*, concurrency, limit):
    def ready(log_path):
        return b" ready." in log_path.read_bytes()

    command = [sys.executable, "-m", "celery", "-A", "portal", "worker",
               "--concurrency", str(concurrency), "--pool", "prefork", "--loglevel", "INFO",
               "--without-gossip", "--without-mingle", "--without-heartbeat",
               "--hostname", "bench@%h"]
    return running("celery", command, limit=limit, ready=ready)
