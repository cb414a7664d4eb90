import pytest

from tests.sync.repos import CONFIG, Remote, page


@pytest.fixture
def remote(tmp_path, settings):
    """A remote repository with a small handbook on main, which os2org is set up to keep in step with."""
    remote = Remote(tmp_path)
    remote.commit({"_config.yml": CONFIG, "index.md": page("Velkommen"), "roller/chef.md": page("Chef")}, "Håndbogen")
    settings.HANDBOOK_GIT_URL = str(remote.path)
    settings.HANDBOOK_GIT_BRANCH = "main"
    settings.HANDBOOK_GIT_REVIEW_BRANCH = ""
    settings.HANDBOOK_GIT_WORKDIR = tmp_path / "os2org"
    settings.HANDBOOK_GIT_AUTHOR = "os2org <os2org@example.org>"
    settings.HANDBOOK_GIT_AUTO_PUSH = False
    return remote
