"""footspine: explains how problems in the lower spine can cause foot pain.

The version is defined here and nowhere else; pyproject reads it from this file.
"""

__version__ = "0.2.0"
