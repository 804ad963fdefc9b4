"""Keep the extraction libraries' per-page warnings out of the user's terminal."""

from __future__ import annotations

import logging

NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability", "pypdf")


def quiet_extraction_loggers() -> None:
    """trafilatura, htmldate and pypdf log a warning for every odd page; keep them to errors.

    Only loggers nobody configured are touched, so an application that sets their level
    explicitly keeps its choice. Idempotent.
    """
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.ERROR)
