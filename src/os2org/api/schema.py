"""The OpenAPI schema: what drf-spectacular infers, plus every error an operation can answer with."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import SAFE_METHODS

from os2org.api import rules
from os2org.common.visibility import ANONYMOUS


class ProblemSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong."))


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send it as `Authorization: Token <token>`. It is shown only this once."))
    expiry = serializers.DateTimeField(help_text=_("When the token ends; it ends sooner if the password changes."))


class TokenScheme(OpenApiAuthenticationExtension):
    """The API's token (django-rest-knox's), under the name DRF's token had (`tokenAuth`), so clients see no change."""

    target_class = "os2org.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )


# A ValidationError as DRF answers it: each field's messages (a list field's
# by position), `non_field_errors`, or `detail` for a body that is no JSON.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "additionalProperties": True},
        ]
    },
}

INVALID = OpenApiResponse(FIELD_ERRORS, description=_("The input is not valid; nothing was saved."))
UNAUTHENTICATED = OpenApiResponse(ProblemSerializer, description=_("Not signed in, or an unknown token."))
FORBIDDEN = OpenApiResponse(ProblemSerializer, description=_("The caller may not do this."))
NOT_FOUND = OpenApiResponse(ProblemSerializer, description=_("No such item, or none the caller may read."))
CHANGED = OpenApiResponse(ProblemSerializer, description=_("The item changed since the revision in If-Match."))
UNCONDITIONAL = OpenApiResponse(
    ProblemSerializer, description=_("No If-Match: a change must name the revision (ETag) it was made from.")
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description=_(
        "The ETag of the item as read. A change made by someone else since then is refused (412); "
        "a change without If-Match is refused (428)."
    ),
)


class ApiSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        if rules.allows(ANONYMOUS, getattr(self.view, "basename", None), method=self.method):
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, response in self.errors().items():
            responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in ("PUT", "PATCH"):
            parameters.append(IF_MATCH)
        return parameters

    def errors(self):
        errors = {"401": UNAUTHENTICATED, "403": FORBIDDEN}
        if self.method in ("PUT", "PATCH"):
            errors["412"] = CHANGED
            errors["428"] = UNCONDITIONAL
        if self.method not in SAFE_METHODS:
            errors["400"] = INVALID
        if "{" in self.path:
            errors["404"] = NOT_FOUND
        return errors


token_schema = extend_schema_view(
    post=extend_schema(
        summary=_("A token for a username and password"),
        request=AuthTokenSerializer,
        responses={200: TokenSerializer, 400: INVALID},
        auth=[],
    )
)
