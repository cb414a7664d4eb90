from django import template

from os2org.attachments.sizes import format_size

register = template.Library()


@register.filter
def file_size(size):
    """A size in bytes as a reader reads it, in the active language: “1,5 MB”."""
    return format_size(size)
