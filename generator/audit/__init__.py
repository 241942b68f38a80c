"""The leak audit: read every byte of each client tree and look for what must not be there.

A client tree (output/portals/<client>/) may hold only that client's client-visible data.
The audit knows what is forbidden from the whole workspace (needles.py), reads every file
whatever its kind, PDF attachments and XMP included (readers.py), and reports each hit as
"file: string (why)" (report.py). An output tree holds files only: a symbolic link or a
special file anywhere under output/ is a finding too, since deploy tools follow links.

A string that is also part of what the client may see (two clients with a project called
"Website relaunch") is not forbidden: the audit looks for leaks, not coincidences.
"""

from generator.audit.forbidden import Catalog, needles_for
from generator.audit.needles import Needle, NeedleSet
from generator.audit.readers import Contents, TextCache, client_pdf_texts, read_bytes, text_cache
from generator.audit.report import (
    Finding,
    audit_files,
    audit_output,
    prune_audit_cache,
    raise_on_findings,
    tree_entries,
)

__all__ = [
    "Catalog",
    "Contents",
    "Finding",
    "Needle",
    "NeedleSet",
    "TextCache",
    "audit_files",
    "audit_output",
    "client_pdf_texts",
    "needles_for",
    "prune_audit_cache",
    "raise_on_findings",
    "read_bytes",
    "text_cache",
    "tree_entries",
]
