"""Words and colours for the states a congress or a task can be in against its deadline."""

from django.utils.translation import gettext_lazy as _

from . import schedule

STATE_LABELS = {
    schedule.OVERDUE: _("Quá hạn"),
    schedule.PLANNED_LATE: _("Dự kiến muộn hơn hạn"),
    schedule.AT_RISK: _("Sắp đến hạn"),
    schedule.ON_TRACK: _("Trong hạn"),
    schedule.HELD_ON_TIME: _("Đã tổ chức đúng hạn"),
    schedule.HELD_LATE: _("Đã tổ chức, muộn hạn"),
    schedule.NO_DEADLINE: _("Chưa có hạn"),
    schedule.DONE: _("Hoàn thành"),
    schedule.CANCELLED: _("Hủy bỏ"),
}

# CSS class of each state's badge (prep.css): red, amber, green, grey.
STATE_CLASS = {
    schedule.OVERDUE: "bad",
    schedule.PLANNED_LATE: "bad",
    schedule.HELD_LATE: "warn",
    schedule.AT_RISK: "warn",
    schedule.ON_TRACK: "good",
    schedule.HELD_ON_TIME: "good",
    schedule.DONE: "good",
    schedule.CANCELLED: "none",
    schedule.NO_DEADLINE: "none",
}
