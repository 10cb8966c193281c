"""What a transfer tells the congress wing, which keeps the base of open congresses.

The base of an open members' congress follows the transfers of its members
(QĐ 190-QĐ/TW 2024, Điều 30.2; see daihoi/congresses/member_base.py), but the
congress sits a wing above the registry and may not be imported from here.
So the transfer services call these hooks, in their own transaction, and
daihoi.congresses answers them in CongressesConfig.ready(). Each answer
returns the congresses it changed (audited there).
"""

from daihoi.hooks import Hook

# (actor, status, origin, destination, reason) after an official transfer; `status` is the
# member's (only full members count in a base).
official_transfer = Hook("people.official_transfer")

# (actor, status_before, origin, host, delta, reason): delta +1 when a temporary attachment
# starts, -1 when it ends; `status_before` is the member's status outside the attachment.
attachment = Hook("people.attachment")
