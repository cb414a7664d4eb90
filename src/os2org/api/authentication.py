"""How the API knows its caller by a token: django-rest-knox's way, less one server error."""

from django.utils.translation import gettext as _
from knox import auth
from rest_framework.exceptions import AuthenticationFailed


class TokenAuthentication(auth.TokenAuthentication):
    """knox's token authentication, refusing a token that is not UTF-8 as it refuses any unknown one.

    knox 5.1 decodes the token without a guard, so a header such as
    `Token æø` (sent as Latin-1) failed with a 500 before anyone was known;
    DRF's own token authentication answered it with 401.
    """

    def authenticate_credentials(self, token):
        try:
            token.decode("utf-8")
        except UnicodeDecodeError:
            # DRF's message for an unknown token, translated by DRF.
            raise AuthenticationFailed(_("Invalid token.")) from None
        return super().authenticate_credentials(token)
