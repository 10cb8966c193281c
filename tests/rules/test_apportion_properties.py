"""Properties every allocation keeps (hypothesis): exact totals, minimums, monotone in members."""

from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from daihoi.rules.apportion import ApportionError, ExOfficio, Method, Rules, Unit, apportion

METHODS = st.sampled_from(list(Method))


@st.composite
def cases(draw):
    count = draw(st.integers(1, 8))
    units = [
        Unit(
            key=f"u{i}",
            members=draw(st.integers(1, 20_000)),
            organizations=draw(st.integers(0, 30)),
            ex_officio=draw(st.integers(0, 4)),
            bonus=draw(st.integers(0, 2)),
        )
        for i in range(count)
    ]
    method = draw(METHODS)
    rules = Rules(
        total=draw(st.integers(1, 450)),
        method=method,
        minimum=draw(st.integers(0, 6)),
        member_weight=draw(st.sampled_from([100, 80, 50])),
        organization_weight=draw(st.sampled_from([0, 20, 50])),
        ex_officio=draw(st.sampled_from(list(ExOfficio))),
        per_unit=draw(st.integers(0, 5)) if method is Method.PER_UNIT_QUOTA else 0,
    )
    return units, rules


def allocate(units, rules):
    try:
        return apportion(units, rules)
    except ApportionError:
        assume(False)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_the_delegations_always_add_up_to_the_total(case):
    units, rules = case
    assert allocate(units, rules).total == rules.total


@settings(max_examples=300, deadline=None)
@given(cases())
def test_every_unit_gets_at_least_its_minimum_and_its_ex_officio(case):
    units, rules = case
    result = allocate(units, rules)
    for unit, share in zip(units, result.shares, strict=True):
        assert share.share - unit.bonus >= max(rules.minimum, rules.per_unit)
        assert share.elected >= 0
        assert share.delegation >= unit.ex_officio


@settings(max_examples=300, deadline=None)
@given(cases(), st.data())
def test_more_members_never_means_fewer_seats(case, data):
    units, rules = case
    index = data.draw(st.integers(0, len(units) - 1))
    grown = list(units)
    grown[index] = replace(
        units[index], members=units[index].members + data.draw(st.integers(1, 5_000))
    )
    before = allocate(units, rules).shares[index].elected
    after = allocate(grown, rules).shares[index].elected
    assert after >= before
