"""What the handbook tells the apps above it, which it may not import."""

from django.dispatch import Signal

# A page's source was changed in the page editor (services.save_page), inside
# the transaction of the change: keyword arguments `page` and `version` (the
# PageVersion written). os2org.sync listens, to commit the edit to Git.
page_edited = Signal()
