"""Decode the bytes of a CSV export, and say which encoding was used.

The order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else the bytes are read as
strict UTF-8; else charset-normalizer chooses between the two encodings Excel's plain
"CSV" writes for our users, Windows-1252 (Western Europe: "Jürgen Müller") and
GB18030/GBK (China: "张伟"). Both decode almost any bytes, so the detector looks only at
the lines that hold non-ASCII bytes, where the two readings differ.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from generator.errors import ContentError, ContentErrors
from generator.i18n import tr

# Encodings the detector may choose; GBK is a subset of GB18030.
CANDIDATES = ("cp1252", "gb18030")
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "gb18030": "GB18030/GBK",
    "gbk": "GB18030/GBK",
    "cp1252": "Windows-1252",
    "xlsx": "XLSX",
}
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE_BYTES = 64 * 1024
_MAX_CHAOS = 0.5  # wjx's ┋ and → read as "symbols" and push real GBK text past the default 0.2
# Bytes that never continue a GB18030 character (all continuation bytes are >= 0x30).
_SAFE_CUT = frozenset(b'\t\n\r ",;')


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a key of ENCODING_NAMES

    @property
    def name(self) -> str:
        return encoding_name(self.encoding)


def encoding_name(encoding: str) -> str:
    """The name a PM knows: 'Windows-1252', 'GB18030/GBK', 'UTF-8 with BOM'."""
    return ENCODING_NAMES.get(encoding, encoding)


def decode_table_text(data: bytes, path: str, forced: str | None = None) -> Decoded:
    """The text of a CSV export; ContentErrors (file:line and a hint) when it is not text."""
    if forced:
        return _strict(data, forced, path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, path)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if b"\x00" in data:
        raise ContentErrors(
            [_error(path, data, data.index(b"\x00"), tr("this is not a text file"))]
        )
    for encoding in _detected(data):
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise ContentErrors(
        [
            _error(
                path,
                data,
                first_bad,
                tr("the file is neither UTF-8, GB18030/GBK nor Windows-1252"),
            )
        ]
    )


def _detected(data: bytes) -> list[str]:
    """Candidate encodings, most likely first, as charset-normalizer ranks them."""
    results = from_bytes(_sample(data), cp_isolation=list(CANDIDATES), threshold=_MAX_CHAOS)
    return [match.encoding for match in results if match.encoding in CANDIDATES]


def _sample(data: bytes) -> bytes:
    """Whole lines that hold non-ASCII bytes, up to about 64 KB."""
    picked: list[bytes] = []
    size = 0
    for line in data.splitlines():
        if line.isascii():
            continue
        if size + len(line) > _SAMPLE_BYTES:
            if not picked:
                picked.append(_cut(line, _SAMPLE_BYTES))
            break
        picked.append(line)
        size += len(line) + 1
    return b"\n".join(picked)


def _cut(line: bytes, limit: int) -> bytes:
    """At most `limit` bytes of a line, cut after a byte no multi-byte character continues."""
    for end in range(min(limit, len(line)), 0, -1):
        if line[end - 1] in _SAFE_CUT:
            return line[:end]
    return line[:limit]


def _strict(data: bytes, encoding: str, path: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        message = tr(
            "the file is not valid {encoding}: {problem}",
            encoding=encoding_name(encoding),
            problem=exc.reason,
        )
        raise ContentErrors([_error(path, data, exc.start, message)]) from None
    except LookupError:
        message = tr("unknown text encoding '{encoding}'", encoding=encoding)
        raise ContentErrors([_error(path, data, 0, message)]) from None


def _error(path: str, data: bytes, offset: int, message: str) -> ContentError:
    return ContentError(
        path,
        data[:offset].count(b"\n") + 1,
        0,
        message,
        tr("export it again from the tool, or save it as 'CSV UTF-8' in Excel"),
    )
