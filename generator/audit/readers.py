"""Every byte of an output file as text the audit can search, whatever the file's kind.

A file is read by what it holds, not by its name: text (UTF-8, or UTF-16 with a byte order
mark) is searched as written and again with HTML/XML entities, JSON, JavaScript and CSS
escapes, percent-encoding and tags undone, and inside `data:` URIs; a PDF through pypdf
(page text, document info, XMP metadata, outline, annotations, form fields and embedded
files, each read again by what it holds); gzip and zip files member by member; any other
bytes as they are, for the UTF-8 and UTF-16 forms of each needle. What cannot be read
(a broken PDF, a zip bomb) is itself reported: nothing unread is published.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import hashlib
import html
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator.fs import write_file_atomic
from generator.workspace import Workspace

MAX_DEPTH = 4  # a PDF in a zip in a data: URI in an SVG ...
MAX_INFLATED = 64 * 1024 * 1024  # bytes a gzip or zip file may grow to when read
CACHE_VERSION = 2
TAG = re.compile(r"<[^>]*>")
DATA_URI = re.compile(r"data:[^,;\s\"')]*;base64,([A-Za-z0-9+/=\s]+)")
ESCAPES = [
    (re.compile(r"\\u\{?([0-9a-fA-F]{4,6})\}?"), lambda m: _chr(m.group(1))),
    (re.compile(r"\\x([0-9a-fA-F]{2})"), lambda m: _chr(m.group(1))),
    (re.compile(r"\\([0-9a-fA-F]{1,6}) ?"), lambda m: _chr(m.group(1))),  # CSS
    (re.compile(r"\\[nrt]"), lambda m: " "),
    (re.compile(r"\\([^0-9a-fA-F])"), lambda m: m.group(1)),
]


def _chr(hexdigits: str) -> str:
    code = int(hexdigits, 16)
    return chr(code) if code < 0x110000 else ""


@dataclass(frozen=True)
class Contents:
    """What a file holds, ready to search."""

    text: str = ""  # readable text, in every spelling it could be decoded to
    raw8: str = ""  # bytes that are not text, as UTF-8 with replacement characters
    raw16: str = ""  # the same bytes as UTF-16, both byte orders and alignments
    unreadable: str = ""  # why some of it could not be read

    def __add__(self, other: Contents) -> Contents:
        return Contents(
            *(
                "\n".join(filter(None, (a, b)))
                for a, b in zip(_values(self), _values(other), strict=True)
            )
        )

    def dumps(self) -> str:
        return json.dumps({"v": CACHE_VERSION, **dataclasses.asdict(self)}, ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> Contents | None:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            data = json.loads(text)
            if data.pop("v", None) == CACHE_VERSION:
                return cls(**data)
        return None


def _values(contents: Contents) -> tuple[str, ...]:
    return (contents.text, contents.raw8, contents.raw16, contents.unreadable)


def read_bytes(data: bytes, name: str = "", depth: int = 0) -> Contents:
    """The contents of one file (or of a part of one: an attachment, a zip member)."""
    if depth > MAX_DEPTH:
        return Contents(unreadable=f"{name}: nested more than {MAX_DEPTH} levels deep")
    if b"%PDF-" in data[:1024]:
        return read_pdf(data, depth)
    if data[:2] == b"\x1f\x8b":
        return _read_gzip(data, name, depth)
    if data[:4] == b"PK\x03\x04":
        return _read_zip(data, name, depth)
    text = decode_text(data)
    if text is not None:
        return read_text(text, depth)
    return Contents(raw8=data.decode("utf-8", "replace"), raw16="\n".join(_utf16_views(data)))


def decode_text(data: bytes) -> str | None:
    """The text of bytes that are UTF-8, or UTF-16 with a byte order mark; else None."""
    with contextlib.suppress(UnicodeDecodeError):
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    return None


def _utf16_views(data: bytes) -> Iterator[str]:
    for offset in (0, 1):
        for codec in ("utf-16-le", "utf-16-be"):
            yield data[offset:].decode(codec, "replace")


def read_text(text: str, depth: int = 0) -> Contents:
    """Text as written and with every kind of escaping undone that a reader would not see."""
    views = [text]
    unescaped = html.unescape(text)
    for view in (
        unescaped,
        _undo_escapes(unescaped),
        TAG.sub(" ", unescaped) if "<" in unescaped else unescaped,
        unquote(unescaped) if "%" in unescaped else unescaped,
        _json_text(text),
    ):
        if view and view not in views:
            views.append(view)
    found = Contents(text="\n".join(views))
    for match in DATA_URI.finditer(unescaped):
        with contextlib.suppress(binascii.Error, ValueError):
            blob = base64.b64decode(re.sub(r"\s", "", match.group(1)))
            found += read_bytes(blob, "data: URI", depth + 1)
    return found


def _undo_escapes(text: str) -> str:
    if "\\" not in text:
        return text
    for pattern, replace in ESCAPES:
        text = pattern.sub(replace, text)
    return text


def _json_text(text: str) -> str:
    if text.lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        return ""
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except (ValueError, RecursionError):
        return ""


def _read_gzip(data: bytes, name: str, depth: int) -> Contents:
    inflater = zlib.decompressobj(wbits=31)
    try:
        inflated = inflater.decompress(data, MAX_INFLATED)
    except zlib.error as exc:
        return Contents(unreadable=f"{name}: broken gzip data ({exc})")
    if inflater.unconsumed_tail:
        return Contents(unreadable=f"{name}: gzip data grows beyond {MAX_INFLATED} bytes")
    return read_bytes(inflated, name.removesuffix(".gz"), depth + 1)


def _read_zip(data: bytes, name: str, depth: int) -> Contents:
    found = Contents()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_INFLATED:
                return Contents(unreadable=f"{name}: zip data grows beyond {MAX_INFLATED} bytes")
            for member in members:
                found += Contents(text=member.filename)
                if not member.is_dir():
                    found += read_bytes(archive.read(member), member.filename, depth + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError) as exc:
        return Contents(unreadable=f"{name}: unreadable zip data ({exc})")
    return found


def read_pdf(data: bytes, depth: int = 0) -> Contents:
    """Page text, metadata, XMP, outline, annotations, form fields and embedded files."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages]
        texts += [str(v) for v in (reader.metadata or {}).values()]
        texts += list(_outline_titles(reader.outline))
        texts += [str(f.get("/V", "")) for f in (reader.get_fields() or {}).values()]
        found = read_text("\n".join(texts), depth)
        xmp = reader.xmp_metadata
        if xmp is not None:
            found += read_bytes(xmp.stream.get_data(), "XMP metadata", depth + 1)
        for page in reader.pages:
            if "/Metadata" in page:
                stream: Any = page["/Metadata"].get_object()
                found += read_bytes(stream.get_data(), "XMP", depth + 1)
            for name, blob in _annotations(page):
                found += Contents(text=name)
                if blob is not None:
                    found += read_bytes(blob, name, depth + 1)
        for name, blobs in reader.attachments.items():
            found += Contents(text=name)
            for blob in blobs:
                found += read_bytes(blob, name, depth + 1)
    except Exception as exc:  # pypdf raises many kinds; an unreadable PDF is a finding
        return Contents(unreadable=f"PDF: {type(exc).__name__}: {exc}")
    return found


def _outline_titles(outline: Any) -> Iterator[str]:
    for item in outline or []:
        if isinstance(item, list):
            yield from _outline_titles(item)
        else:
            yield str(getattr(item, "title", "") or "")


def _annotations(page: Any) -> Iterator[tuple[str, bytes | None]]:
    """(text, embedded file bytes or None) of a page's annotations."""
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        for key in ("/Contents", "/T", "/Subj", "/RC"):
            if key in annot:
                yield str(annot[key]), None
        spec = annot.get("/FS")
        if spec is not None:
            spec = spec.get_object()
            embedded = spec.get("/EF", {}).get("/F")
            name = str(spec.get("/UF") or spec.get("/F") or "attachment")
            yield name, embedded.get_object().get_data() if embedded is not None else None


def client_pdf_texts(files: Mapping[str, bytes]) -> dict[str, str]:
    """Contents of the client PDFs among a job's files, by SHA-256: the build reads them
    where the PDF is rendered (in parallel), so the audit before publishing only searches."""
    return {
        hashlib.sha256(data).hexdigest(): read_bytes(data, rel).dumps()
        for rel, data in sorted(files.items())
        if rel.startswith("portals/") and rel.endswith(".pdf")
    }


class TextCache:
    """Contents of PDFs by the file's SHA-256, kept beside the build cache: an unchanged PDF
    is read by pypdf once, not on every build (the needles change, the contents do not)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def file(self, digest: str) -> Path:
        return self.folder / f"{digest}.txt"

    def contents(self, path: Path, digest: str) -> Contents:
        data = path.read_bytes()
        if b"%PDF-" not in data[:1024]:
            return read_bytes(data, path.name)
        with contextlib.suppress(OSError):
            cached = Contents.loads(self.file(digest).read_text(encoding="utf-8"))
            if cached is not None:
                return cached
        contents = read_bytes(data, path.name)
        self.put(digest, contents.dumps())
        return contents

    def put(self, digest: str, text: str) -> None:
        cached = self.file(digest)
        with contextlib.suppress(OSError):
            write_file_atomic(cached, text.encode("utf-8"), durable=False)


def text_cache(workspace: Workspace) -> TextCache:
    return TextCache(workspace.state / "cache" / "audit-text")
