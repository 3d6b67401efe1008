"""Supporting documents: what a procedure's form accepts, checked from the content, not the name.

A file is refused when it is empty, too large, of a type the field does not allow, when its
content (libmagic) disagrees with its extension, or when it is a bomb: an image of more than
MAX_PIXELS (decoding it would take gigabytes), a PDF whose streams inflate past MAX_INFLATED,
an office file (a ZIP) that inflates past it or holds another archive, a ZIP hidden in a
PDF or an image, or a PDF with JavaScript, a launch action or embedded files. All of it is
checked before anything is stored. Accepted files are stored under random names (see
models.document.document_path), being checked by the antivirus (procedures/antivirus.py), and
served only by the view that checks the reader, once clean.
"""

import hashlib
import io
import re
import zipfile
import zlib
from pathlib import PurePath

import magic
import pypdf
from django import forms
from django.conf import settings
from django.db.models import Count, Sum
from django.utils.functional import lazy
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from portal import ratelimit
from portal.wording import file_size

from . import antivirus
from .constants import DocumentKind, ScanStatus
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
MAX_PIXELS = 50_000_000  # a 50-megapixel photo; an A4 page scanned at 600 dpi is 35
MAX_INFLATED = 100 * 1024 * 1024  # what a PDF's streams or an office file may inflate to
MAX_ARCHIVE_ENTRIES = 2000
ZIP_LOCAL_HEADER, ZIP_END = b"PK\x03\x04", b"PK\x05\x06"
PDF_STREAM = re.compile(rb"stream\r?\n")
PDF_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# What runs or carries something when a PDF is opened: JavaScript (/JS, /JavaScript), an action
# that starts a program or opens a file (/Launch), embedded or attached files.
PDF_ACTIVE_NAMES = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/EF",
                    "/FileAttachment"}


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
            "size": file_size(self.max_size),
        }

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, dict):  # a document already kept: unless the antivirus deleted it
            if Document.objects.filter(public_id=value.get("document"),
                                       scan=ScanStatus.INFECTED).exists():
                raise forms.ValidationError(_infected(value["name"]), code="virus")
            return value
        if value is None:
            return value
        return check_upload(value, self.allowed_types, self.max_size)


def _infected(name):
    return _("The antivirus found a virus in the file “%(name)s”: it was deleted. Send another "
             "file.") % {"name": name}


def check_upload(upload, allowed_types, max_size):
    name = clean_name(upload.name or "")
    extension = PurePath(name).suffix.lower()
    if not name or not PurePath(name).stem:
        raise forms.ValidationError(_("This file name is not valid."), code="bad_name")
    if upload.size == 0:
        raise forms.ValidationError(
            _("This file is empty: it holds nothing. Check that you chose the right file."),
            code="empty")
    if upload.size > max_size:
        raise forms.ValidationError(
            _("This file weighs %(size)s: the limit is %(max)s. Reduce it (scan it at a lower "
              "resolution, or compress it), then add it again.")
            % {"size": file_size(upload.size), "max": file_size(max_size)},
            code="too_large",
        )
    allowed = ", ".join(sorted({ext.lstrip(".").upper() for ext in allowed_types}))
    if not extension:
        raise forms.ValidationError(
            _("This file name has no extension (such as .pdf): add a file in one of these "
              "formats: %(allowed)s.") % {"allowed": allowed}, code="bad_type")
    if extension not in allowed_types:
        raise forms.ValidationError(
            _("Files of type %(format)s are not accepted here. Add a file in one of these "
              "formats: %(allowed)s.") % {"format": extension.lstrip(".").upper(),
                                           "allowed": allowed},
            code="bad_type",
        )
    upload.seek(0)
    detected = magic.from_buffer(upload.read(4096), mime=True)
    upload.seek(0)
    if detected not in allowed_types[extension]:
        raise forms.ValidationError(
            _("This file is not a real %(format)s: its name ends in %(extension)s, but its "
              "content is of another kind. Save or export it as %(format)s, then add it "
              "again.") % {"format": extension.lstrip(".").upper(), "extension": extension},
            code="content_mismatch",
        )
    refuse_bombs(upload, detected)
    upload.name = name
    upload.detected_type = detected
    return upload


def refuse_bombs(upload, detected):
    """Raise a ValidationError for a decompression or image bomb, or a ZIP inside a file that
    is not one. Reads the upload (at most its field's size limit) and rewinds it."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if detected in OFFICE_TYPES:
        return _check_archive(data)
    if ZIP_LOCAL_HEADER in data and ZIP_END in data:
        raise _hidden_archive()
    if detected.startswith("image/"):
        _check_image(data)
    elif detected == "application/pdf":
        _check_pdf(data)
        _refuse_active_content(data)


OFFICE_TYPES = {content_type for types in OFFICE.values() for content_type in types}


def _too_large_when_opened():
    return forms.ValidationError(
        _("This file expands to more than %(size)s when opened: it cannot be accepted. Save it "
          "again (for a PDF: print it to PDF) and send that file.")
        % {"size": file_size(MAX_INFLATED)}, code="bomb")


def _hidden_archive():
    return forms.ValidationError(
        _("This file has an archive (ZIP) hidden inside it: it cannot be accepted. "
          "Send the document alone."), code="hidden_archive")


def _check_image(data):
    """The dimensions come from the header: nothing is decoded."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Image.DecompressionBombError:
        width = height = None
    except Exception:  # whatever Pillow cannot read is not an image we keep
        raise forms.ValidationError(_("This image cannot be read. Send it in another format."),
                                    code="unreadable") from None
    if width is None or width * height > MAX_PIXELS:
        raise forms.ValidationError(
            _("This image is too large: %(megapixels)s megapixels at most. Send it at a lower "
              "resolution.") % {"megapixels": MAX_PIXELS // 1_000_000}, code="too_many_pixels")


def _check_pdf(data):
    """Inflate every stream with a budget (never past it), and look inside for a ZIP."""
    budget = MAX_INFLATED
    for match in PDF_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        raw = data[match.end():end if end != -1 else len(data)]
        inflater, inflated, head = zlib.decompressobj(), 0, b""
        try:
            chunk = inflater.decompress(raw, 65536)
            while chunk:
                head = head or chunk[:4]
                inflated += len(chunk)
                if inflated > budget:
                    raise _too_large_when_opened()
                chunk = inflater.decompress(inflater.unconsumed_tail, 65536)
        except zlib.error:  # not Flate-encoded: its size is its own
            inflated = len(raw)
        if head == ZIP_LOCAL_HEADER:
            raise _hidden_archive()
        budget -= inflated


def _refuse_active_content(data):
    """Refuse a PDF with JavaScript, a launch action or embedded files: its names are read
    from the bytes (#xx escapes decoded), and, when pypdf can parse it, from every object it
    reaches, compressed object streams included."""
    names = {PDF_NAME_ESCAPE.sub(lambda m: bytes.fromhex(m[1].decode()), name).decode("latin-1")
             for name in PDF_NAME.findall(data)}
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        locked = reader.is_encrypted and not reader.decrypt("")
        if not locked:
            names |= _pdf_object_names(reader.trailer)
    except Exception:  # whatever pypdf cannot parse, a viewer repairs: its bytes were read
        locked = False
    if locked:
        raise forms.ValidationError(
            _("This PDF is protected by a password: the service could not open it. Send it "
              "without the password."), code="encrypted")
    if names & PDF_ACTIVE_NAMES:
        raise forms.ValidationError(
            _("This PDF contains a script, an action that opens a program or embedded files: it "
              "cannot be accepted. Print it to PDF (or save it as PDF/A) and send that file."),
            code="active_content")


def _pdf_object_names(root):
    names, seen, pending = set(), set(), [root]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            names.update(str(key) for key in item)
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
        elif isinstance(item, NameObject):
            names.add(str(item))
    return names


def _check_archive(data):
    """An office file is a ZIP: its declared sizes are summed, and no member may be an archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            nested = any(member.filename.lower().endswith((".zip", ".jar", ".7z", ".rar", ".gz"))
                         or archive.open(member).read(4) == ZIP_LOCAL_HEADER
                         for member in members[:MAX_ARCHIVE_ENTRIES] if member.file_size >= 4)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, zlib.error):
        raise forms.ValidationError(_("This file is damaged: it cannot be opened."),
                                    code="unreadable") from None
    if nested:
        raise _hidden_archive()
    if (len(members) > MAX_ARCHIVE_ENTRIES
            or sum(member.file_size for member in members) > MAX_INFLATED):
        raise _too_large_when_opened()


def store_upload(upload, case, user, message=None):
    """Keep an upload already checked by `check_upload` as a private Document of the case,
    being checked by the antivirus until its scan (enqueued on commit) finds it clean."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = Document(
        case=case, message=message, kind=DocumentKind.ATTACHMENT, name=upload.name,
        content_type=upload.detected_type, size=upload.size, sha256=digest.hexdigest(),
        uploaded_by=user, scan=ScanStatus.PENDING,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    antivirus.schedule(document)
    return document


def check_quota(upload, case, user):
    """An upload is refused past RATE_LIMITS["upload-account-case"] an hour for one person on
    one case, and past the case's quota (settings.UPLOADS_PER_CASE files,
    settings.UPLOAD_BYTES_PER_CASE bytes), before anything is stored."""
    if ratelimit.hit("upload-account-case", user.pk, case.pk):
        raise forms.ValidationError(
            _("You sent many files on this case in a short time. Wait an hour, then try again."),
            code="upload_rate")
    held = Document.objects.filter(case=case, kind=DocumentKind.ATTACHMENT).aggregate(
        count=Count("pk"), size=Sum("size"))
    if (held["count"] >= settings.UPLOADS_PER_CASE
            or (held["size"] or 0) + upload.size > settings.UPLOAD_BYTES_PER_CASE):
        raise forms.ValidationError(
            _("This case already holds %(count)s files (%(size)s): no more can be added. "
              "Write to the service if you need to send more.")
            % {"count": held["count"], "size": file_size(held["size"] or 0)},
            code="case_quota")
