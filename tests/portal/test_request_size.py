"""A body past REQUEST_MAX_BYTES is refused with 413 before it is read, by the real server
(gunicorn, as in production): the test streams a 200 MiB upload and gets its answer after
sending a sliver of it."""

import os
import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024
CHUNK = b"x" * 65536


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:  # until its worker answers (the socket listens before Django is loaded)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/envoi-trop-volumineux/", timeout=5)
        except urllib.error.HTTPError:  # its 413
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not start:\n{log.read_text()}") from None
            time.sleep(0.05)
    yield port
    process.terminate()
    process.wait(timeout=30)


def _stream(port, headers, body_chunks):
    """Send the headers, then the body while the server says nothing; the answer and how many
    bytes of body were sent before it came."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sendall(headers)
    sent = 0
    try:
        for chunk in body_chunks:
            if select.select([connection], [], [], 0)[0]:
                break
            connection.sendall(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):  # it answered and closed meanwhile
        pass
    answer = b""
    while b"</html>" not in answer and (received := connection.recv(65536)):
        answer += received
    connection.close()
    return answer.decode(errors="replace"), sent


def _headers(**fields):
    lines = ["POST /compte/connexion/ HTTP/1.1", "Host: 127.0.0.1",
             "Content-Type: multipart/form-data; boundary=x",
             *(f"{name.replace('_', '-')}: {value}" for name, value in fields.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_a_200_mib_upload_is_refused_before_its_body_is_read(server):
    size = 200 * MIB
    started = time.monotonic()
    answer, sent = _stream(server, _headers(Content_Length=size),
                           (CHUNK for _ in range(size // len(CHUNK))))
    assert answer.startswith("HTTP/1.1 413")
    assert "Envoi trop volumineux" in answer and "dépasse 21,0\N{NO-BREAK SPACE}Mio" in answer
    assert sent < 5 * MIB, f"{sent} bytes sent before the answer"
    assert time.monotonic() - started < 5


def test_a_chunked_body_is_cut_at_the_limit(server):
    def chunks():
        for _ in range(200 * MIB // len(CHUNK)):
            yield b"%x\r\n" % len(CHUNK) + CHUNK + b"\r\n"

    answer, sent = _stream(server, _headers(Transfer_Encoding="chunked"), chunks())
    assert answer.startswith("HTTP/1.1 413")
    assert sent < settings.REQUEST_MAX_BYTES + 10 * MIB, f"{sent} bytes sent before the answer"


def test_the_page_nginx_shows_for_what_it_refuses(client):
    """nginx (deploy/nginx.conf) asks this page for a body past its own limit."""
    response = client.get(reverse("portal:too_large"))
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.text and "Retour à l’accueil" in response.text
