"""Exchange with QDA software (REFI-QDA .qdpx) and spreadsheets (.xlsx): export machine coding, import human coding."""

from __future__ import annotations

from ..errors import LeersignalenError


class ExchangeError(LeersignalenError):
    """A project, archive or run folder that cannot be exported or imported as it is."""


__all__ = ["ExchangeError"]
