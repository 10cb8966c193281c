"""Dates typed and shown day first, in either interface language."""


def test_dates_are_day_first_in_both_languages(client, users, tree):
    """An English browser must not turn 10/12/2024 into 12 October, nor show mm/dd/yyyy."""
    from daihoi.dates import parse_date
    from daihoi.people.forms_transfer import TransferForm
    from tests.conftest import make_member

    member = make_member(tree.east_cells[0], "M990")
    for language in ("vi", "en"):
        from django.utils import translation

        with translation.override(language):
            form = TransferForm(
                {
                    "kind": "official",
                    "destination": tree.east_cells[1].pk,
                    "on": "10/12/2024",
                    "letter_number": "1",
                },
                user=users.east,
                member=member,
            )
            assert form.is_valid(), form.errors
            assert form.cleaned_data["on"].isoformat() == "2024-12-10"
            html = str(
                TransferForm(
                    initial={"on": parse_date("10/12/2024")}, user=users.east, member=member
                )["on"]
            )
            assert 'value="10/12/2024"' in html and 'type="date"' not in html
