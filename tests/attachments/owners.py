"""Items to attach files to: bodies, which carry a visibility and are read by their own rule."""

from os2org.common.visibility import Visibility
from os2org.organisation.models import Body
from os2org.organisation.services import save_body


def body(visibility=Visibility.INTERNAL, name="Styregruppen"):
    return save_body(name=name, kind=Body.Kind.STEERING_GROUP, visibility=visibility)
