"""The database cache's table is made by `migrate`, so no set-up needs an extra step.

Django leaves it to `createcachetable`; we run that after every migrate (it skips a
table that exists), for whichever database `migrate` was given.
"""

from django.core.management import call_command


def create_cache_tables(sender, using="default", verbosity=0, **kwargs):
    call_command("createcachetable", database=using, verbosity=0)
