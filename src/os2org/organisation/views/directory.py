"""Placeholder views, replaced by the work on issue 3."""

from django.http import Http404


def overview(request, **kwargs):
    raise Http404


def body(request, **kwargs):
    raise Http404


def organisations(request, **kwargs):
    raise Http404


def organisation(request, **kwargs):
    raise Http404


def people(request, **kwargs):
    raise Http404


def person(request, **kwargs):
    raise Http404
