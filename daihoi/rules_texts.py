"""Words of the pure rules (and of modules that keep Vietnamese for official documents)
that pages show, marked here for the translation catalogue.

`daihoi/rules/` imports no Django, so its strings cannot be marked where they are
written; each is repeated here as a literal (gettext extraction reads only literals)
and tests/test_rules_texts.py checks that every one still equals the rules' own text.
Pages translate them at display (`as_shown`); the stored and printed words never change.
"""

from django.utils.translation import gettext_noop as N_

QUORUM_PRACTICE = N_(
    "Thông lệ của ban tổ chức (không phải quy định của Đảng): có mặt trên 2/3 số triệu tập"
)
# reports/statistics.py: the age bands and the ethnic groups beyond the six largest.
AGE_BANDS = (N_("Dưới 30"), "30–39", "40–49", "50–59", N_("Từ 60 trở lên"))
OTHER_ETHNICITIES = N_("Dân tộc khác")
