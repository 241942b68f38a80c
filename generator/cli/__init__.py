"""The milepost command line (entry point `milepost = generator.cli:main`); see app.py."""

from generator.cli.app import main

__all__ = ["main"]
