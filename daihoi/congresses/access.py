"""Who organises a congress: staff and administrators of its organisation or above.

Kept in the congress wing so that its pages need not ask the elections wing
above; daihoi.elections.access re-exports it for an election's pages.
"""

from daihoi.organizations.selectors import can_see


def is_organiser(user, election_or_congress) -> bool:
    """For a congress, or anything of one (an election, a sitting) that has `.congress`."""
    congress = getattr(election_or_congress, "congress", election_or_congress)
    return user.is_authenticated and user.can_edit and can_see(user, congress.organization)
