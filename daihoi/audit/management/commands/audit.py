from django.core.management.base import BaseCommand, CommandError

from daihoi.audit.services import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `daihoi audit verify` recomputes the hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            where = f" at entry #{report.first_bad_id}" if report.first_bad_id else ""
            raise CommandError(
                f"audit chain BROKEN{where}: {report.problem} ({report.checked} entries verified before it)"
            )
        self.stdout.write(f"audit chain OK: {report.checked} entries verified")
