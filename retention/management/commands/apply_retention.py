import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ... import purge


class Command(BaseCommand):
    help = ("Warn applicants, delete old drafts and purge the documents and personal data of "
            "cases past their procedure's retention period (nothing under a legal hold).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="List what would be warned, deleted and purged; change nothing.")
        parser.add_argument("--at", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD",
                            help="With --dry-run: as on that date (what is due next month…).")

    def handle(self, *args, dry_run=False, at=None, **options):
        if at and not dry_run:
            raise CommandError("--at goes with --dry-run only.")
        now = timezone.make_aware(datetime.datetime.combine(at, datetime.time(12))) if at else None
        report = purge.run(now=now, dry_run=dry_run)
        verb = "would be" if dry_run else "was"
        for kind, case in report.warned:
            self.stdout.write(f"warning ({kind}) {verb} sent: {case.reference or case.public_id}"
                              f" to {case.applicant.email}")
        for case in report.deleted:
            self.stdout.write(f"draft {verb} deleted: {case.public_id} ({case.procedure})")
        for case in report.purged:
            self.stdout.write(f"case {verb} purged: {case.reference} ({case.procedure})")
        self.stdout.write(f"{len(report.warned)} warned, {len(report.deleted)} drafts deleted, "
                          f"{len(report.purged)} cases purged{' (dry run)' if dry_run else ''}.")
