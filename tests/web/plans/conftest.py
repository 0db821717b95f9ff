"""A cycle with published results: pcio-a1 (child of dept-a) and pcio-b1 answered, closed and published."""

from __future__ import annotations

import pytest

from dgmm.web.cycles.actions import CloseCycle, PublishCycle
from tests.web.conftest import COMPLETE
from tests.web.cycles.test_submission import CHILD, fill
from tests.web.submitted import submit_everyone


@pytest.fixture
def published(world):
    fill(world, world.dept_a, "resp_dept_a", COMPLETE)
    fill(world, world.pcio_a1, "resp_a1", CHILD)
    fill(world, world.pcio_b1, "resp_b1", {"C1": "a", "N3": "30"})
    submit_everyone(world.cycle)
    CloseCycle(world.cycle, world.users["analyst"]).execute()
    PublishCycle(world.cycle, world.users["analyst"]).execute()
    world.cycle.refresh_from_db()
    return world
