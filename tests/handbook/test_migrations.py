"""The handbook's migrations that change data."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_versions_that_name_who_made_them_are_the_editors(latest_afterwards):
    executor = MigrationExecutor(connection)
    executor.migrate([("handbook", "0005_site_files_and_published_address")])
    old = executor.loader.project_state([("handbook", "0005_site_files_and_published_address")]).apps
    user = old.get_model("auth", "User").objects.create(username="ane")
    page = old.get_model("handbook", "Page").objects.create(path="a.md", slug="a", source="A")
    versions = old.get_model("handbook", "PageVersion").objects
    versions.create(page=page, number=1, source="A")
    versions.create(page=page, number=2, source="B", actor=user)

    executor = MigrationExecutor(connection)
    executor.migrate([("handbook", "0006_page_version_origin")])

    new = executor.loader.project_state([("handbook", "0006_page_version_origin")]).apps
    origins = new.get_model("handbook", "PageVersion").objects.order_by("number").values_list("origin", flat=True)
    assert list(origins) == ["import", "editor"]
