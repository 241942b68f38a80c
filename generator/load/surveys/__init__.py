"""Read client survey exports as the tools write them.

`read_survey(path)` picks the importer from the header (or `tool`), reads the mapping file
`surveys/<name>.yaml` beside the export when there is one, and returns a `Survey`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr
from generator.load.surveys import (
    generic,
    google_forms,
    msforms,
    qualtrics,
    surveymonkey,
    typeform,
    wjx,
)
from generator.load.surveys.build import build_survey
from generator.load.surveys.detect import detect_tool
from generator.load.surveys.layout import Layout
from generator.load.surveys.mapping import (
    TOOLS,
    SurveyMapping,
    load_mapping,
    mapping_path_for,
)
from generator.load.surveys.sheet import Sheet, read_sheet
from generator.load.yaml_source import SourceMap
from generator.model.survey import Survey

IMPORTERS: dict[str, Callable[[Sheet, SurveyMapping], Layout]] = {
    "google_forms": google_forms.layout,
    "surveymonkey": surveymonkey.layout,
    "msforms": msforms.layout,
    "typeform": typeform.layout,
    "qualtrics": qualtrics.layout,
    "wjx": wjx.layout,
    "generic": generic.layout,
}
YAML_SUFFIXES = {".yaml", ".yml"}

__all__ = ["IMPORTERS", "TOOLS", "read_survey", "detect_tool", "mapping_path_for"]


def read_survey(
    path: Path,
    tool: str | None = None,
    mapping_path: Path | None = None,
    display: str | None = None,
) -> Survey:
    """Read one export; raise ContentErrors (file:line, hint) for anything unreadable."""
    shown = display or str(path)
    if path.suffix.lower() in YAML_SUFFIXES and tool in (None, "yaml_form"):
        from generator.load.surveys.yaml_form import read_yaml_form

        return read_yaml_form(path, shown)
    mapping = SurveyMapping()
    source: SourceMap | None = None
    mapping_file = mapping_path or mapping_path_for(path)
    if mapping_file.is_file():
        mapping, source = load_mapping(mapping_file, _beside(shown, mapping_file))
    sheet = read_sheet(path, shown, mapping.encoding)
    if not sheet.rows:  # every importer needs at least a header row
        raise ContentErrors(
            [ContentError(shown, 1, 0, tr("the export is empty"), tr("export it again"))]
        )
    chosen = tool or mapping.tool or detect_tool(sheet)
    if chosen not in IMPORTERS:
        raise ContentErrors(
            [
                ContentError(
                    shown,
                    0,
                    0,
                    tr("unknown tool '{tool}'", tool=chosen),
                    tr("one of {tools}", tools=", ".join(TOOLS)),
                )
            ]
        )
    layout = IMPORTERS[chosen](sheet, mapping)
    return build_survey(sheet, layout, mapping, source)


def _beside(shown: str, mapping_file: Path) -> str:
    parent = Path(shown).parent
    return str(parent / mapping_file.name) if str(parent) != "." else mapping_file.name
