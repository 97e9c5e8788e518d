"""Reference core for backward-walking sessions: pace, duration and energy.

Pure Python and numpy; it never imports Home Assistant. Every import inside
this package is relative, so it also works as ``custom_components.retrowalk.sim``.
"""
