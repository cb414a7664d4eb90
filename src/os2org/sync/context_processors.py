from django.utils.functional import lazy

from os2org.sync.selectors import footer_text


def footer(request):
    """The footer's line about Git, worked out only when a page's cached footer is out of date."""
    return {"sync_footer": lazy(footer_text, str)()}
