"""A user's full name, as printed under a signature (issue 19)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from daihoi.accounts.services import clean_full_name, set_full_name
from daihoi.audit.models import AuditEntry
from tests.conftest import make_user

WORD = st.sampled_from(["Nguyễn", "Thị", "Ánh", "Tuyết", "Đặng", "Hoàng", "Văn", "Ước", "H'Hen"])


@given(st.lists(WORD, min_size=2, max_size=5), st.sampled_from([" ", "  ", "\t", " \n "]))
def test_a_full_name_keeps_its_words_with_single_spaces(words, gap):
    assert clean_full_name(gap + gap.join(words) + gap) == " ".join(words)


@pytest.mark.parametrize("raw", ["", "   ", "Nguyễn", "nhap1 Văn", "Lê Văn @Hải", "Trần_Bình An"])
def test_a_login_or_a_lone_word_is_not_a_full_name(raw):
    with pytest.raises(ValidationError):
        clean_full_name(raw)


@pytest.mark.django_db
def test_setting_a_full_name_is_audited_and_becomes_the_signing_name(tree):
    user = make_user("huyen01", tree.east)
    assert user.signing_name == ""
    set_full_name(None, user, "Phạm  Thị Hồng Nhung")
    user.refresh_from_db()
    assert user.signing_name == "Phạm Thị Hồng Nhung"
    entry = AuditEntry.objects.get(action="user.full_name")
    assert entry.after == {"full_name": "Phạm Thị Hồng Nhung"}
