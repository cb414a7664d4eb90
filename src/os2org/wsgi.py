import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "os2org.settings")
application = get_wsgi_application()

# Each worker compiles its templates and loads its views now, not during its first readers' requests.
from os2org.common.warm import warm_up  # noqa: E402

warm_up()
# What is loaded by now lives as long as the worker: the garbage collector
# need not look through it again. Without this, the first large page a
# worker built paid for full collections over all of it (70 ms of 130).
gc.freeze()
