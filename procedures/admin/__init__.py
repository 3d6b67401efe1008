"""The agents' back office in the Django admin (see case.py)."""

from .case import CaseAdmin

__all__ = ["CaseAdmin"]
