"""The embedded default's mailbox: each e-mail is written to EMAIL_FOLDER (var/emails/) as an
.eml file that any mail reader opens, and announced by a short line on the console with the
links it carries, so the sign-up confirmation link is where the person running the demo looks."""

import re
import sys
from contextlib import contextmanager
from itertools import count

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

LINK = re.compile(r"https?://[^\s<>\"']+")
_numbers = count(1)
_quiet = False


@contextmanager
def quiet():
    """Write the e-mails without announcing them (the demo's own seeding)."""
    global _quiet
    _quiet, before = True, _quiet
    try:
        yield
    finally:
        _quiet = before


class FolderBackend(BaseEmailBackend):
    def send_messages(self, messages):
        folder = settings.EMAIL_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for message in messages:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{next(_numbers):04d}.eml"
            path.write_bytes(message.message().as_bytes())
            if _quiet:
                continue
            lines = [f"E-mail to {', '.join(message.to)}: {message.subject}  [{path}]"]
            lines += [f"    {link}" for link in dict.fromkeys(LINK.findall(message.body))]
            print("\n".join(lines), file=sys.stderr, flush=True)
        return len(messages)
