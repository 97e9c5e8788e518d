"""Tests for the simulation core."""
