"""The groups the organisation really has, by their stored names."""

from django.utils.translation import gettext_lazy as _

SECRETARIAT = "secretariat"
BOARD = "board"
COORDINATOR = "coordinator"
MEMBER_CONTACT = "member-contact"

LABELS = {
    SECRETARIAT: _("secretariat"),
    BOARD: _("board member"),
    COORDINATOR: _("product coordinator"),
    MEMBER_CONTACT: _("member-authority contact"),
}
ALL = tuple(LABELS)
