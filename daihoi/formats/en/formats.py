# The English interface writes dates and numbers as the Vietnamese one does (daihoi/dates.py).
from daihoi.formats.vi.formats import *  # noqa: F403
