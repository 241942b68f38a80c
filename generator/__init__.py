"""milepost: publish client project status from YAML and Markdown."""

__version__ = "0.1.0"
