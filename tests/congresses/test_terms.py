"""The term register: the seeded terms, the congress defaults, and the audited writes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from daihoi.audit.models import AuditEntry
from daihoi.congresses import terms as term_services
from daihoi.congresses.models import Congress, Term
from daihoi.congresses.services import create_congress

D = dt.date


def test_the_migration_seeds_both_terms_for_every_level(terms):
    rows = {(t.level, t.name): t for t in terms}
    assert len(rows) == 8
    for level in ("province", "district", "grassroots", "cell"):
        assert rows[(level, "2020-2025")].rules_version == "2014"
        assert rows[(level, "2025-2030")].rules_version == "2024"
    # CT 45-CT/TW 2025: congresses begin 4/2025 (grassroots), 6/2025 (above), 9/2025 (province).
    assert rows[("grassroots", "2025-2030")].starts_on == D(2025, 4, 1)
    assert rows[("district", "2025-2030")].starts_on == D(2025, 6, 1)
    assert rows[("province", "2025-2030")].starts_on == D(2025, 9, 1)
    # One term ends the day before the next begins.
    assert rows[("province", "2020-2025")].ends_on == D(2025, 8, 31)
    assert "5 năm 2 lần" in rows[("cell", "2025-2030")].note


def test_every_seeded_term_agrees_with_its_own_name(terms):
    for t in terms:
        assert term_services.term_errors(t.name, t.starts_on, t.ends_on) == {}, t


def test_a_congress_takes_its_rules_from_its_term(terms, tree, users):
    old = create_congress(
        users.east, tree.east_commune, name="ĐH 2020", kind="members", term="2020-2025"
    )
    new = create_congress(users.east, tree.east_commune, name="ĐH 2025", kind="members")
    assert (old.term, old.rules_version) == ("2020-2025", "2014")
    assert (new.term, new.rules_version) == ("2025-2030", "2024")


def test_a_corrected_term_changes_the_default_of_the_next_congress(terms, tree, users):
    term = Term.objects.get(level="grassroots", name="2025-2030")
    term_services.update_term(users.province, term, rules_version="2014")
    congress = create_congress(users.east, tree.east_commune, name="ĐH", kind="members")
    assert congress.rules_version == "2014"


def test_an_explicit_rules_version_wins_over_the_terms(terms, tree, users):
    congress = create_congress(
        users.east,
        tree.east_commune,
        name="ĐH",
        kind="members",
        term="2025-2030",
        rules_version="2014",
    )
    assert congress.rules_version == "2014"


def test_a_term_not_registered_for_the_level_is_refused_naming_the_field(terms, tree, users):
    with pytest.raises(ValidationError) as error:
        create_congress(users.east, tree.east_commune, name="ĐH", kind="members", term="2030-2035")
    assert "term" in error.value.message_dict
    assert "chưa có trong danh mục nhiệm kỳ cấp Cơ sở" in error.value.message_dict["term"][0]
    assert not Congress.objects.exists()


def test_a_malformed_term_is_refused_even_with_explicit_rules(terms, tree, users):
    with pytest.raises(ValidationError) as error:
        create_congress(
            users.east,
            tree.east,
            name="ĐH",
            kind="delegates",
            term="2025/2030",
            rules_version="2024",
        )
    assert "dạng năm-năm" in error.value.message_dict["term"][0]


def test_a_level_with_no_registered_term_accepts_a_well_formed_one(terms, tree, users):
    Term.objects.filter(level="cell").delete()
    congress = create_congress(
        users.east, tree.east_cells[0], name="ĐH chi bộ", kind="members", term="2025-2027"
    )
    assert congress.rules_version == "2024"


def test_creating_a_term_is_audited(terms, users):
    term = term_services.create_term(
        users.province,
        level="cell",
        name="2025-2027",
        starts_on=D(2025, 3, 1),
        ends_on=D(2027, 9, 30),
        rules_version="2024",
        note="Chi bộ: nửa nhiệm kỳ đầu",
    )
    entry = AuditEntry.objects.get(action="term.create")
    assert entry.object_id == str(term.pk)
    assert entry.after["name"] == "2025-2027" and entry.after["level"] == "cell"


def test_a_duplicate_term_is_refused_naming_the_level(terms, users):
    with pytest.raises(ValidationError) as error:
        term_services.create_term(
            users.province,
            level="province",
            name="2025-2030",
            starts_on=D(2025, 9, 1),
            ends_on=D(2030, 8, 31),
            rules_version="2024",
        )
    assert error.value.message_dict["name"] == ["Nhiệm kỳ 2025-2030 của cấp Đảng bộ tỉnh đã có."]
    assert not AuditEntry.objects.filter(action="term.create").exists()


def test_dates_that_contradict_the_name_are_refused_per_field(terms, users):
    with pytest.raises(ValidationError) as error:
        term_services.create_term(
            users.province,
            level="cell",
            name="2030-2035",
            starts_on=D(2029, 3, 1),
            ends_on=D(2036, 1, 1),
            rules_version="2024",
        )
    assert set(error.value.message_dict) == {"starts_on", "ends_on"}
    assert not Term.objects.filter(name="2030-2035").exists()


def test_updating_a_term_is_audited_before_and_after(terms, users):
    term = Term.objects.get(level="district", name="2025-2030")
    term_services.update_term(users.province, term, ends_on=D(2030, 12, 31), note="kéo dài")
    entry = AuditEntry.objects.get(action="term.update")
    assert entry.before["ends_on"] == "2030-05-31"
    assert entry.after["ends_on"] == "2030-12-31" and entry.after["note"] == "kéo dài"


def test_a_terms_level_and_name_cannot_be_edited(terms, users):
    term = Term.objects.get(level="district", name="2025-2030")
    with pytest.raises(ValueError):
        term_services.update_term(users.province, term, name="2026-2031")
