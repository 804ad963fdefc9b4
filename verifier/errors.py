"""The exception tree. Per-item problems (a dead link, an unreadable article) are data on
the results, never exceptions; these are for usage and configuration errors, and bugs.

    VerifierError
    ├── UsageError          bad arguments or paths          -> exit code 2
    ├── ConfigError         invalid configuration file      -> exit code 2
    └── InputError          an input that cannot be read    -> reported per document
"""

from __future__ import annotations


class VerifierError(Exception):
    """Base of every error this package raises on purpose."""


class UsageError(VerifierError):
    """The caller asked for something impossible (a path that does not exist, ...)."""


class ConfigError(VerifierError):
    """A configuration file or value is invalid; the message names the file and key."""


class InputError(VerifierError):
    """A document could not be read; the message names the file (and line when known)."""
