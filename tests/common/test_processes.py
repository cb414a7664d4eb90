"""common.processes: pure work spread over worker processes, with its results and errors in order."""

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from os2org.common.processes import each_in_processes, processes_for


def pid_and_square(number):
    return os.getpid(), number * number


def square_or_refuse(number):
    if number in (5, 7):
        raise ValueError(f"{number} is refused")
    return number * number


class Unpicklable(Exception):
    def __init__(self, number, reason):
        super().__init__(f"{number}: {reason}")


def refuse_unpicklably(number):
    raise Unpicklable(number, "odd")


def test_results_come_back_in_order(settings):
    settings.WORK_PROCESSES = 2

    assert [square for _pid, square in each_in_processes(pid_and_square, range(10), least=2)] == [
        n * n for n in range(10)
    ]


def test_work_runs_in_other_processes(settings):
    settings.WORK_PROCESSES = 2

    pids = {pid for pid, _square in each_in_processes(pid_and_square, range(10), least=2)}

    assert os.getpid() not in pids


def test_fewer_items_than_least_run_here(settings):
    settings.WORK_PROCESSES = 2

    pids = {pid for pid, _square in each_in_processes(pid_and_square, range(3), least=4)}

    assert pids == {os.getpid()}


def test_one_work_process_runs_here(settings):
    settings.WORK_PROCESSES = 1

    pids = {pid for pid, _square in each_in_processes(pid_and_square, range(10), least=2)}

    assert pids == {os.getpid()}


def test_first_error_in_order_is_raised(settings):
    settings.WORK_PROCESSES = 2

    with pytest.raises(ValueError, match="^5 is refused$"):
        each_in_processes(square_or_refuse, range(10), least=2)


def test_error_that_cannot_travel_comes_back_as_its_text(settings):
    settings.WORK_PROCESSES = 2

    with pytest.raises(RuntimeError, match="^Unpicklable: 0: odd$"):
        each_in_processes(refuse_unpicklably, range(4), least=2)


def test_processes_never_outnumber_the_cores_or_the_items(settings):
    settings.WORK_PROCESSES = 64

    assert (processes_for(3, least=2), processes_for(1000, least=2)) == (min(3, os.cpu_count()), os.cpu_count())


def die(number):
    os._exit(3)


def test_worker_that_dies_is_an_error_rather_than_a_wait(settings):
    settings.WORK_PROCESSES = 2

    with pytest.raises(BrokenProcessPool):
        each_in_processes(die, range(4), least=2)
