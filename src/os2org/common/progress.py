"""Progress of a long command, on its error stream: one line rewritten on a terminal, a line a step in a log."""


def report(stream, number, total, name):
    """Say that step `number` of `total` (`name`) is done; `stream` is a command's OutputWrapper (self.stderr)."""
    if stream.isatty():
        stream.write(f"\r[{number}/{total}] {name}\033[K", ending="")
        if number == total:
            stream.write("")
    else:
        stream.write(f"[{number}/{total}] {name}")
