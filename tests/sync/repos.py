"""Real Git repositories for the sync tests: a bare remote, as GitHub keeps it, and a person's clone of it."""

from pathlib import Path

from git import Actor, Repo

PERSON = Actor("Peter Git", "peter@example.org")
CONFIG = "title: Håndbogen\n"


def page(title, text=""):
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{text or title + ' i Git.'}\n"


class Remote:
    """A bare repository at `path` on the branch main, and `person`, who commits and pushes to it."""

    def __init__(self, folder):
        self.path = folder / "handbook.git"
        self.bare = Repo.init(self.path, bare=True, initial_branch="main")
        self.person = Repo.init(folder / "person", initial_branch="main")
        self.person.create_remote("origin", str(self.path))

    def commit(self, files, message="Ret håndbogen", branch="main"):
        """Write `files` ({path: text}, None removes the file), commit them as PERSON and push; the commit."""
        for path, text in files.items():
            if text is None:
                self.person.index.remove([path], working_tree=True)
                continue
            target = Path(self.person.working_tree_dir, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
            self.person.index.add([path])
        commit = self.person.index.commit(message, author=PERSON, committer=PERSON)
        self.person.git.push("origin", f"HEAD:refs/heads/{branch}")
        return commit.hexsha

    def head(self, branch="main"):
        """The newest commit of a branch of the remote."""
        return self.bare.commit(branch)

    def text(self, path, branch="main"):
        """A file as a branch of the remote holds it."""
        return self.bare.git.show(f"{branch}:{path}")

    def branches(self):
        return sorted(head.name for head in self.bare.heads)

    def catch_up(self):
        """The person fetches what os2org pushed, and works on from there."""
        self.person.git.pull("--ff-only", "origin", "main")
