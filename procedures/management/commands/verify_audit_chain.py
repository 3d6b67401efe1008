from django.core.management.base import BaseCommand, CommandError

from ... import audit_chain
from ...models import AuditDigest


class Command(BaseCommand):
    help = ("Recompute the daily audit digests from the history and audit rows: report any day "
            "whose rows were changed, deleted or added since it was sealed, or whose digest was "
            "altered or removed (exit status 1).")

    def add_arguments(self, parser):
        parser.add_argument("--seal", action="store_true",
                            help="First seal the days up to yesterday not sealed yet.")

    def handle(self, *args, seal=False, **options):
        if seal:
            audit_chain.seal()
        problems = audit_chain.verify()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"The audit chain is broken: {len(problems)} problem(s).")
        latest = AuditDigest.objects.order_by("-day").first()
        if latest is None:
            self.stdout.write("No day sealed yet.")
        else:
            self.stdout.write(f"The audit chain holds: {AuditDigest.objects.count()} days, "
                              f"the last {latest.day}, digest {latest.digest}.")
