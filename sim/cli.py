"""Command line: ``python -m sim met|session|plan|project``."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
import datetime as dt
import json
import math
import sys
from typing import Any, NoReturn

from .body import Body
from .bounds import MODEL_SPEED_M_S, WEEKLY_MINUTES, WEEKLY_SESSIONS, WEIGHT_KG, Bound
from .energy import (
    MAX_GRADE,
    MIN_GRADE,
    Direction,
    backward_forward_ratio,
    kcal_per_min,
    met,
    net_kcal_per_min,
)
from .plan import Level, WeeklyGoal, plan_sessions
from .programs import Program, build_program
from .projection import MAX_WALKERS, project
from .session import phase_summaries, simulate
from .units import SpeedUnit, format_speed, from_m_s, to_m_s

BEGINNER_SPEED_MPH = 0.5
START_DATES = (dt.date(2000, 1, 1), dt.date(2099, 12, 31))
"""First and last day a plan may start on."""
MAX_PROJECTED_SESSIONS = 20_000_000
"""Most planned sessions (walkers x weeks x sessions per week) in one projection: about 1 GB."""


class _Parser(argparse.ArgumentParser):
    """Argument parser whose errors are one line naming the flag, exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``error: <flag>: <problem>`` and exit with status 2."""
        self.exit(2, f"error: {message.removeprefix('argument ')}\n")


def _number(low: float, high: float) -> Callable[[str], float]:
    """Return an argparse type accepting finite numbers within [low, high]."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be between {low:g} and {high:g}, got {text!r}"
            )
        return value

    return parse


def _whole(low: int, high: int) -> Callable[[str], int]:
    """Return an argparse type accepting whole numbers within [low, high]."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {low} to {high}, got {text!r}"
            )
        return value

    return parse


def _bounded(bound: Bound) -> Callable[[str], Any]:
    """Return an argparse type accepting the values of ``bound`` (see `sim.bounds`)."""
    if bound.whole:
        return _whole(int(bound.low), int(bound.high))
    return _number(bound.low, bound.high)


def _date(text: str) -> dt.date:
    """Parse an ISO date within `START_DATES` for argparse."""
    first, last = START_DATES
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or not first <= value <= last:
        raise argparse.ArgumentTypeError(
            f"must be a date YYYY-MM-DD from {first} to {last}, got {text!r}"
        )
    return value


def _add_speed(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """Add the mutually exclusive --speed-kmh / --speed-mph options."""
    group = parser.add_mutually_exclusive_group(required=required)
    max_kmh = round(from_m_s(MODEL_SPEED_M_S.high, SpeedUnit.KM_H), 1)
    group.add_argument("--speed-kmh", type=_number(0.0, max_kmh), help="speed in km/h")
    max_mph = math.floor(from_m_s(MODEL_SPEED_M_S.high, SpeedUnit.MPH) * 10) / 10
    group.add_argument("--speed-mph", type=_number(0.0, max_mph), help="speed in mph")


def _speed_m_s(args: argparse.Namespace) -> float:
    """Return the speed given on the command line in m/s (beginner pace if none)."""
    if args.speed_kmh is not None:
        return to_m_s(args.speed_kmh, SpeedUnit.KM_H)
    mph = BEGINNER_SPEED_MPH if args.speed_mph is None else args.speed_mph
    return to_m_s(mph, SpeedUnit.MPH)


def _add_common(parser: argparse.ArgumentParser) -> None:
    """Add --json and --unit."""
    parser.add_argument(
        "--json", action="store_true", help="print JSON instead of a table"
    )
    parser.add_argument(
        "--unit",
        type=SpeedUnit,
        default=SpeedUnit.KM_H,
        help="unit for speeds in tables: " + ", ".join(SpeedUnit),
    )


def _add_goal(parser: argparse.ArgumentParser) -> None:
    """Add the level and weekly goal options."""
    parser.add_argument("--level", type=Level, default=Level.NEW, help=", ".join(Level))
    parser.add_argument(
        "--sessions-per-week", type=_bounded(WEEKLY_SESSIONS), default=4
    )
    parser.add_argument(
        "--minutes-per-week", type=_bounded(WEEKLY_MINUTES), default=50.0
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    parser = _Parser(prog="python -m sim", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    grade = _number(MIN_GRADE * 100, MAX_GRADE * 100)
    weight = _bounded(WEIGHT_KG)

    met_cmd = commands.add_parser("met", help="oxygen uptake and MET of walking")
    met_cmd.add_argument(
        "--direction", type=Direction, required=True, help="backward or forward"
    )
    _add_speed(met_cmd, required=True)
    met_cmd.add_argument("--grade-pct", type=grade, default=0.0)
    met_cmd.add_argument("--sessions-done", type=_whole(0, 100_000), default=0)
    met_cmd.add_argument("--no-familiarization", action="store_true")
    met_cmd.add_argument("--weight-kg", type=weight, default=None)
    met_cmd.add_argument("--json", action="store_true", help="print JSON")

    session = commands.add_parser("session", help="simulate one session")
    session.add_argument(
        "--program", type=Program, default=Program.STEADY, help=", ".join(Program)
    )
    session.add_argument("--minutes", type=_number(1.0, 240.0), default=15.0)
    _add_speed(session, required=False)
    session.add_argument("--grade-pct", type=grade, default=0.0)
    session.add_argument("--weight-kg", type=weight, default=70.0)
    session.add_argument("--sessions-done", type=_whole(0, 100_000), default=0)
    session.add_argument("--no-familiarization", action="store_true")
    _add_common(session)

    plan = commands.add_parser("plan", help="plan dated sessions")
    _add_goal(plan)
    plan.add_argument("--start", type=_date, default=dt.date.today())
    plan.add_argument("--weeks", type=_whole(1, 104), default=4)
    _add_common(plan)

    proj = commands.add_parser("project", help="project many walkers over weeks")
    _add_goal(proj)
    proj.add_argument("--walkers", type=_whole(1, MAX_WALKERS), default=1000)
    proj.add_argument("--weeks", type=_whole(1, 104), default=12)
    proj.add_argument("--adherence", type=_number(0.0, 1.0), default=0.8)
    proj.add_argument("--variation", type=_number(0.0, 1.0), default=0.15)
    proj.add_argument("--seed", type=_whole(0, 2**63 - 1), default=0)
    proj.add_argument(
        "--json", action="store_true", help="print JSON instead of a table"
    )
    return parser


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Render right-aligned columns."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = [headers, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True))
        for line in lines
    )


def _clock(seconds: float) -> str:
    """Format seconds as M:SS."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def _run_met(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """Compute the ``met`` command."""
    speed = _speed_m_s(args)
    grade = args.grade_pct / 100.0
    familiarization = not args.no_familiarization
    value = met(
        args.direction,
        speed,
        grade,
        sessions_done=args.sessions_done,
        familiarization=familiarization,
    )
    data: dict[str, Any] = {
        "direction": str(args.direction),
        "speed_m_s": round(speed, 4),
        "grade": grade,
        "sessions_done": args.sessions_done,
        "familiarization": familiarization,
        "met": round(value, 3),
        "vo2_ml_kg_min": round(value * 3.5, 3),
    }
    ratio = backward_forward_ratio(
        speed, grade, sessions_done=args.sessions_done, familiarization=familiarization
    )
    data["backward_forward_ratio"] = round(ratio, 3)
    text = (
        f"{args.direction} {speed:.2f} m/s, grade {args.grade_pct:g} %: "
        f"{value:.2f} MET, VO2 {value * 3.5:.1f} ml/kg/min, "
        f"backward/forward {ratio:.2f}"
    )
    if args.weight_kg is not None:
        data["kcal_per_min"] = round(kcal_per_min(value, args.weight_kg), 3)
        data["net_kcal_per_min"] = round(net_kcal_per_min(value, args.weight_kg), 3)
        text += f", {data['kcal_per_min']:.2f} kcal/min"
    return data, text


def _run_session(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """Compute the ``session`` command."""
    plan = build_program(
        args.program, round(args.minutes * 60), _speed_m_s(args), args.grade_pct / 100
    )
    body = Body(args.weight_kg)
    options = {
        "sessions_done": args.sessions_done,
        "familiarization": not args.no_familiarization,
    }
    result = simulate(plan, body, **options)
    phases: list[dict[str, Any]] = [
        {
            "kind": str(s.kind),
            "start_s": s.start_s,
            "duration_s": s.duration_s,
            "speed_m_s": round(s.speed_m_s, 4),
            "grade": s.grade,
            "met": round(s.met, 3),
            "kcal": round(s.kcal, 2),
            "distance_m": round(s.distance_m, 1),
            "steps": round(s.steps),
        }
        for s in phase_summaries(plan, body, **options)
    ]
    totals: dict[str, Any] = {
        "duration_s": result.duration_s,
        "kcal": round(result.total_kcal, 2),
        "distance_m": round(result.total_distance_m, 1),
        "steps": round(result.total_steps),
    }
    rows = [
        [
            str(i + 1),
            p["kind"],
            _clock(p["duration_s"]),
            format_speed(p["speed_m_s"], args.unit),
            f"{100 * p['grade']:g} %",
            f"{p['met']:.2f}",
            f"{p['kcal']:.1f}",
            f"{p['distance_m']:.0f}",
            str(p["steps"]),
        ]
        for i, p in enumerate(phases)
    ]
    rows.append(
        [
            "",
            "total",
            _clock(result.duration_s),
            "",
            "",
            "",
            f"{totals['kcal']:.1f}",
            f"{totals['distance_m']:.0f}",
            str(totals["steps"]),
        ]
    )
    headers = ["#", "phase", "time", "speed", "grade", "MET", "kcal", "m", "steps"]
    data = {
        "program": str(args.program),
        "weight_kg": args.weight_kg,
        "phases": phases,
        "totals": totals,
    }
    return data, _table(headers, rows)


def _run_plan(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """Compute the ``plan`` command."""
    goal = WeeklyGoal(args.sessions_per_week, args.minutes_per_week)
    sessions = plan_sessions(args.level, goal, args.start, args.weeks)
    data = {
        "level": str(args.level),
        "sessions": [
            {
                "date": s.date.isoformat(),
                "duration_s": s.duration_s,
                "speed_m_s": s.speed_m_s,
                "program": str(s.program),
            }
            for s in sessions
        ],
    }
    rows = [
        [
            s.date.isoformat(),
            s.date.strftime("%a"),
            str(s.program),
            _clock(s.duration_s),
            format_speed(s.speed_m_s, args.unit),
        ]
        for s in sessions
    ]
    return data, _table(["date", "day", "program", "time", "speed"], rows)


def _run_project(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """Compute the ``project`` command."""
    goal = WeeklyGoal(args.sessions_per_week, args.minutes_per_week)
    result = project(
        args.level,
        goal,
        args.walkers,
        args.weeks,
        adherence=args.adherence,
        variation=args.variation,
        seed=args.seed,
    )
    data = {
        "walkers": args.walkers,
        "weeks": args.weeks,
        "percentiles": list(result.percentiles),
        "minutes": result.minutes.round(1).tolist(),
        "distance_m": result.distance_m.round(1).tolist(),
        "kcal": result.kcal.round(1).tolist(),
    }
    low, mid, high = 0, len(result.percentiles) // 2, len(result.percentiles) - 1
    rows = [
        [
            str(week + 1),
            *(f"{result.minutes[week, i]:.0f}" for i in (low, mid, high)),
            *(f"{result.distance_m[week, i] / 1000:.1f}" for i in (low, mid, high)),
            *(f"{result.kcal[week, i]:.0f}" for i in (low, mid, high)),
        ]
        for week in range(args.weeks)
    ]
    p = [
        f"p{q:g}"
        for q in (
            result.percentiles[low],
            result.percentiles[mid],
            result.percentiles[high],
        )
    ]
    headers = [
        "week",
        *(f"min {x}" for x in p),
        *(f"km {x}" for x in p),
        *(f"kcal {x}" for x in p),
    ]
    title = f"{args.walkers} walkers, cumulative totals at the end of each week"
    return data, title + "\n" + _table(headers, rows)


_COMMANDS = {
    "met": _run_met,
    "session": _run_session,
    "plan": _run_plan,
    "project": _run_project,
}


def _check_size(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse a projection too large to hold in memory."""
    if args.command != "project":
        return
    size = args.walkers * args.weeks * args.sessions_per_week
    if size > MAX_PROJECTED_SESSIONS:
        parser.error(
            f"--walkers: walkers x weeks x sessions per week must be at most "
            f"{MAX_PROJECTED_SESSIONS}, got {size}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_size(parser, args)
    data, text = _COMMANDS[args.command](args)
    print(json.dumps(data) if args.json else text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
