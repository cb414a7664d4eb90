from os2org.access.viewer import viewer_of


def viewer(request):
    """The viewer, and a short key for what they may read, for cached fragments."""
    current = viewer_of(request)
    return {"viewer": current, "viewer_key": "-".join(current.levels)}
