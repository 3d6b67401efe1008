"""Documents in an S3-compatible bucket (django-storages, boto3), against a local server (moto's
server mode): the receipt a real worker writes there, encrypted, is what the citizen downloads
through the web process."""

import base64
import hashlib
import logging
import re
import secrets
import uuid

import boto3
import pytest
from django.urls import reverse
from moto.server import ThreadedMotoServer

from portal.storage import MAGIC
from procedures.constants import DocumentKind
from procedures.models import Document
from tests.factories import ServiceFactory
from tests.procedures.factories import CaseFactory
from tests.second_factor import log_in

from .helpers import pdf_text
from .live import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

REGION = "eu-west-3"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "guichet-test", "AWS_SECRET_ACCESS_KEY": "guichet-test"}
KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture(scope="session")
def s3_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    name = f"guichet-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION,
                          aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                          aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    client.name = name
    return client


@pytest.fixture
def worker_env(bucket, s3_endpoint):
    """The worker reads its storage from the environment, as in production."""
    return {"AWS_STORAGE_BUCKET_NAME": bucket.name, "AWS_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_S3_REGION_NAME": REGION, "DOCUMENTS_KEYS": KEY, **CREDENTIALS}


@pytest.fixture
def s3_documents(settings, bucket, s3_endpoint):
    """This process (the web side) on the same bucket and key."""
    settings.DOCUMENTS_KEYS = [KEY]
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "portal.storage.EncryptedStorage", "OPTIONS": {"inner": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": bucket.name, "endpoint_url": s3_endpoint,
                        "region_name": REGION, "default_acl": "private",
                        "access_key": CREDENTIALS["AWS_ACCESS_KEY_ID"],
                        "secret_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"]}}}}}


@pytest.fixture
def demo_service(transactional_db):
    return ServiceFactory(code="demo-service", name="Service de démonstration")


def test_a_receipt_written_by_the_worker_to_the_bucket_is_downloaded_through_the_case_page(
        live_worker, s3_documents, bucket, demo_service, client, tmp_path):
    case = CaseFactory()
    log_in(client, case.applicant)
    assert client.post(reverse("procedures:review", args=[case.public_id])).status_code == 302
    receipt = wait_for(
        lambda: Document.objects.filter(case=case, kind=DocumentKind.RECEIPT).first(),
        timeout=60, message="the receipt")
    case.refresh_from_db()

    [stored] = bucket.list_objects_v2(Bucket=bucket.name)["Contents"]
    assert stored["Key"] == receipt.file.name
    ciphertext = bucket.get_object(Bucket=bucket.name, Key=stored["Key"])["Body"].read()
    assert ciphertext.startswith(MAGIC) and b"%PDF" not in ciphertext
    assert not (tmp_path / "documents").exists()  # nothing went to the worker's folder

    page = client.get(reverse("procedures:case", args=[case.public_id])).content.decode()
    [link] = re.findall(r'href="(/documents/[0-9a-f-]+/)"', page)
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert hashlib.sha256(pdf).hexdigest() == receipt.sha256
    assert case.reference in pdf_text(pdf)

    # The worker read it back from the bucket for the e-mail it attached it to.
    [mail] = wait_for(live_worker.emails, message="the e-mail")
    [attachment] = [part for part in mail.walk() if part.get_content_type() == "application/pdf"]
    assert attachment.get_payload(decode=True) == pdf

    # Altered in the bucket, or gone from it: refused with the page that says so.
    altered = ciphertext[:-1] + bytes([ciphertext[-1] ^ 1])
    bucket.put_object(Bucket=bucket.name, Key=stored["Key"], Body=altered)
    assert client.get(link).status_code == 503
    bucket.delete_object(Bucket=bucket.name, Key=stored["Key"])
    gone = client.get(link)
    assert gone.status_code == 503
    assert "Ce document ne peut pas être ouvert" in gone.content.decode()
