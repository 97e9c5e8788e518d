"""Tests for programs, session simulation and snapshots."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import numpy as np
import pytest

from sim.body import Body
from sim.energy import Direction, kcal_per_min
from sim.programs import warmup_s
from sim.session import (
    Phase,
    PhaseKind,
    Program,
    SessionPlan,
    build_program,
    phase_summaries,
    simulate,
    snapshot_at,
)

BODY = Body(70.0, 170.0, 50, None)
programs = st.sampled_from(Program)
durations = st.integers(min_value=60, max_value=3600)
backward_speeds = st.floats(min_value=0.1, max_value=1.6)
grades = st.floats(min_value=-0.1, max_value=0.25)


@given(program=programs, duration=durations, speed=backward_speeds, grade=grades)
def test_programs_fill_the_duration(
    program: Program, duration: int, speed: float, grade: float
) -> None:
    """Every program lasts exactly the requested time and walks backward in its main part."""
    plan = build_program(program, duration, speed, grade)
    assert plan.duration_s == duration
    assert plan.backward_s > 0
    edge = warmup_s(duration)
    if edge:
        assert plan.phases[0].kind is PhaseKind.WARMUP
        assert plan.phases[-1].kind is PhaseKind.COOLDOWN
        assert plan.phases[0].duration_s == plan.phases[-1].duration_s == edge
        assert plan.phases[0].direction is Direction.FORWARD
    else:
        assert duration < 300
        assert {p.kind for p in plan.phases} <= {PhaseKind.BACKWARD, PhaseKind.REST}


def test_warmup_scales_and_is_bounded() -> None:
    """Warm-up is ~10 % of the session, 1-5 minutes, none under 5 minutes."""
    assert warmup_s(299) == 0
    assert warmup_s(300) == 60
    assert warmup_s(1200) == 120
    assert warmup_s(7200) == 300


def test_program_shapes() -> None:
    """Intervals alternate bouts and recoveries; rehab is slow, flat and rests standing; hill climbs."""
    intervals = build_program(Program.INTERVALS, 1200, 0.8)
    kinds = [p.kind for p in intervals.phases[1:-1]]
    assert kinds[::2] == [PhaseKind.BACKWARD] * len(kinds[::2])
    assert set(kinds[1::2]) == {PhaseKind.REST}
    assert all(p.speed_m_s > 0 for p in intervals.phases if p.kind is PhaseKind.REST)

    rehab = build_program(Program.REHAB, 600, 1.2, 0.1)
    assert all(p.grade == 0 for p in rehab.phases)
    assert max(p.speed_m_s for p in rehab.phases if p.kind is PhaseKind.BACKWARD) == 0.5
    assert all(p.speed_m_s == 0 for p in rehab.phases if p.kind is PhaseKind.REST)
    assert max(p.duration_s for p in rehab.phases if p.kind is PhaseKind.BACKWARD) <= 70

    hill = build_program(Program.TREADMILL_HILL, 900, 0.6)
    assert hill.phases[1].grade == 0.05
    assert hill.phases[0].grade == 0.0
    assert build_program(Program.TREADMILL_HILL, 900, 0.6, 0.12).phases[1].grade == 0.12
    steady = build_program(Program.STEADY, 240, 0.6)
    assert steady.phases == (Phase(PhaseKind.BACKWARD, 240, 0.6),)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((Program.STEADY, 30, 0.5), "duration_s"),
        ((Program.STEADY, 600, -0.5), "speed_m_s"),
        ((Program.STEADY, 600, 0.5, 0.5), "grade"),
    ],
)
def test_build_program_rejects(args: tuple[Program, int, float], match: str) -> None:
    """Out-of-range program requests are refused."""
    with pytest.raises(ValueError, match=match):
        build_program(*args)


def test_phase_and_plan_validation() -> None:
    """Phases need a positive whole duration; plans need phases."""
    with pytest.raises(ValueError, match="duration_s"):
        Phase(PhaseKind.BACKWARD, 0, 0.5)
    with pytest.raises(ValueError, match="at least one phase"):
        SessionPlan(())


def test_phase_at() -> None:
    """Boundaries belong to the next phase; the end maps to the end of the last phase."""
    plan = SessionPlan(
        (Phase(PhaseKind.WARMUP, 60, 1.0), Phase(PhaseKind.BACKWARD, 120, 0.5))
    )
    assert plan.phase_at(0) == (0, plan.phases[0], 0)
    assert plan.phase_at(59.5) == (0, plan.phases[0], 59.5)
    assert plan.phase_at(60) == (1, plan.phases[1], 0)
    assert plan.phase_at(500) == (1, plan.phases[1], 120.0)
    with pytest.raises(ValueError, match="t_s"):
        plan.phase_at(-1)


@given(
    program=programs,
    duration=st.integers(60, 1800),
    speed=backward_speeds,
    grade=grades,
    done=st.integers(0, 40),
)
@settings(max_examples=40, deadline=None)
def test_totals_equal_integral_of_series(
    program: Program, duration: int, speed: float, grade: float, done: int
) -> None:
    """Cumulative series end at the totals, which equal the integral of the rates."""
    plan = build_program(program, duration, speed, grade)
    result = simulate(plan, BODY, sessions_done=done)
    rates = np.array([kcal_per_min(m, BODY.weight_kg) for m in result.met]) / 60
    assert result.total_kcal == pytest.approx(rates.sum(), rel=1e-9)
    assert result.total_distance_m == pytest.approx(result.speed_m_s.sum(), rel=1e-9)
    assert result.active_s == result.duration_s == duration
    assert np.all(np.diff(result.kcal) > 0)
    summaries = phase_summaries(plan, BODY, sessions_done=done)
    assert result.total_kcal == pytest.approx(sum(s.kcal for s in summaries), rel=1e-9)
    assert result.total_steps == pytest.approx(
        sum(s.steps for s in summaries), rel=1e-9
    )


def test_pauses_stop_the_counters() -> None:
    """Paused seconds add wall-clock time at 1 MET but no kcal, distance or steps."""
    plan = build_program(Program.STEADY, 600, 0.6)
    plain = simulate(plan, BODY)
    paused = simulate(plan, BODY, pauses=[(100, 30), (100, 10), (600, 5)])
    assert paused.duration_s == 645
    assert paused.active_s == 600
    assert paused.total_kcal == pytest.approx(plain.total_kcal)
    assert paused.total_distance_m == pytest.approx(plain.total_distance_m)
    stopped = ~paused.active
    assert np.all(paused.speed_m_s[stopped] == 0)
    assert np.all(paused.met[stopped] == 1.0)
    assert np.flatnonzero(stopped)[:40].tolist() == list(range(100, 140))
    assert paused.phase_index[100] == plain.phase_index[100]
    with pytest.raises(ValueError, match="pause start"):
        simulate(plan, BODY, pauses=[(601, 10)])
    with pytest.raises(ValueError, match="pause length"):
        simulate(plan, BODY, pauses=[(10, 0)])


@given(
    program=programs,
    duration=st.integers(60, 1800),
    speed=backward_speeds,
    t=st.integers(0, 2000),
)
@settings(max_examples=40, deadline=None)
def test_snapshot_matches_simulation(
    program: Program, duration: int, speed: float, t: int
) -> None:
    """The closed-form snapshot agrees with the per-second simulation at whole seconds."""
    plan = build_program(program, duration, speed)
    result = simulate(plan, BODY, sessions_done=3)
    snap = snapshot_at(plan, BODY, t, sessions_done=3)
    done_s = min(t, duration)
    kcal = result.kcal[done_s - 1] if done_s else 0.0
    distance = result.distance_m[done_s - 1] if done_s else 0.0
    assert snap.kcal == pytest.approx(kcal, rel=1e-9, abs=1e-9)
    assert snap.distance_m == pytest.approx(distance, rel=1e-9, abs=1e-9)
    assert snap.elapsed_s + snap.remaining_s == duration
    assert snap.finished is (t >= duration)
    if t < duration:
        assert snap.phase_index == result.phase_index[t]
        assert snap.met == pytest.approx(result.met[t])
        assert snap.distance_m_per_min == pytest.approx(60 * result.speed_m_s[t])
        assert snap.phase_remaining_s > 0
    else:
        assert snap.phase_remaining_s == 0


def test_snapshot_rates_and_validation() -> None:
    """Snapshot rates are per minute; negative times are refused."""
    plan = build_program(Program.STEADY, 600, 0.5)
    snap = snapshot_at(plan, BODY, 300.5)
    assert snap.phase is PhaseKind.BACKWARD
    assert snap.kcal_per_min == pytest.approx(kcal_per_min(snap.met, 70.0))
    assert snap.steps_per_min > 0
    with pytest.raises(ValueError, match="active_elapsed_s"):
        snapshot_at(plan, BODY, -1.0)
