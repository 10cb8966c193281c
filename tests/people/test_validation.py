import datetime as dt

import pytest

from daihoi.people.ethnicities import ETHNICITIES
from daihoi.people.field_parsers import choice_key
from daihoi.people.validation import validate_member, validate_organization


def member(**changes) -> dict:
    raw = {
        "code": "DV001",
        "family_name": "Nguyễn",
        "middle_name": "Văn",
        "given_name": "Hải",
        "gender": "Nam",
        "birth_date": "05/09/1980",
        "ethnicity": "Kinh",
        "admitted_on": "03/02/2005",
        "full_member_on": "03/02/2006",
        "status": "Chính thức",
        "general_education": "12/12",
        "education": "Đại học",
        "political_theory": "Trung cấp",
    }
    raw.update(changes)
    return raw


def codes(errors) -> dict[str, str]:
    return {e.field: e.code for e in errors}


def test_it_accepts_a_complete_member():
    clean, errors = validate_member(member())
    assert errors == []
    assert clean["birth_date"] == dt.date(1980, 9, 5)
    assert clean["birth_year_only"] is False
    assert (clean["gender"], clean["status"], clean["education"]) == ("male", "full", "university")
    assert clean["political_theory"] == "intermediate"


def test_it_names_every_missing_required_field():
    _clean, errors = validate_member({})
    required = {e.field for e in errors if e.code == "required"}
    assert required >= {"code", "family_name", "given_name", "gender", "birth_date", "admitted_on"}
    assert "middle_name" not in required and "citizen_id" not in required
    assert next(e for e in errors if e.field == "given_name").message == "Tên là bắt buộc"


@pytest.mark.parametrize(
    "admitted_on, ok",
    [("04/09/1998", False), ("05/09/1998", True), ("06/09/1998", True)],
)
def test_it_requires_members_to_be_18_at_admission(admitted_on, ok):
    _clean, errors = validate_member(member(admitted_on=admitted_on, full_member_on="01/01/2000"))
    assert ("admitted_on" not in codes(errors)) is ok
    if not ok:
        [error] = errors
        assert error.code == "admission_under_18"
        assert error.message.startswith("Ngày vào Đảng phải sau ngày sinh ít nhất 18 năm")
        assert "Điều lệ Đảng, Điều 1" in error.message


def test_it_counts_18_years_from_1_march_for_someone_born_on_29_february():
    raw = member(birth_date="29/02/1988", full_member_on="01/03/2007")
    assert codes(validate_member({**raw, "admitted_on": "28/02/2006"})[1]) == {
        "admitted_on": "admission_under_18"
    }
    assert validate_member({**raw, "admitted_on": "01/03/2006"})[1] == []


@pytest.mark.parametrize(
    "full_member_on, ok",
    [("02/02/2006", False), ("03/02/2006", True), ("10/03/2006", True)],
)
def test_it_requires_twelve_months_of_probation(full_member_on, ok):
    _clean, errors = validate_member(member(full_member_on=full_member_on))
    assert (errors == []) is ok
    if not ok:
        assert codes(errors) == {"full_member_on": "probation_under_12_months"}
        assert "Điều lệ Đảng, Điều 5" in errors[0].message


def test_it_requires_the_full_member_date_unless_probationary():
    assert codes(validate_member(member(full_member_on=None))[1]) == {
        "full_member_on": "full_member_on_required"
    }
    clean, errors = validate_member(member(full_member_on="", status="Dự bị"))
    assert errors == [] and clean["status"] == "probationary"
    assert codes(validate_member(member(status="du bi"))[1]) == {
        "full_member_on": "full_member_on_probationary"
    }


@pytest.mark.parametrize("year", ["1975", 1975, 1975.0])
def test_it_takes_a_year_alone_as_1_january(year):
    clean, errors = validate_member(member(birth_date=year))
    assert errors == []
    assert clean["birth_date"] == dt.date(1975, 1, 1)
    assert clean["birth_year_only"] is True


@pytest.mark.parametrize(
    "value",
    [dt.datetime(1980, 9, 5), dt.date(1980, 9, 5), "5/9/1980", "05.09.1980", "1980-09-05", 29469],
)
def test_it_reads_dates_as_text_or_excel_dates(value):
    clean, errors = validate_member(member(birth_date=value))
    assert errors == [] and clean["birth_date"] == dt.date(1980, 9, 5)


@pytest.mark.parametrize("value", ["31/02/1980", "1980/09/05", "05/09/80", "tháng 9"])
def test_it_refuses_dates_it_cannot_read(value):
    [error] = validate_member(member(birth_date=value))[1]
    assert (error.field, error.code) == ("birth_date", "invalid_date")
    assert "dd/mm/yyyy" in error.message


def test_it_refuses_dates_in_the_future():
    assert codes(validate_member(member(admitted_on="01/01/2999"))[1])["admitted_on"] == (
        "future_date"
    )


def test_it_refuses_an_admission_age_over_100():
    errors = validate_member(member(birth_date="01/01/1901", admitted_on="01/01/2002"))[1]
    assert codes(errors) == {"birth_date": "admission_over_100"}


@pytest.mark.parametrize(
    "value, expected",
    [("Nam", "male"), ("nam", "male"), ("NỮ", "female"), ("nu", "female"), ("Female", "female")],
)
def test_it_reads_gender_in_any_case_with_or_without_marks(value, expected):
    clean, errors = validate_member(member(gender=value))
    assert errors == [] and clean["gender"] == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Mông", "08"),
        ("H'Mông", "08"),
        ("HMông", "08"),
        ("hmong", "08"),
        ("Khmer", "05"),
        ("Khơ-me", "05"),
        ("khome", "05"),
        ("Ê Đê", "12"),
        ("Ê-đê", "12"),
        ("Gia Rai", "10"),
        ("kinh", "01"),
        ("8", "08"),
        (8, "08"),
        ("54", "54"),
    ],
)
def test_it_reads_ethnicity_by_name_variant_or_code(value, expected):
    clean, errors = validate_member(member(ethnicity=value))
    assert errors == [] and clean["ethnicity"] == expected


def test_it_refuses_an_unknown_ethnicity_and_every_official_name_is_distinct():
    [error] = validate_member(member(ethnicity="Xyz"))[1]
    assert (error.field, error.code) == ("ethnicity", "invalid_choice")
    keys = {choice_key(name) for _code, name in ETHNICITIES}
    assert len(keys) == len(ETHNICITIES) == 54


@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("status", "CHINH THUC", "full"),
        ("status", "Miễn sinh hoạt", "exempted"),
        ("status", "suspended", "suspended"),
        ("education", "dai hoc", "university"),
        ("education", "Thạc sĩ", "master"),
        ("education", "so cap, trung cap nghe", "vocational"),
        ("political_theory", "cao cap", "advanced"),
        ("political_theory", "Cử nhân", "bachelor"),
        ("political_theory", "chua qua dao tao", "none"),
    ],
)
def test_it_reads_labels_without_marks_or_codes(field, value, expected):
    clean, errors = validate_member(member(**{field: value}))
    assert errors == [] and clean[field] == expected


def test_it_lists_the_allowed_values_when_a_label_is_unknown():
    [error] = validate_member(member(education="Trung học"))[1]
    assert error.code == "invalid_choice"
    assert "Đại học" in error.message and "Thạc sĩ" in error.message


@pytest.mark.parametrize(
    "name, ok",
    [("Lê-Trần", True), ("H'Hen", True), ("Nguyễn Phước", True), ("Ng3", False), ("An.", False)],
)
def test_it_allows_letters_spaces_hyphens_and_apostrophes_in_names(name, ok):
    errors = validate_member(member(family_name=name))[1]
    assert (errors == []) is ok
    if not ok:
        assert codes(errors) == {"family_name": "invalid_characters"}


@pytest.mark.parametrize(
    "value, expected",
    [
        ("001080000123", "001080000123"),
        ("001 080 000 123", "001080000123"),
        (1080000123, "001080000123"),
    ],
)
def test_it_keeps_a_citizen_id_of_12_digits(value, expected):
    clean, errors = validate_member(member(citizen_id=value))
    assert errors == [] and clean["citizen_id"] == expected


@pytest.mark.parametrize("value", ["00108000012", "0010800001234", "00108000012A"])
def test_it_refuses_a_citizen_id_that_is_not_12_digits(value):
    assert codes(validate_member(member(citizen_id=value))[1]) == {
        "citizen_id": "citizen_id_format"
    }


@pytest.mark.parametrize(
    "value, ok",
    [("12/12", True), ("9/10", True), ("13/12", False), (dt.datetime(2024, 12, 12), False)],
)
def test_it_checks_general_education_grade_over_system(value, ok):
    assert (validate_member(member(general_education=value))[1] == []) is ok


def test_it_honours_a_forms_birth_year_only_flag():
    clean, errors = validate_member(member(birth_date=dt.date(1980, 9, 5), birth_year_only=True))
    assert errors == [] and clean["birth_date"] == dt.date(1980, 1, 1)


def organization(**changes) -> dict:
    raw = {
        "code": "X09",
        "name": "Đảng bộ xã Tân Lập",
        "level": "Cơ sở",
        "kind": "Xã",
        "parent_code": "H01",
        "active": "Có",
        "founded_on": "02/09/1975",
    }
    raw.update(changes)
    return raw


def test_it_accepts_an_organisation_by_labels_or_codes():
    clean, errors = validate_organization(organization())
    assert errors == []
    assert (clean["level"], clean["kind"], clean["active"]) == ("grassroots", "commune", True)
    clean, errors = validate_organization(
        organization(level="grassroots", kind="commune", active="khong", founded_on=None)
    )
    assert errors == [] and clean["active"] is False and clean["founded_on"] is None


def test_it_requires_a_parent_except_for_a_province():
    assert codes(validate_organization(organization(parent_code=None))[1]) == {
        "parent_code": "parent_required"
    }
    province = organization(level="Đảng bộ tỉnh", kind="Tỉnh, thành phố", parent_code="T00")
    assert codes(validate_organization(province)[1]) == {"parent_code": "parent_not_allowed"}
    assert validate_organization({**province, "parent_code": ""})[1] == []


def test_it_refuses_an_unknown_level_and_an_organisation_that_is_its_own_parent():
    assert codes(validate_organization(organization(level="Huyện"))[1]) == {
        "level": "invalid_choice"
    }
    assert codes(validate_organization(organization(parent_code="X09"))[1]) == {
        "parent_code": "parent_is_self"
    }
