"""Decode a survey export: UTF-8 (with or without BOM), UTF-16, GB18030/GBK or cp1252.

Excel re-saves Chinese exports as GBK and Western ones as cp1252; both decode almost any byte
string, so we pick between them by what the text looks like, and always say which we used.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from generator.errors import ContentError
from generator.i18n import tr

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "gb18030": "GB18030/GBK",
    "cp1252": "Windows-1252",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a key of ENCODING_NAMES


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF  # unified ideographs
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2000 <= code <= 0x206F  # general punctuation (“ ” — …)
        or code in (0x2506, 0x2192)  # ┋ and → that wjx uses
    )


def _looks_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    cjk = sum(1 for ch in wide if _is_cjk(ch))
    return cjk / len(wide) >= 0.9


def decode_export(data: bytes, path: str, forced: str | None = None) -> Decoded:
    """Decode bytes or raise a positioned ContentError list via the caller."""
    if forced:
        try:
            return Decoded(data.decode(forced), forced)
        except (UnicodeDecodeError, LookupError) as exc:
            raise _error(
                path,
                data,
                tr("the file is not valid {encoding}: {problem}", encoding=forced, problem=exc),
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data.decode("utf-8-sig"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _error(
                path, data[: exc.start], tr("the file starts like UTF-8 but is not")
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16"), "utf-16")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    gbk: str | None
    try:
        gbk = data.decode("gb18030")
    except UnicodeDecodeError:
        gbk = None
    if gbk is not None and _looks_chinese(gbk):
        return Decoded(gbk, "gb18030")
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError as exc:
        raise _error(
            path, data[: exc.start], tr("the file is neither UTF-8, GB18030/GBK nor Windows-1252")
        ) from None


class EncodingProblem(Exception):
    def __init__(self, error: ContentError) -> None:
        self.error = error
        super().__init__(error.format())


def _error(path: str, before: bytes, message: str) -> EncodingProblem:
    line = before.count(b"\n") + 1
    return EncodingProblem(
        ContentError(
            path,
            line,
            0,
            message,
            tr("export it again from the survey tool, or save it as 'CSV UTF-8' in Excel"),
        )
    )
