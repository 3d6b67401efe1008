import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, demo_totp_secret, seed_people
from accounts.models import Service, User
from portal import mailbox
from procedures import audit
from procedures.constants import Audience
from procedures.registry import registry


def _describe(role, what):
    """A demo login's role and the procedures it files (an audience) or processes (a service)."""
    if what is None:
        return f"{role}, sees every procedure"
    if what in Audience.values:
        procedures = [p for p in registry if p.listed and p.audience in (what, Audience.BOTH)]
        verb = "files"
    else:
        kinds = dict(Service.objects.values_list("code", "kind"))  # routed within a kind
        procedures = [p for p in registry if kinds.get(p.service_code) == what.kind]
        role, verb = f"{role} of {what.name}", "processes"
    titles = ", ".join(str(p.title) for p in procedures) or "no procedure yet"
    return f"{role}, {verb}: {titles}"


class Command(BaseCommand):
    help = "Create the demo services, agents, users and cases (idempotent) and print the logins."

    def handle(self, *args, **options):
        logging.disable(logging.INFO)  # the demo cases' receipts and e-mails, one line each
        try:
            with mailbox.quiet(), transaction.atomic():
                people, logins = seed_people()
                for procedure in registry:
                    procedure.seed_demo(people)
                audit.seed_demo(User.objects.filter(email__in=[
                    email for role, email, what in logins if role == "agent"]).order_by("pk"))
        finally:
            logging.disable(logging.NOTSET)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready. Logins (the password of every account is {DEMO_PASSWORD}):"))
        people_first = sorted(logins, key=lambda login: login[2] not in Audience.values)
        for role, email, what in people_first:
            self.stdout.write(f"  {email:<42} {_describe(role, what)}")
        self.stdout.write(
            "The back office (/admin/) then asks the agents and the administrator for a "
            "second-factor code: run `.venv/bin/python manage.py demo_code` for the current "
            f"one, or add the demo key {demo_totp_secret()} to an authenticator app.")
        folder = getattr(settings, "EMAIL_FOLDER", None)
        if folder:
            self.stdout.write(f"E-mails are written to {folder}/ and announced on this console, "
                              "with their links (the sign-up confirmation link among them).")
