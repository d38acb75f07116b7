"""Stamping a PNG with the digest of its DOT source (a ``tEXt`` chunk), and reading it back.

The chunk goes right after ``IHDR`` (PNG 1.2, section 5.6: text chunks may appear anywhere
between IHDR and IEND), so tools read it without decoding the image: ``identify -verbose``
or ``exiftool`` show it as ``archgen-render``.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"archgen-render"


class PngError(Exception):
    pass


def chunks(png: bytes):
    """(type, data) of each chunk, in order; stops at IEND."""
    if png[:8] != SIGNATURE:
        raise PngError("not a PNG file")
    offset = 8
    while offset + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        data = png[offset + 8:offset + 8 + length]
        yield kind, data, offset
        offset += 12 + length
        if kind == b"IEND":
            return


def text_chunk(keyword: bytes, text: str) -> bytes:
    body = keyword + b"\0" + text.encode("latin-1")
    return struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body))


def stamp(png: bytes, text: str) -> bytes:
    """``png`` with a tEXt chunk ``archgen-render`` = ``text`` after IHDR (replacing an older one)."""
    out = [SIGNATURE]
    for kind, data, offset in chunks(png):
        if kind == b"tEXt" and data.split(b"\0", 1)[0] == KEYWORD:
            continue
        out.append(png[offset:offset + 12 + len(data)])
        if kind == b"IHDR":
            out.append(text_chunk(KEYWORD, text))
    return b"".join(out)


def read_stamp(png: bytes) -> str | None:
    """The ``archgen-render`` text of a PNG, or None (also for files that are not PNG)."""
    try:
        for kind, data, _ in chunks(png):
            if kind == b"tEXt":
                keyword, _, value = data.partition(b"\0")
                if keyword == KEYWORD:
                    return value.decode("latin-1")
            if kind == b"IDAT":
                return None
    except PngError:
        return None
    return None
