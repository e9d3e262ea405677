"""leersignalen: explainable Dutch learning-signal tagging for notes of learning communities."""

__version__ = "0.1.0"
