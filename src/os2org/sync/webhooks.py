"""Push events from GitHub and GitLab: whether they come from the repository, and which branch they are about."""

import hashlib
import hmac

from os2org.common.limits import load_json

PUSH_EVENTS = {"push", "Push Hook"}  # GitHub's X-GitHub-Event, GitLab's X-Gitlab-Event


def signed(headers, body, secret):
    """Whether the request carries the shared secret: GitHub's HMAC-SHA256 of the body, or GitLab's token.

    Compared in constant time, so that a guess learns nothing from how long the answer takes.
    """
    signature = headers.get("X-Hub-Signature-256")
    if signature is not None:
        expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(signature.encode(), expected.encode())
    token = headers.get("X-Gitlab-Token")
    if token is not None:
        return hmac.compare_digest(token.encode(), secret.encode())
    return False


def pushed_branch(headers, body):
    """The branch a push event moved; None for another kind of event, or a push of a tag.

    Raises ValueError for a body that is no JSON (or nests too deep).
    """
    if (headers.get("X-GitHub-Event") or headers.get("X-Gitlab-Event")) not in PUSH_EVENTS:
        return None
    event = load_json(body.decode("utf-8"))
    ref = event.get("ref") if isinstance(event, dict) else None
    if not isinstance(ref, str) or not ref.startswith("refs/heads/"):
        return None
    return ref.removeprefix("refs/heads/")
