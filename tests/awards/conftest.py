"""Register the award fixtures; they live in award_fixtures so tests can import helpers."""

from __future__ import annotations

from award_fixtures import award_setup

__all__ = ["award_setup"]
