"""The OpenAPI schema at /api/schema/."""

import pytest
from django.core.management import call_command


def test_schema_is_valid_without_warnings(tmp_path):
    # --fail-on-warn: a field drf-spectacular cannot type is an error here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))

    assert (tmp_path / "schema.yaml").read_text(encoding="utf-8").startswith("openapi: 3.0.3\n")


@pytest.mark.django_db
def test_schema_documents_the_token_endpoint(client):
    schema = client.get("/api/schema/?format=json").json()

    assert schema["paths"]["/api/token/"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AuthTokenRequest"
    }


@pytest.mark.django_db
def test_schema_lets_the_public_read_without_a_token(client):
    schema = client.get("/api/schema/?format=json").json()

    assert schema["paths"]["/api/meetings/"]["get"]["security"] == [{"tokenAuth": []}, {"cookieAuth": []}, {}]


@pytest.mark.django_db
def test_schema_asks_a_token_to_write(client):
    schema = client.get("/api/schema/?format=json").json()

    assert schema["paths"]["/api/meetings/"]["post"]["security"] == [{"tokenAuth": []}, {"cookieAuth": []}]
