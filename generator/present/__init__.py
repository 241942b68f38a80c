"""What a reader sees, computed once per project, date, audience and locale.

analyze/ computes facts; present/ turns them into the values every output prints (labels
and reasons, rows with people's names, decisions and their due state, the digest, the
portfolio rows); render/ and publish/ only lay those values out. See docs/presentation.md.

Entry points:
- project.project_view: a project's page, status.json, feed and badge;
- report.report_view: a PDF report's sections for a period;
- digest.digest: what an e-mail and a chat card say about a project;
- portfolio: the internal dashboard's rows and a client portal's order.
"""
