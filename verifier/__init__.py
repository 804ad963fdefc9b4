"""Quote verifier: check attributed quotations in articles against their sources."""

from __future__ import annotations

__version__ = "0.1.0"
