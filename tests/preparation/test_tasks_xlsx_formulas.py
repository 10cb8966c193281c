"""Issue 16.9: a task or plan title typed as a formula stays text in tasks.xlsx."""

from datetime import date as D

from daihoi.preparation import plans
from tests.documents.test_formula_injection import assert_kept_as_text


def test_tasks_xlsx_keeps_formula_like_titles_as_text(client, plan, users, tree):
    hostile = ['=HYPERLINK("http://x.invalid","Bấm")', "+1+1", "-1", "@A1"]
    for title in hostile:
        plans.add_task(
            users.province,
            plan,
            title=title,
            due_on=D(2025, 3, 1),
            owner_organization=tree.east,
        )
    type(plan).objects.filter(pk=plan.pk).update(title="=1+1")
    client.force_login(users.province)
    response = client.get(f"/preparation/plans/{plan.pk}/tasks.xlsx")
    assert response.status_code == 200
    assert_kept_as_text(response.content, [*hostile, "=1+1"])
