from django.db import migrations

from os2org.search.sqlite import install, uninstall


class Migration(migrations.Migration):
    """SQLite's full-text index and the triggers that keep it in step (os2org.search.sqlite).

    PostgreSQL needs none: it searches the columns with its 'danish' configuration.
    """

    dependencies = [
        ("handbook", "0006_page_version_origin"),
        ("roles", "0006_role_detached_from_page"),
        ("organisation", "0006_names_searched"),
        ("governance", "0008_meeting_cancelled_brief_decided"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
