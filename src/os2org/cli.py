"""The `os2org` command: Django's management commands with our settings.

`os2org handbook parse …` is the same as `manage.py handbook parse …`, so
every command a secretariat uses is an ordinary management command.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "os2org.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["os2org", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
