"""Synthetic national survey cycles: realistic agencies and correlated answers for any framework.

    cycle = simulate_cycle(load_framework("dept-2566"), agencies=320, seed=1)
    write_csv(cycle, "out/")          # agencies.csv, answers.csv

Agency names and hierarchy come from the registry (``data/registry.yaml``, see registry.py).
"""

from __future__ import annotations

from dgmm.simulate.cycle import SimulatedCycle, simulate_cycle
from dgmm.simulate.output import AGENCY_COLUMNS, ANSWER_COLUMNS, write_csv
from dgmm.simulate.registry import Registry, load_registry, read_registry

__all__ = [
    "AGENCY_COLUMNS",
    "ANSWER_COLUMNS",
    "Registry",
    "SimulatedCycle",
    "load_registry",
    "read_registry",
    "simulate_cycle",
    "write_csv",
]
