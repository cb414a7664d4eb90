"""The app's URL configuration and one address more, which has no access rule.

RuleMiddleware refuses a view without a rule to every reader (it fails
closed), so this is how a reader who is not signed in meets the 403 page.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from os2org import urls


def without_rule(request):
    return HttpResponse("never shown")


urlpatterns = [
    *i18n_patterns(path("uden-regel/", without_rule, name="without-rule"), prefix_default_language=False),
    *urls.urlpatterns,
]
handler500 = urls.handler500
