"""Workout files of a person's sessions: TCX and FIT for one session, CSV for history.

The writers are pure functions of the stored records (``laps``, ``tcx``, ``fit``,
``table``); ``actions`` registers the export actions and writes the files in the
executor under ``<config>/retrowalk/exports/``.
"""
