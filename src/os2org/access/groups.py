"""The groups the organisation really has, by their stored names."""

from django.utils.translation import gettext_lazy as _

from os2org.common.visibility import BOARD, COORDINATOR, MEMBER_CONTACT, SECRETARIAT

LABELS = {
    SECRETARIAT: _("secretariat"),
    BOARD: _("board member"),
    COORDINATOR: _("product coordinator"),
    MEMBER_CONTACT: _("member-authority contact"),
}
ALL = tuple(LABELS)
