"""News digest builder: several reports of one story in, one clean footnoted static site out."""

__version__ = "0.1.0"
