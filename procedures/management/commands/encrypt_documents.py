import hashlib
from collections import Counter

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from portal.storage import (
    MAGIC,
    DocumentUnreadable,
    EncryptedStorage,
    decrypt,
    key_id,
    master_keys,
    stored_key_id,
)
from procedures.models import Document


class Command(BaseCommand):
    help = ("Encrypt the documents still stored in clear, and those under an older master key "
            "again under the newest (the first of DOCUMENTS_KEYS). Each file is checked against "
            "its SHA-256 first, written under a new name, then the old file is deleted.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Count what would be encrypted; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        storage = Document._meta.get_field("file").storage
        if not isinstance(storage, EncryptedStorage):
            raise CommandError("The documents' storage is not portal.storage.EncryptedStorage.")
        keys = master_keys()
        counts = Counter()
        documents = Document.objects.exclude(file="")  # an infected upload keeps no file
        for document in documents.select_related("case").order_by("pk").iterator():
            outcome = self._encrypt(storage, document, keys, dry_run)
            counts[outcome] += 1
            if outcome in ("missing", "unreadable", "altered"):
                self.stderr.write(f"{outcome}: document {document.public_id} "
                                  f"({document.file.name}, case {document.case.reference})")
        verb = "would be " if dry_run else ""
        self.stdout.write(
            f"{counts['clear']} {verb}encrypted, {counts['older key']} {verb}moved to the newest "
            f"key, {counts['up to date']} already under it; {counts['missing']} missing, "
            f"{counts['unreadable']} unreadable, {counts['altered']} not matching their SHA-256.")
        if counts["missing"] or counts["unreadable"] or counts["altered"]:
            raise CommandError("Some documents could not be encrypted (listed above).")

    def _encrypt(self, storage, document, keys, dry_run):
        try:
            with storage.inner.open(document.file.name, "rb") as stored:
                data = stored.read()
        except FileNotFoundError:
            return "missing"
        found = stored_key_id(data)
        if found == key_id(keys[0]):
            return "up to date"
        if found is None and data.startswith(MAGIC):
            return "unreadable"  # encrypted, but cut
        try:
            content = data if found is None else decrypt(data, keys)
        except DocumentUnreadable:
            return "unreadable"
        if hashlib.sha256(content).hexdigest() != document.sha256:
            return "altered"
        if not dry_run:
            old_name = document.file.name
            document.file.save(document.name, ContentFile(content), save=False)
            Document.objects.filter(pk=document.pk).update(file=document.file.name)
            storage.inner.delete(old_name)
        return "clear" if found is None else "older key"
