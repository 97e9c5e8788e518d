"""Tests for retrowalk."""
