"""`{{ text|as_shown }}`: a text the system keeps in Vietnamese, shown in the reader's language.

Some Vietnamese words are data, not interface: a published result keeps the labels of
its invalid ballots and the lines of its base as they were at publication, for the
minutes and for the record. They are never rewritten; this filter translates them only
when shown, through the catalogue (each app marks them with gettext_noop where it
writes them), and leaves any text the catalogue does not know as it is.
"""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def as_shown(text):
    return gettext(str(text)) if text else text
