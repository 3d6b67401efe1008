"""The antivirus check of uploads, fail-closed: an upload is stored "being checked"
(ScanStatus.PENDING), nobody can open it (procedures.access), and the Celery task
`scan_document` streams it to clamd. Clean: it opens. Infected: its file is deleted at once and
the case's pages say so, in place of the file. clamd down or failing: it stays being checked, the
task retries, then the sweep enqueues it again every minute until clamd answers.

clamd is spoken to directly (INSTREAM over its socket, a dozen lines): the maintained Python
client, clamav-client, is GPL-2.0-only, and the older `clamd` package is no longer maintained.
"""

import logging
import socket
import struct
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from .constants import DocumentKind, ScanStatus
from .effects import _enqueue
from .models import Document

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd cannot be reached or did not give a verdict: the document stays being checked."""


def _connect():
    address = urlsplit(settings.CLAMD_URL)
    try:
        if address.scheme == "unix":
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(settings.CLAMD_TIMEOUT)
            connection.connect(address.path)
        elif address.scheme == "tcp":
            connection = socket.create_connection((address.hostname, address.port or 3310),
                                                  timeout=settings.CLAMD_TIMEOUT)
        else:
            raise ScannerUnavailable(f"CLAMD_URL must be unix:// or tcp://, not {address.scheme}")
    except OSError as error:
        raise ScannerUnavailable(f"clamd at {settings.CLAMD_URL}: {error}") from error
    return connection


def scan(stream):
    """The name of the virus clamd finds in the binary `stream`, or None when it is clean."""
    with _connect() as connection:
        try:
            connection.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK):
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0") and (received := connection.recv(4096)):
                reply += received
        except OSError as error:  # clamd closes the stream past its StreamMaxLength, too
            raise ScannerUnavailable(f"clamd at {settings.CLAMD_URL}: {error}") from error
    verdict = reply.rstrip(b"\0").decode(errors="replace")  # "stream: OK", "stream: X FOUND"
    if verdict == "stream: OK":
        return None
    if verdict.startswith("stream: ") and verdict.endswith(" FOUND"):
        return verdict.removeprefix("stream: ").removesuffix(" FOUND")
    raise ScannerUnavailable(f"clamd answered {verdict!r}")


def schedule(document):
    """Once the upload's transaction commits, its scan is enqueued (the sweep is the net)."""
    from .tasks import scan_document

    transaction.on_commit(partial(_enqueue, scan_document, document.pk))


def check_document(document_id):
    """Scan a document still being checked, and record the verdict (once)."""
    document = Document.objects.filter(pk=document_id, scan=ScanStatus.PENDING).first()
    if document is None:
        return
    if not settings.CLAMD_URL:  # the embedded default (production refuses to start so)
        virus = None
    else:
        with document.file.open("rb") as stream:
            virus = scan(stream)
    if virus is None:
        Document.objects.filter(pk=document.pk, scan=ScanStatus.PENDING).update(
            scan=ScanStatus.CLEAN)
        return
    logger.warning("Virus %s found in document %s of case %s: file deleted.",
                   virus, document.public_id, document.case_id)
    if Document.objects.filter(pk=document.pk, scan=ScanStatus.PENDING).update(
            scan=ScanStatus.INFECTED, file=""):
        document.file.storage.delete(document.file.name)


def pending(until, limit):
    """Uploads stored before `until` and still being checked: for the sweep."""
    return list(Document.objects.filter(kind=DocumentKind.ATTACHMENT, scan=ScanStatus.PENDING,
                                        created_at__lt=until)
                .order_by("created_at").values_list("pk", flat=True)[:limit])
