"""Documents encrypted at rest, whatever holds them (a folder or an S3-compatible bucket).

Envelope encryption: each file has a random key of its own (AES-256-GCM), kept beside the
file wrapped by a master key (AES-256-GCM too). The master keys come from
settings.DOCUMENTS_KEYS, newest first: new files are wrapped by the first, the others still
open the files written under them (`manage.py encrypt_documents` moves those to the first).
GCM authenticates as well as encrypts, so a stored file changed by one bit is refused, never
served altered. A stored file is:

    MAGIC | master key id (8) | wrap nonce (12) | wrapped file key (32 + 16)
          | nonce (12) | content encrypted (n + 16)

Documents are at most a few megabytes (the upload fields' limits, the PDFs): a file is
encrypted and decrypted whole, in memory, so that an altered one is refused before any byte
of it is served.
"""

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils.module_loading import import_string

MAGIC = b"GUICHET-DOC\x01"  # the format's name and version
NONCE = 12
TAG = 16
KEY_ID = 8
PREFIX = len(MAGIC) + KEY_ID
HEADER = PREFIX + NONCE + 32 + TAG + NONCE
OVERHEAD = HEADER + TAG


class DocumentUnreadable(Exception):
    """A stored document that cannot be decrypted: altered, cut, not encrypted, or under a
    master key that DOCUMENTS_KEYS no longer holds."""


def parse_key(text):
    """A master key as DOCUMENTS_KEYS writes it: 32 random bytes in URL-safe base64."""
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        key = b""
    if len(key) != 32:
        raise ValueError("a documents key is 32 random bytes in URL-safe base64 (44 characters)")
    return key


def key_id(key):
    return hashlib.sha256(b"guichet documents master key " + key).digest()[:KEY_ID]


def master_keys():
    return [parse_key(text) for text in settings.DOCUMENTS_KEYS]


def encrypt(content, master_key):
    file_key = AESGCM.generate_key(bit_length=256)
    wrap_nonce, nonce = os.urandom(NONCE), os.urandom(NONCE)
    prefix = MAGIC + key_id(master_key)
    header = prefix + wrap_nonce + AESGCM(master_key).encrypt(wrap_nonce, file_key, prefix) + nonce
    return header + AESGCM(file_key).encrypt(nonce, content, header)


def stored_key_id(data):
    """The id of the master key a stored file is under, or None if it is not encrypted."""
    return data[len(MAGIC):PREFIX] if data.startswith(MAGIC) and len(data) >= OVERHEAD else None


def decrypt(data, keys):
    wanted = stored_key_id(data)
    if wanted is None:
        raise DocumentUnreadable("not an encrypted document (cut, or stored in clear)")
    master_key = next((key for key in keys if key_id(key) == wanted), None)
    if master_key is None:
        raise DocumentUnreadable(f"under a master key not in DOCUMENTS_KEYS (id {wanted.hex()})")
    wrap_nonce = data[PREFIX:PREFIX + NONCE]
    wrapped = data[PREFIX + NONCE:HEADER - NONCE]
    try:
        file_key = AESGCM(master_key).decrypt(wrap_nonce, wrapped, data[:PREFIX])
        return AESGCM(file_key).decrypt(data[HEADER - NONCE:HEADER], data[HEADER:], data[:HEADER])
    except InvalidTag:
        raise DocumentUnreadable("altered: its authentication tag does not match") from None


class EncryptedStorage(Storage):
    """The storage `inner` ({"BACKEND": …, "OPTIONS": {…}}, as in STORAGES) with every file
    encrypted on the way in and decrypted on the way out. It has no `url()` nor `path()`: the
    stored bytes are of no use to a reader; documents are served by the view that checks who
    reads them."""

    def __init__(self, inner):
        self.inner = import_string(inner["BACKEND"])(**inner.get("OPTIONS", {}))

    def _open(self, name, mode="rb"):
        if mode != "rb":
            raise ValueError("Encrypted documents are opened for reading ('rb') only.")
        with self.inner.open(name, "rb") as stored:
            data = stored.read()
        try:
            return ContentFile(decrypt(data, master_keys()), name=name)
        except DocumentUnreadable as error:
            raise DocumentUnreadable(f"The document {name} cannot be decrypted: {error}") from None

    def _save(self, name, content):
        data = encrypt(b"".join(content.chunks()), master_keys()[0])
        return self.inner.save(name, ContentFile(data))

    def get_available_name(self, name, max_length=None):
        return self.inner.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self.inner.generate_filename(filename)

    def delete(self, name):
        self.inner.delete(name)

    def exists(self, name):
        return self.inner.exists(name)

    def listdir(self, path):
        return self.inner.listdir(path)

    def size(self, name):
        return self.inner.size(name) - OVERHEAD
