from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from os2org.common.visibility import Visibility, visibility_field


class PageQuerySet(models.QuerySet):
    def for_menu(self):
        """Just the fields the menu is built from."""
        return self.only(
            "path", "slug", "title", "parent", "grand_parent", "nav_order", "nav_exclude", "has_front_matter", "draft"
        )

    def readable_by(self, viewer):
        return self.filter(viewer.visible())


class Page(models.Model):
    """A handbook page. `source` is the file exactly as read; the rest is derived from it."""

    class Kind(models.TextChoices):
        PAGE = "page", _("page")
        ROLE = "role", _("role description")

    path = models.CharField(_("path"), max_length=500, unique=True)
    slug = models.CharField(_("address"), max_length=500, unique=True)
    # Where the published site has the page (its path as .html, or its permalink), links resolve against it.
    url = models.CharField(_("published address"), max_length=500, blank=True, db_index=True)
    source = models.TextField(_("source"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    parent = models.CharField(_("parent"), max_length=500, blank=True)
    grand_parent = models.CharField(_("grand parent"), max_length=500, blank=True)
    nav_order = models.FloatField(_("menu order"), null=True, blank=True)
    nav_exclude = models.BooleanField(_("left out of the menu"), default=False)
    # just-the-docs lists a parent page's children at its end unless `has_toc: false`.
    has_toc = models.BooleanField(_("lists its child pages"), default=True)
    # Marked as a draft by a warning callout that says so; shown as a draft.
    draft = models.BooleanField(_("draft"), default=False)
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


class Site(models.Model):
    """The handbook's `_config.yml`, exactly as read (there is at most one)."""

    source = models.TextField(_("source"), blank=True)
    # The configured logo's path, when it is one of the handbook's files (set by the import).
    logo = models.CharField(_("logo"), max_length=500, blank=True)
    # The handbook's own colour, "#rrggbb", from its colour scheme (handbook.site.brand_colour; set by the import).
    colour = models.CharField(_("colour"), max_length=7, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("site configuration")
        verbose_name_plural = _("site configurations")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="site_only_one"),
            models.CheckConstraint(
                condition=models.Q(colour="") | models.Q(colour__startswith="#"),
                name="site_colour_is_hex",
            ),
        ]

    def __str__(self):
        return "_config.yml"


class Asset(models.Model):
    """A file of the handbook that is published as it is: an image, a PDF, a document.

    Readable by whoever may read a page that shows or links to it (the
    widest of those pages' visibilities), so a file does not reach readers
    its pages do not reach. The logo is public.
    """

    path = models.CharField(_("path"), max_length=500, unique=True)
    content = models.BinaryField(_("content"))
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    updated = models.DateTimeField(_("updated"), auto_now=True)

    visibility = visibility_field(Visibility.PUBLIC)

    class Meta:
        ordering = ["path"]
        verbose_name = _("handbook file")
        verbose_name_plural = _("handbook files")
        constraints = [models.CheckConstraint(condition=~models.Q(path=""), name="asset_path_not_empty")]

    def __str__(self):
        return self.path

    def get_absolute_url(self):
        return reverse("handbook-file", args=[self.path])
