"""microcred: a GitOps catalogue of university micro-credentials."""

__version__ = "0.1.0"
