"""The knowledge layer: load, validate, model and query the YAML knowledge file.

Nothing in this package imports Typer or Rich (a ruff rule enforces it), so it can be used
and tested on its own, and so no question pays for a framework it does not use.
"""
