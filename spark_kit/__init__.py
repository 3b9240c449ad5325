"""SPARK kit: impact measurement and financing methods for the social economy.

The package holds every method once; notebooks, apps, the report and the book call it.
"""

__version__ = "0.1.0"
