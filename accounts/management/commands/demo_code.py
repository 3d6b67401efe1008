from django.core.management.base import BaseCommand

from accounts.demo import demo_totp_code


class Command(BaseCommand):
    help = ("Print the current second-factor code of the demo's agents and administrator "
            "(their shared demo key; no other account has it).")

    def handle(self, *args, **options):
        self.stdout.write(demo_totp_code())
