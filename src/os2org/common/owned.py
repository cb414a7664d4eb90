"""What someone must do by a day: a decision's follow-up (governance), a deviation a review found (standards).

Each has an owner (owner_person or owner_role, one of them), a `due` day and
a `closed_on` day. The follow-up list, "Mit overblik" and the reminders show
them side by side, so they answer the same questions the same way.
"""

from django.utils import timezone


class OwnedTask:
    """The questions asked of such a model; a mixin, with no fields of its own."""

    @property
    def owner(self):
        return self.owner_person or self.owner_role

    @property
    def is_closed(self):
        return self.closed_on is not None

    @property
    def overdue(self):
        """Still open after its due date: said in words wherever its status is shown."""
        return self.closed_on is None and self.due < timezone.localdate()
