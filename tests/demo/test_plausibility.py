import datetime as dt
from collections import Counter

from daihoi.demo.chance import add_months, add_years
from daihoi.demo.names import KINH
from daihoi.demo.people import age_on
from daihoi.demo.scale import DEMO_AS_OF
from daihoi.organizations.models import Organization
from daihoi.people.models import Member, Planning, Post
from daihoi.textnorm import fold


def members_under(org):
    return Member.objects.filter(organization__path__startswith=org.path)


def test_it_admits_members_at_18_or_later_and_confirms_them_12_months_on(demo):
    for m in Member.objects.all():
        assert 18 <= age_on(m.birth_date, DEMO_AS_OF) <= 85, m.code
        assert m.admitted_on >= add_years(m.birth_date, 18), m.code
        assert m.admitted_on <= DEMO_AS_OF
        if m.status == "probationary":
            assert m.full_member_on is None
            assert m.admitted_on > DEMO_AS_OF - dt.timedelta(days=365), m.code
        else:
            assert m.full_member_on == add_months(m.admitted_on, 12), m.code


def test_it_has_a_few_probationary_exempted_and_attached_members(demo):
    statuses = Counter(Member.objects.values_list("status", flat=True))
    total = sum(statuses.values())
    assert 0.01 <= statuses["probationary"] / total <= 0.06
    assert statuses["full"] / total > 0.85
    assert statuses["exempted"] > 0 and statuses["attached_temporarily"] > 0


def test_it_has_about_a_third_women(demo):
    women = Member.objects.filter(gender="female").count() / Member.objects.count()
    assert 0.28 <= women <= 0.42
    assert demo.women == Member.objects.filter(gender="female").count()


def test_it_gives_mountain_districts_a_minority_majority(demo):
    lowland, mountain = Organization.objects.filter(level="district").order_by("code")
    mountain_members = members_under(mountain)
    minority = mountain_members.exclude(ethnicity=KINH).count() / mountain_members.count()
    assert minority > 0.5
    lowland_members = members_under(lowland)
    assert lowland_members.filter(ethnicity=KINH).count() / lowland_members.count() > 0.9
    # …and their members carry the groups' own family names.
    families = Counter(
        mountain_members.exclude(ethnicity=KINH).values_list("family_name", flat=True)
    )
    assert {"Hoàng", "Nông"} & {name for name, _ in families.most_common(5)}


def test_it_draws_kinh_family_names_at_national_frequencies(demo):
    families = Counter(Member.objects.filter(ethnicity=KINH).values_list("family_name", flat=True))
    total = sum(families.values())
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert 0.30 <= families["Nguyễn"] / total <= 0.46
    assert families["Trần"] > families["Đỗ"]


def test_it_gives_men_and_women_their_middle_names(demo):
    assert not Member.objects.filter(gender="male", middle_name="Thị").exists()
    assert not Member.objects.filter(gender="female", middle_name="Văn").exists()


def test_it_gives_every_commune_and_district_its_key_cadres(demo):
    leading = Organization.objects.filter(kind__in=["commune", "ward", "township"]) | (
        Organization.objects.filter(level="district")
    )
    for org in leading:
        titles = list(
            Post.objects.filter(organization=org, key_post=True, ended_on__isnull=True).values_list(
                "title", flat=True
            )
        )
        for prefix in ("Bí thư", "Phó Bí thư", "Chủ tịch UBND", "Chủ tịch HĐND"):
            assert any(t.startswith(prefix) for t in titles), (org.name, prefix)


def test_it_trains_cadres_in_political_theory_for_their_level(demo):
    district_heads = Member.objects.filter(
        posts__organization__level="district", posts__key_post=True, posts__ended_on=None
    ).distinct()
    assert district_heads and all(
        m.political_theory in ("advanced", "bachelor") for m in district_heads
    )
    commune_heads = Member.objects.filter(
        posts__organization__kind="commune", posts__key_post=True, posts__ended_on=None
    ).distinct()
    assert all(m.political_theory in ("intermediate", "advanced") for m in commune_heads)
    ordinary = Counter(Member.objects.filter(posts=None).values_list("political_theory", flat=True))
    assert ordinary.most_common(1)[0][0] == "elementary"


def test_it_plans_younger_cadres_for_the_next_term(demo):
    plans = Planning.objects.select_related("member")
    assert plans.count() >= 10
    assert {p.term for p in plans} == {"2025-2030"}
    assert all(age_on(p.member.birth_date, DEMO_AS_OF) <= 45 for p in plans)


def test_it_gives_synthetic_unique_citizen_ids(demo):
    ids = list(Member.objects.values_list("citizen_id", flat=True))
    assert len(set(ids)) == len(ids)
    # 099 is no province's code: a demo id can never be a real person's.
    assert all(len(i) == 12 and i.isdigit() and i.startswith("099") for i in ids)


def test_it_fills_the_derived_names_that_search_uses(demo):
    for m in Member.objects.all()[:200]:
        assert m.full_name == f"{m.family_name} {m.middle_name} {m.given_name}"
        assert m.search_name == fold(m.full_name)
