"""Supporting documents: what a procedure's form accepts, checked from the content, not the name.

A file is refused when it is empty, too large, of a type the field does not allow, or when its
content (libmagic) disagrees with its extension. Accepted files are stored under random names
(see models.document.document_path) and served only by the view that checks the reader.
"""

import hashlib
from pathlib import PurePath

import magic
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from .constants import DocumentKind
from .models import Document

# extension → content types libmagic may report for it
PDF = {".pdf": ("application/pdf",)}
IMAGES = {".jpg": ("image/jpeg",), ".jpeg": ("image/jpeg",), ".png": ("image/png",)}
OFFICE = {
    ".odt": ("application/vnd.oasis.opendocument.text",),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
}
DEFAULT_TYPES = {**PDF, **IMAGES}
DEFAULT_MAX_SIZE = 5 * 1024 * 1024


def clean_name(name):
    """The last path component, made safe ('../../etc/passwd' → 'passwd')."""
    base = PurePath(name.replace("\\", "/")).name
    return get_valid_filename(base)[:120] if base.strip(". ") else ""


class DocumentField(forms.FileField):
    """An upload field checked by content type, extension and size."""

    def __init__(self, *, allowed_types=None, max_size=DEFAULT_MAX_SIZE, **kwargs):
        self.allowed_types = allowed_types or DEFAULT_TYPES
        self.max_size = max_size
        kwargs.setdefault("help_text", lazy(self._hint, str)())
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ",".join(sorted(self.allowed_types))

    def _hint(self):
        """In the reader's language: the field may be built before any request."""
        return _("%(types)s — %(size)s at most.") % {
            "types": ", ".join(sorted({ext.lstrip(".").upper() for ext in self.allowed_types})),
            "size": filesizeformat(self.max_size),
        }

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value is None or isinstance(value, dict):  # nothing new, or a document already kept
            return value
        return check_upload(value, self.allowed_types, self.max_size)


def check_upload(upload, allowed_types, max_size):
    name = clean_name(upload.name or "")
    extension = PurePath(name).suffix.lower()
    if not name or not PurePath(name).stem:
        raise forms.ValidationError(_("This file name is not valid."), code="bad_name")
    if upload.size == 0:
        raise forms.ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_size:
        raise forms.ValidationError(
            _("The file is too large (%(size)s): %(max)s at most.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_size)},
            code="too_large",
        )
    allowed = ", ".join(sorted({ext.lstrip(".").upper() for ext in allowed_types}))
    if extension not in allowed_types:
        raise forms.ValidationError(
            _("This type of file is not accepted. Accepted: %(allowed)s.") % {"allowed": allowed},
            code="bad_type",
        )
    upload.seek(0)
    detected = magic.from_buffer(upload.read(4096), mime=True)
    upload.seek(0)
    if detected not in allowed_types[extension]:
        raise forms.ValidationError(
            _("The content of this file does not match its extension %(extension)s. "
              "Accepted: %(allowed)s.") % {"extension": extension, "allowed": allowed},
            code="content_mismatch",
        )
    upload.name = name
    upload.detected_type = detected
    return upload


def store_upload(upload, case, user, message=None):
    """Keep an upload already checked by `check_upload` as a private Document of the case."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = Document(
        case=case, message=message, kind=DocumentKind.ATTACHMENT, name=upload.name,
        content_type=upload.detected_type, size=upload.size, sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    return document
