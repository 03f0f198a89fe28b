"""Sociale kaart 16-27: load, check, render and export the aanbod records.

This package deliberately does not import mkdocs: the site generator is a thin
hook (``scripts/mkdocs_hook.py``) so that a move to another generator leaves
loading, checking and rendering untouched.
"""

__version__ = "0.1.0"
