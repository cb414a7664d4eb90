from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.common.visibility import Visibility, visibility_field


class PageQuerySet(models.QuerySet):
    def for_menu(self):
        """Just the fields the menu is built from."""
        return self.only("path", "slug", "title", "parent", "grand_parent", "nav_order", "nav_exclude", "has_front_matter")

    def matching(self, query):
        return self.filter(search_text__contains=query.casefold())


class Page(models.Model):
    """A handbook page. `source` is the file exactly as read; the rest is derived from it."""

    class Kind(models.TextChoices):
        PAGE = "page", _("page")
        ROLE = "role", _("role description")

    path = models.CharField(_("path"), max_length=500, unique=True)
    slug = models.CharField(_("address"), max_length=500, unique=True)
    source = models.TextField(_("source"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    parent = models.CharField(_("parent"), max_length=500, blank=True)
    grand_parent = models.CharField(_("grand parent"), max_length=500, blank=True)
    nav_order = models.FloatField(_("menu order"), null=True, blank=True)
    nav_exclude = models.BooleanField(_("left out of the menu"), default=False)
    has_front_matter = models.BooleanField(_("has front matter"), default=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PAGE)
    body_line = models.PositiveIntegerField(_("first line of the body"), default=1)
    html = models.TextField(_("rendered HTML"), blank=True)
    has_diagram = models.BooleanField(_("has diagrams"), default=False)
    # Set when the organisation was imported from this page; `handbook
    # export --refresh` regenerates its org charts and roles table.
    describes_organisation = models.BooleanField(_("describes the organisation"), default=False)
    text = models.TextField(_("plain text"), blank=True)
    search_text = models.TextField(_("search text"), blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = PageQuerySet.as_manager()

    visibility = visibility_field(Visibility.PUBLIC)

    class Meta:
        ordering = ["path"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.CheckConstraint(condition=~models.Q(path=""), name="page_path_not_empty"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="page_slug_not_empty"),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.heading or self.path

    def get_absolute_url(self):
        return reverse("handbook:page", args=[self.slug])


class PageVersion(models.Model):
    """A page's source as it was stored once: by an import or by the editor.

    Written whenever a page's source is created or changes, never changed
    afterwards, so any two versions can be compared.
    """

    class Origin(models.TextChoices):
        IMPORT = "import", _("import")
        EDITOR = "editor", _("page editor")

    page = models.ForeignKey(Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    source = models.TextField(_("source"))
    created = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(_("change note"), max_length=500, blank=True)
    # An edit made here is one the handbook's files do not have yet (os2org.sync
    # commits them to Git); an import only brings in what the files hold.
    origin = models.CharField(_("made by"), max_length=10, choices=Origin.choices, default=Origin.IMPORT)

    class Meta:
        ordering = ["page_id", "-number"]
        verbose_name = _("page version")
        verbose_name_plural = _("page versions")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="page_version_unique_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="page_version_number_positive"),
            models.CheckConstraint(
                condition=models.Q(origin__in=["import", "editor"]), name="page_version_origin_known"
            ),
        ]

    def __str__(self):
        return f"{self.page} v{self.number}"
