"""A person's workload: the hours a week of their assignments against the hours of their contract.

Shown on a person's page (to those who see named people's hours,
Viewer.sees_hours) and to each person on their own overview.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from os2org.organisation.models import Assignment


@dataclass(frozen=True)
class Load:
    """Hours a week against the hours of a contract."""

    hours: Decimal
    contract: Decimal

    @property
    def percent(self):
        return int((self.hours * 100 / self.contract).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def over(self):
        return self.hours > self.contract

    @property
    def excess(self):
        return self.hours - self.contract


@dataclass(frozen=True)
class Bar:
    """One bar of the workload chart; widths are SVG percentages of the chart."""

    assignment: Assignment | None
    percent: int
    width: str


def _width(percent, scale):
    # SVG attributes, not CSS (a content security policy will forbid inline
    # styles), and never localised: "27.03%" must not become "27,03%".
    return f"{percent * 100 / scale:.2f}%"


def workload(person, current):
    """The bars of a person's current assignments and their total against the contract."""
    load = Load(sum((a.hours_per_week for a in current), Decimal(0)), person.contract_hours)
    # The chart reaches past 100 % when the person is over; the contract line shows where 100 % is.
    scale = max(Decimal(100), load.hours * 100 / load.contract)
    bars = [
        Bar(a, Load(a.hours_per_week, load.contract).percent, _width(a.hours_per_week * 100 / load.contract, scale))
        for a in current
    ]
    within = min(load.hours, load.contract) * 100 / load.contract
    return {
        "load": load,
        "bars": bars,
        "total_width": _width(within, scale),
        "contract_x": _width(Decimal(100), scale),
        "excess_width": _width(max(load.hours * 100 / load.contract - 100, Decimal(0)), scale),
    }
