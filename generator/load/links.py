"""File references in Markdown and settings may not leave the workspace.

A link like ![chart](../../secret.png) would make the build read, or a page point at, a file
outside the project; it is refused with its line rather than dropped in silence.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from generator.errors import ContentError
from generator.i18n import tr

# The target after `](`: linear on any line (matching from each `[` was quadratic on a
# line of 50,000 of them), and it finds the target of a link with brackets in its text.
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
# A reference definition, `[m]: ../../etc/passwd "title"`, up to three spaces indented.
_REFERENCE_TARGET = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
# The quote may come escaped (src=\"…\") in a double-quoted YAML string of the front matter.
_HTML_TARGET = re.compile(r"""(?:src|href)\s*=\s*(?:\\?["'])?([^"'\s>]+)""", re.IGNORECASE)


def escapes(target: str) -> bool:
    """True for a local file reference that is absolute or climbs out with '..'."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "//")):
        return False  # a URL (https:, mailto:) or an anchor: not a file of ours
    path = target.split("#", 1)[0].split("?", 1)[0].replace("\\", "/")
    return path.startswith("/") or ".." in PurePosixPath(path).parts


def check_markdown_links(text: str, path: str) -> list[ContentError]:
    """Errors for links and images in a Markdown file that point outside its folder."""
    errors = []
    for number, line in enumerate(text.split("\n"), start=1):
        for pattern in (_MARKDOWN_TARGET, _REFERENCE_TARGET, _HTML_TARGET):
            for match in pattern.finditer(line):
                if escapes(match.group(1)):
                    errors.append(
                        ContentError(
                            path,
                            number,
                            match.start(1) + 1,
                            tr(
                                "the link '{target}' leads out of the project",
                                target=match.group(1),
                            ),
                            tr(
                                "put the file in the project folder and link it from there, "
                                "or use a full https:// address"
                            ),
                        )
                    )
    return errors
