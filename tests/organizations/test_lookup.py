"""The organisation type-ahead: accent-insensitive, scoped to the subtree, bounded."""

import unicodedata

from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daihoi.dbfold import FOLD_FROM, tokens
from daihoi.textnorm import fold


def lookup(client, **params):
    response = client.get(reverse("organizations:lookup"), params)
    assert response.status_code == 200
    return response.json()["results"]


def test_it_finds_by_words_without_marks_and_by_code(client, users, tree):
    client.force_login(users.province)
    rows = lookup(client, q="dong hoa")
    assert [r["label"] for r in rows] == ["Đảng bộ xã Đông Hòa (X01)"]
    assert rows[0]["detail"] == "Đảng bộ huyện Đông › Đảng bộ tỉnh A"
    assert [r["id"] for r in lookup(client, q="c021")] == [tree.west_cells[0].pk]


def test_it_stays_inside_the_users_subtree(client, users, tree):
    client.force_login(users.east)
    labels = [r["label"] for r in lookup(client, q="chi bo")]
    assert labels and all(r.endswith(("(C011)", "(C012)")) for r in labels)
    assert lookup(client, q="tay son") == []


def test_it_filters_levels(client, users, tree):
    client.force_login(users.province)
    rows = lookup(client, q="dang bo", level="district")
    assert sorted(r["label"] for r in rows) == [
        "Đảng bộ huyện Tây (H02)",
        "Đảng bộ huyện Đông (H01)",
    ]


def test_anonymous_users_get_nothing(client, tree):
    response = client.get(reverse("organizations:lookup"), {"q": "dong"})
    assert response.status_code == 302


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(alphabet=FOLD_FROM + "abc xyzĂÂÊÔƠƯ–“”.,", min_size=1, max_size=30))
def test_the_database_folds_as_python_does(db, name):
    """daihoi_fold() in SQL (SQLite function / PostgreSQL translate) equals textnorm.fold."""
    with connection.cursor() as cursor:  # a read only: nothing to reset between examples
        cursor.execute("SELECT daihoi_fold(%s)", [unicodedata.normalize("NFC", name)])
        (folded,) = cursor.fetchone()
    assert " ".join(folded.split()) == fold(name)


def test_tokens_drop_nul_and_bound_the_words():
    assert tokens("a\x00b  c") == ["a", "b", "c"]
    assert len(tokens("w " * 50)) == 6
