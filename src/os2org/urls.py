from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

# Danish lives at the plain addresses, English under /en/. A language in the
# address (not in a cookie set by a form) keeps pages free of cookies and
# CSRF tokens, so every reader of a page gets the same, cacheable bytes.
urlpatterns = i18n_patterns(
    path("roller/", include("os2org.roles.urls")),
    path("organisation/", include("os2org.organisation.urls")),
    path("", include("os2org.governance.urls")),
    path("konto/paamindelser/", include("os2org.reminders.urls")),
    path("konto/", include("django.contrib.auth.urls")),
    path("aendringer/", include("os2org.audit.urls")),
    path("git/", include("os2org.sync.urls")),
    path("mit-overblik/", include("os2org.overview.urls")),
    path("soeg/", include("os2org.search.urls")),
    path("medlemmer/", include("os2org.members.urls")),
    path("budgetter/", include("os2org.budgets.urls")),
    path("portefoelje/", include("os2org.portfolio.urls")),
    path("standarder/", include("os2org.standards.urls")),
    path("bilag/", include("os2org.attachments.urls")),
    path("henvendelser/", include("os2org.inquiries.urls")),
    path("onboarding/", include("os2org.onboarding.urls")),
    path("kommunikation/", include("os2org.communication.urls")),
    path("", include("os2org.handbook.urls")),
    prefix_default_language=False,
)
# The API speaks JSON in one language and lives outside the language prefix.
urlpatterns += [path("api/", include("os2org.api.urls"))]

# 403 and 404 are Django's own handlers, drawing 403.html and 404.html; the
# 500 page must be drawn even when the database or the request is broken.
handler500 = "os2org.errors.server_error"
