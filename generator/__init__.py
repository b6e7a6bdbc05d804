"""aawgen: render runnable ML training projects for the AAW platform."""

__version__ = "0.1.0"
