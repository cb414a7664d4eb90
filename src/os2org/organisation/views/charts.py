"""Placeholder views, replaced by the work on issue 3."""

from django.http import Http404


def chart(request, **kwargs):
    raise Http404
