"""A local Canvas Credentials (Badgr v2) server for tests and the offline demo.

It follows the open-source badgr-server's v2 behaviour: the ``/o/token`` password
and rotating refresh grants, the issuer, badge class and assertion routes, the
``{status, result}`` envelope, the field rules, cursor pagination through the
``Link`` header, and fault injection. See :class:`Emulator` for the control API.
"""

from __future__ import annotations

from .emulator import Emulator
from .faults import FAULT_KINDS, RANDOM_KINDS
from .store import DEFAULT_ISSUER, DEMO_PASSWORD, DEMO_USERNAME

__all__ = [
    "DEFAULT_ISSUER",
    "DEMO_PASSWORD",
    "DEMO_USERNAME",
    "FAULT_KINDS",
    "RANDOM_KINDS",
    "Emulator",
]
