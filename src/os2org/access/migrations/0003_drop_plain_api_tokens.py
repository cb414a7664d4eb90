"""Drop the table of DRF's API tokens, which held every token in plain text.

django-rest-knox replaced them (it stores digests only), and the old
tokens stopped working with that; dropping the table takes them off the
disk and out of later dumps of the database. Its migration records go
too, so that DRF's token app could be installed again from scratch.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("access", "0002_groups")]

    operations = [
        migrations.RunSQL(
            ["DROP TABLE IF EXISTS authtoken_token", "DELETE FROM django_migrations WHERE app = 'authtoken'"],
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
