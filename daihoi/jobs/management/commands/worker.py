from django.core.management.base import BaseCommand

from daihoi.jobs.limits import cap_memory
from daihoi.jobs.runner import Worker


class Command(BaseCommand):
    help = "Run background jobs (imports, scan reading, exports) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="exit when no job is due")
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between polls")

    def handle(self, *args, burst=False, poll=1.0, **options):
        capped = cap_memory()
        worker = Worker(burst=burst, poll_seconds=poll)
        self.stdout.write(f"worker {worker.name} started (memory cap {capped} MB)")
        ran = worker.run()
        self.stdout.write(f"worker {worker.name} stopped after {ran} job(s)")
