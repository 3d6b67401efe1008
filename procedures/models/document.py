import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import DocumentKind, ScanStatus


def document_path(document, filename):
    """Random names in a per-case folder: nothing of the user's file name reaches the disk."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"cases/{document.case.public_id}/{uuid.uuid4().hex}{suffix}"


def new_verification_code():
    return secrets.token_hex(5).upper()  # 10 characters, printed on the document


class Document(models.Model):
    """A receipt, a decision or an uploaded file; stored privately, served by a checking view."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("procedures.Case", on_delete=models.CASCADE, related_name="documents")
    message = models.ForeignKey(
        "procedures.Message", on_delete=models.CASCADE, null=True, blank=True,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    case_version = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=document_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    verification_code = models.CharField(max_length=16, default=new_verification_code)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scan = models.CharField(_("antivirus check"), max_length=10, choices=ScanStatus.choices,
                            default=ScanStatus.CLEAN)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "case_version"],
                condition=Q(kind__in=[DocumentKind.RECEIPT, DocumentKind.DECISION]),
                name="one_generated_document_per_case_version",
            ),
        ]
        indexes = [  # the sweep's question: which uploads still wait for the antivirus
            models.Index(fields=["created_at"], condition=Q(scan=ScanStatus.PENDING),
                         name="document_scan_pending"),
        ]

    def __str__(self):
        return self.name

    @property
    def openable(self):
        """Nobody opens an upload before the antivirus has found it clean."""
        return self.scan == ScanStatus.CLEAN
