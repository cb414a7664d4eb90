"""Placeholder views, replaced by the work on issue 3."""

from django.http import Http404


def coverage(request, **kwargs):
    raise Http404


def coverage_csv(request, **kwargs):
    raise Http404


def assignment(request, **kwargs):
    raise Http404
