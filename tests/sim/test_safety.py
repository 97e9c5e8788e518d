"""Tests for the safety rules and the reminder schedule."""

from __future__ import annotations

from hypothesis import given, strategies as st
import pytest

from sim.phases import Phase, PhaseKind, SessionPlan
from sim.plan import Level
from sim.programs import FORWARD_SPEED_LIMIT_M_S, Program, build_program
from sim.reminders import reminders_for
from sim.safety import (
    Contraindication,
    ReasonCode,
    Reminder,
    ReminderType,
    SafetyInput,
    Surface,
    VerdictLevel,
    check_safety,
    reminder_schedule,
    speed_cap_m_s,
)


def _check(**changes: object) -> tuple[VerdictLevel, tuple[ReasonCode, ...]]:
    """Check a safe baseline with some fields changed."""
    fields: dict[str, object] = {
        "level": Level.NEW,
        "surface": Surface.INDOOR_HALLWAY,
        "lux": 300.0,
        "speed_m_s": 0.5,
    } | changes
    verdict = check_safety(SafetyInput(**fields))  # type: ignore[arg-type]
    return verdict.level, verdict.reasons


def test_safe_baseline_is_ok() -> None:
    """Good light, a hallway and a modest speed are fine."""
    assert _check() == (VerdictLevel.OK, ())


@pytest.mark.parametrize(
    ("flag", "level"),
    [
        (Contraindication.SEVERE_BALANCE_PROBLEMS, VerdictLevel.BLOCK),
        (Contraindication.EYE_CONDITION, VerdictLevel.BLOCK),
        (Contraindication.INNER_EAR_CONDITION, VerdictLevel.BLOCK),
        (Contraindication.RECENT_INJURY, VerdictLevel.WARN),
    ],
)
def test_contraindications(flag: Contraindication, level: VerdictLevel) -> None:
    """Balance, eye and inner-ear conditions block; a recent injury warns."""
    assert _check(contraindications=frozenset({flag})) == (
        level,
        (ReasonCode(flag.value),),
    )


def test_light_rules() -> None:
    """Dim light blocks off a treadmill and warns on one; darkness outdoors blocks."""
    assert _check(lux=10.0) == (VerdictLevel.BLOCK, (ReasonCode.TOO_DARK,))
    assert _check(lux=10.0, surface=Surface.TREADMILL_HANDRAILS) == (
        VerdictLevel.WARN,
        (ReasonCode.TOO_DARK,),
    )
    assert _check(lux=100.0, lux_threshold=200.0)[1] == (ReasonCode.TOO_DARK,)
    outdoors = {"surface": Surface.OUTDOOR_PATH, "lux": None}
    assert _check(**outdoors, is_dark_outdoors=True) == (
        VerdictLevel.BLOCK,
        (ReasonCode.DARK_OUTDOORS,),
    )
    assert _check(**outdoors, is_dark_outdoors=False) == (VerdictLevel.OK, ())
    assert _check(**outdoors) == (VerdictLevel.WARN, (ReasonCode.LIGHT_UNKNOWN,))
    assert _check(lux=None) == (VerdictLevel.WARN, (ReasonCode.LIGHT_UNKNOWN,))
    assert _check(lux=None, light_monitored=False) == (VerdictLevel.OK, ())
    assert _check(**outdoors, is_dark_outdoors=True, light_monitored=False)[1] == (
        ReasonCode.DARK_OUTDOORS,
    )


def test_handrails_and_speed() -> None:
    """No handrails warns (blocks in rehabilitation); speeds above cap warn, above walk-run block."""
    bare = Surface.TREADMILL_NO_HANDRAILS
    assert _check(surface=bare) == (VerdictLevel.WARN, (ReasonCode.NO_HANDRAILS,))
    assert (
        _check(surface=bare, level=Level.REHABILITATION, speed_m_s=0.3)[0]
        is VerdictLevel.BLOCK
    )
    assert _check(speed_m_s=0.95) == (VerdictLevel.WARN, (ReasonCode.SPEED_ABOVE_CAP,))
    assert _check(speed_m_s=1.7) == (
        VerdictLevel.BLOCK,
        (ReasonCode.SPEED_ABOVE_WALK_RUN,),
    )


def test_reasons_most_severe_first() -> None:
    """All reasons are reported, blocking ones first."""
    level, reasons = _check(
        lux=None,
        speed_m_s=1.0,
        contraindications=frozenset(
            {Contraindication.RECENT_INJURY, Contraindication.EYE_CONDITION}
        ),
    )
    assert level is VerdictLevel.BLOCK
    assert reasons[0] is ReasonCode.EYE_CONDITION
    assert set(reasons) == {
        ReasonCode.EYE_CONDITION,
        ReasonCode.RECENT_INJURY,
        ReasonCode.LIGHT_UNKNOWN,
        ReasonCode.SPEED_ABOVE_CAP,
    }


def test_safety_rejects_bad_input() -> None:
    """Negative light or impossible speeds are refused."""
    with pytest.raises(ValueError, match="lux"):
        _check(lux=-1.0)
    with pytest.raises(ValueError, match="speed_m_s"):
        _check(speed_m_s=float("nan"))


@given(level=st.sampled_from(Level), surface=st.sampled_from(Surface))
def test_speed_caps(level: Level, surface: Surface) -> None:
    """Caps stay below the walk-run transition, rehabilitation at the fall-risk pace or slower."""
    cap = speed_cap_m_s(level, surface)
    assert 0 < cap <= speed_cap_m_s(level, Surface.TREADMILL_HANDRAILS) < 1.63
    if level is Level.REHABILITATION:
        assert cap <= 0.6
    assert speed_cap_m_s(Level.NEW, surface) < speed_cap_m_s(Level.REGULAR, surface)


def test_reminders_of_a_steady_hallway_session() -> None:
    """Warm-up, safety and path cues at the start, periodic cues, cool-down and completion."""
    plan = build_program(
        Program.STEADY, 1200, 0.6
    )  # 2 min warm-up, 16 min backward, 2 min cool-down
    schedule = reminder_schedule(plan, Surface.INDOOR_HALLWAY)
    assert schedule[0] == Reminder(0, ReminderType.WARMUP_CUE)
    assert schedule[-1] == Reminder(1200, ReminderType.SESSION_COMPLETE)
    times = {
        kind: [r.at_s for r in schedule if r.type is kind] for kind in ReminderType
    }
    assert times[ReminderType.STOP_ON_PAIN] == [120]
    assert times[ReminderType.CHECK_PATH] == list(range(120, 1080, 120))
    assert times[ReminderType.POSTURE_CORE] == [420, 720, 1020]
    assert times[ReminderType.HYDRATE] == [600]
    assert times[ReminderType.COOLDOWN_CUE] == [1080]
    assert times[ReminderType.HAND_ON_RAIL] == []
    assert list(schedule) == sorted(schedule, key=lambda r: r.at_s)


def test_reminders_on_treadmill_and_intervals() -> None:
    """On a treadmill: a hand-on-rail cue per bout and no path checks; posture counts backward time."""
    plan = build_program(Program.INTERVALS, 1200, 0.6)
    schedule = reminder_schedule(
        plan, Surface.TREADMILL_HANDRAILS, posture_every_s=200, speed_cap_m_s=0.5
    )
    bouts = [
        s
        for p, s in zip(plan.phases, plan.starts_s, strict=True)
        if p.kind is PhaseKind.BACKWARD
    ]
    rails = [r.at_s for r in schedule if r.type is ReminderType.HAND_ON_RAIL]
    assert rails == bouts
    assert not [r for r in schedule if r.type is ReminderType.CHECK_PATH]
    posture = [r.at_s for r in schedule if r.type is ReminderType.POSTURE_CORE]
    assert len(posture) == (plan.backward_s - 1) // 200
    slow = [r.at_s for r in schedule if r.type is ReminderType.SLOW_DOWN]
    assert slow == bouts  # the 0.9 m/s warm-up and the recoveries are forward walking
    assert plan.phases[0].speed_m_s > 0.5
    bare = reminder_schedule(plan, Surface.TREADMILL_NO_HANDRAILS)
    assert not [r for r in bare if r.type is ReminderType.HAND_ON_RAIL]


def test_reminders_validation_and_short_plan() -> None:
    """A bare backward plan still gets its safety cues; bad intervals are refused."""
    plan = SessionPlan((Phase(PhaseKind.BACKWARD, 100, 0.4),))
    kinds = [r.type for r in reminder_schedule(plan, Surface.OUTDOOR_PATH)]
    assert kinds == [
        ReminderType.STOP_ON_PAIN,
        ReminderType.CHECK_PATH,
        ReminderType.SESSION_COMPLETE,
    ]
    with pytest.raises(ValueError, match="path_check_every_s"):
        reminder_schedule(plan, Surface.OUTDOOR_PATH, path_check_every_s=0)
    with pytest.raises(ValueError, match="speed_cap_m_s"):
        reminder_schedule(plan, Surface.OUTDOOR_PATH, speed_cap_m_s=-1.0)


def _slow_downs(
    plan: SessionPlan,
    cap: float | None = None,
    forward_limit: float = FORWARD_SPEED_LIMIT_M_S,
) -> list[int]:
    """Times of the plan's slow-down reminders in a hallway."""
    schedule = reminder_schedule(
        plan,
        Surface.INDOOR_HALLWAY,
        speed_cap_m_s=cap,
        forward_limit_m_s=forward_limit,
    )
    return [r.at_s for r in schedule if r.type is ReminderType.SLOW_DOWN]


def test_beginner_warm_up_is_not_held_to_the_backward_cap() -> None:
    """A new walker near the hallway cap: the faster forward warm-up gets no slow-down."""
    cap = speed_cap_m_s(Level.NEW, Surface.INDOOR_HALLWAY)
    plan = build_program(Program.STEADY, 600, cap)
    warmup, cooldown = plan.phases[0], plan.phases[-1]
    assert warmup.kind is PhaseKind.WARMUP and cooldown.kind is PhaseKind.COOLDOWN
    assert cap < warmup.speed_m_s <= FORWARD_SPEED_LIMIT_M_S
    assert _slow_downs(plan, cap) == []


def test_slow_down_compares_each_direction_with_its_own_limit() -> None:
    """Backward phases against the backward cap, forward walking against the forward limit."""
    fast_forward = FORWARD_SPEED_LIMIT_M_S + 0.1
    plan = SessionPlan(
        (
            Phase(PhaseKind.WARMUP, 60, fast_forward),
            Phase(PhaseKind.BACKWARD, 60, 0.8),
            Phase(PhaseKind.REST, 60, fast_forward),
            Phase(PhaseKind.BACKWARD, 60, 0.5),
            Phase(PhaseKind.REST, 60, 0.0),
            Phase(PhaseKind.COOLDOWN, 60, FORWARD_SPEED_LIMIT_M_S),
        )
    )
    assert _slow_downs(plan, 0.6) == [0, 60, 120]
    assert _slow_downs(plan) == [0, 120]
    assert _slow_downs(plan, 0.6, 2.0) == [60]
    with pytest.raises(ValueError, match="forward_limit_m_s"):
        _slow_downs(plan, forward_limit=float("nan"))


@given(
    program=st.sampled_from(Program),
    minutes=st.integers(min_value=1, max_value=240),
    level=st.sampled_from(Level),
    surface=st.sampled_from(Surface),
    share=st.floats(min_value=0.0, max_value=1.0),
)
def test_programs_within_the_caps_never_say_slow_down(
    program: Program, minutes: int, level: Level, surface: Surface, share: float
) -> None:
    """Any program at or below the backward cap plans no phase that triggers a slow-down."""
    cap = speed_cap_m_s(level, surface)
    plan = build_program(program, minutes * 60, share * cap)
    schedule = reminder_schedule(plan, surface, speed_cap_m_s=cap)
    assert ReminderType.SLOW_DOWN not in {r.type for r in schedule}


@pytest.mark.parametrize("surface", list(Surface))
def test_reminders_for_a_surface_are_those_it_can_give(surface: Surface) -> None:
    """The reminders offered for a surface are exactly those its sessions give."""
    plan = build_program(Program.INTERVALS, 30 * 60, 0.6, 0.0)
    given = {reminder.type for reminder in reminder_schedule(plan, surface)}
    offered = set(reminders_for(surface))
    # Slowing down is offered everywhere (it depends on the speed, not the surface).
    assert given - {ReminderType.SLOW_DOWN} == offered - {ReminderType.SLOW_DOWN}
    assert (ReminderType.CHECK_PATH in offered) is not surface.is_treadmill
