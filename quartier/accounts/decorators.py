"""View decorators built on the can_*() predicates (the decorator itself lives in core)."""

from quartier.core.decorators import require

__all__ = ["require"]
