"""Multilingual publishing pipeline: ingest → segment → catalog → localize → render → pdf."""

__version__ = "0.1.0"
