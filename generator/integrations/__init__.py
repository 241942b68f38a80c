"""Importers from the tools teams already use: CRM contact exports, tracker task exports."""
