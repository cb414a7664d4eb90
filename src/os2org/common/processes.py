"""A long list of pure computations spread over the machine's cores.

Reading a handbook is mostly Markdown parsing, which Python runs on one
core at a time. `each_in_processes` hands the items to forked worker
processes, which inherit everything already read (the pages, the site's
configuration) and send back only their results. A worker never touches
the database: the parent's connection, and its open transaction, stay
the parent's alone.
"""

import gc
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings

# The work of the pool being run: set before the workers are forked, so they inherit it.
_work = None


def _run(index):
    """One item's result; an error that could not be rebuilt in the parent is raised as its text."""
    try:
        return _work(index)
    except Exception as error:
        # An error that cannot be rebuilt from its pickle would leave the
        # parent with a broken pool rather than the error.
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:
            raise RuntimeError(f"{type(error).__name__}: {error}") from None
        raise


def processes_for(count, least):
    """How many processes `count` items get: one below `least` items, else up to WORK_PROCESSES and the cores."""
    if count < least:
        return 1
    return max(1, min(settings.WORK_PROCESSES, os.cpu_count() or 1, count))


def each_in_processes(function, items, *, least):
    """[function(item) for item in items], in worker processes when there are at least `least` items.

    Below `least`, or with one core or WORK_PROCESSES = 1, it runs here: a
    fork costs more than a few items take. The first item (in order) whose
    function raised has its error raised here, as the loop would.
    """
    global _work
    items = list(items)
    processes = processes_for(len(items), least)
    if processes == 1:
        return [function(item) for item in items]
    _work = lambda index: function(items[index])  # noqa: E731
    # The collector would walk every object the workers inherit, and so
    # copy the pages that hold them into each worker: it leaves them be.
    gc.freeze()
    try:
        # A worker that dies (killed, out of memory) breaks the pool, which
        # raises BrokenProcessPool here rather than waiting for ever.
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            # A few chunks per process: pages differ in length. map gives the
            # results in order, and raises the first item's error in order.
            return list(pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (processes * 3))))
    finally:
        _work = None
        gc.unfreeze()
