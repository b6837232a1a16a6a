"""Comity: gap and compatibility matrices for international criminal-cooperation law."""

__version__ = "0.1.0"
