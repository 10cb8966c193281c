"""The term register as the data migration leaves it, whatever ran before.

A transactional test elsewhere in the suite flushes the tables, seeded rows
included; this fixture starts every test that needs the register from the
migration's own rows.
"""

import importlib

import pytest
from django.apps import apps

from daihoi.congresses.models import Term

seed_migration = importlib.import_module("daihoi.congresses.migrations.0004_seed_terms")


@pytest.fixture
def terms(db):
    Term.objects.all().delete()
    seed_migration.seed(apps, None)
    return Term.objects.all()
