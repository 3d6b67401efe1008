from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, seed_people
from procedures.registry import registry


class Command(BaseCommand):
    help = "Create the demo services, agents, users and cases (idempotent) and print the logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            people, logins = seed_people()
            for procedure in registry:
                procedure.seed_demo(people)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (password for all: "
                                             f"{DEMO_PASSWORD}):"))
        for role, email in logins:
            self.stdout.write(f"  {email:<45} {role}")
