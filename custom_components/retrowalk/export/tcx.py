"""Training Center XML (TCX) of one session: an activity with one lap per phase."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from ..models import SessionRecord
from ..sim.phases import PhaseKind
from .laps import Lap

TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
LX_NS = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"
# Prefixes for our two namespaces (ElementTree keeps them per URI, process-wide).
ET.register_namespace("", TCX_NS)
ET.register_namespace("ax", LX_NS)


def tcx_document(record: SessionRecord, laps: list[Lap], note: str) -> str:
    """The TCX text of ``record`` (sport "Other": TCX has no walking)."""
    root = ET.Element(_tag("TrainingCenterDatabase"))
    activity = ET.SubElement(
        ET.SubElement(root, _tag("Activities")), _tag("Activity"), Sport="Other"
    )
    _text(activity, "Id", _time(record.started_at))
    distance = 0.0
    for lap in laps:
        element = ET.SubElement(activity, _tag("Lap"), StartTime=_time(lap.start))
        _text(element, "TotalTimeSeconds", f"{lap.timer_s:.1f}")
        _text(element, "DistanceMeters", f"{lap.distance_m:.1f}")
        _text(element, "Calories", str(round(lap.kcal)))
        resting = lap.kind is PhaseKind.REST
        _text(element, "Intensity", "Resting" if resting else "Active")
        _text(element, "TriggerMethod", "Manual")
        track = ET.SubElement(element, _tag("Track"))
        for moment in (lap.start, lap.end):
            if moment == lap.end:
                distance += lap.distance_m
            point = ET.SubElement(track, _tag("Trackpoint"))
            _text(point, "Time", _time(moment))
            _text(point, "DistanceMeters", f"{distance:.1f}")
        extension = ET.SubElement(
            ET.SubElement(element, _tag("Extensions")), f"{{{LX_NS}}}LX"
        )
        ET.SubElement(extension, f"{{{LX_NS}}}Steps").text = str(round(lap.steps))
    _text(activity, "Notes", note)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _tag(name: str) -> str:
    return f"{{{TCX_NS}}}{name}"


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, _tag(name)).text = text


def _time(moment: datetime) -> str:
    """UTC with a Z, whole seconds (as TCX readers expect)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
