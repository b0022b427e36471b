"""Photo handling: check, read the GPS position, strip every piece of metadata, downscale.

What goes in: JPEG, PNG, WebP or HEIC/HEIF (phones), at most MAX_UPLOAD_BYTES, at most
MAX_PIXELS pixels (decompression bombs are refused before decoding).
What comes out: a clean JPEG of at most MAX_EDGE px on the long side and a thumbnail, both
written from pixel data only (no EXIF, no GPS, no ICC profile, no comments), turned upright
according to the camera's orientation tag.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

try:  # HEIC from iPhones and some Android phones; optional at import time.
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF_FORMATS = {"HEIF"}
except ImportError:  # pragma: no cover - pillow_heif is in requirements.txt
    HEIF_FORMATS = set()

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PHOTOS = 5
MAX_PIXELS = 60_000_000  # 60 MP: above what phone cameras take, far below a bomb
MAX_EDGE = 2048
THUMB_EDGE = 320
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO", *HEIF_FORMATS}
GPS_IFD = 0x8825
ORIENTATION = 0x0112


class PhotoError(ValueError):
    """A file that cannot be used as a photo; the message is shown to the person (German)."""


@dataclass(frozen=True)
class CleanPhoto:
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    gps: tuple[float, float] | None  # (lat, lon) read from EXIF before stripping, if any


def _rational(value) -> float:
    if isinstance(value, tuple):  # (numerator, denominator) from some files
        return value[0] / value[1] if value[1] else 0.0
    return float(value)


def _coordinate(dms, ref) -> float:
    degrees, minutes, seconds = (_rational(v) for v in dms)
    value = degrees + minutes / 60 + seconds / 3600
    return -value if ref in ("S", "W", b"S", b"W") else value


def read_gps(exif) -> tuple[float, float] | None:
    """(lat, lon) from an EXIF block, or None when it has no usable position."""
    try:
        gps = exif.get_ifd(GPS_IFD)
        lat = _coordinate(gps[2], gps.get(1, "N"))
        lon = _coordinate(gps[4], gps.get(3, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return round(lat, 6), round(lon, 6)


def _open(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        # Pillow only warns between MAX_PIXELS and twice that; refuse those as well.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoError(_("Das Bild ist zu groß (zu viele Bildpunkte).")) from exc
        except (UnidentifiedImageError, OSError, ValueError) as exc:
            raise PhotoError(
                _("Die Datei ist kein Foto. Erlaubt sind JPEG, PNG, WebP und HEIC.")
            ) from exc
    if image.format not in ACCEPTED_FORMATS:
        raise PhotoError(
            _("Dieses Bildformat wird nicht angenommen. Erlaubt sind JPEG, PNG, WebP und HEIC.")
        )
    if image.width * image.height > MAX_PIXELS:
        raise PhotoError(_("Das Bild ist zu groß (zu viele Bildpunkte)."))
    return image


def _decode_small(image: Image.Image) -> None:
    """Let the JPEG decoder scale down by 2, 4 or 8 (DCT scaling: much faster, same look).

    The factor keeps the long edge at 90 % of MAX_EDGE or more (a 4000 px photo is decoded
    at 2000 px, a 6000 px one at 3000 px and then resized).
    """
    if image.format not in ("JPEG", "MPO"):
        return
    factor = 1
    while max(image.size) / (factor * 2) >= MAX_EDGE * 0.9:
        factor *= 2
    if factor > 1:
        image.draft("RGB", (-(-image.width // factor), -(-image.height // factor)))


def _upright_rgb(image: Image.Image, orientation: int) -> Image.Image:
    _decode_small(image)
    # Decode now: a small photo needs no resizing, and a truncated file must fail here, where
    # it becomes a PhotoError, not later while the thumbnail is made.
    image.load()
    image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "#ffffff")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    return image.transpose(method) if method else image


def _jpeg(image: Image.Image, quality: int) -> bytes:
    # Only pixels leave this module. Pillow would copy a JPEG comment from image.info when
    # saving, so the info is emptied and every metadata block is passed explicitly empty.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=b"", comment=b"", icc_profile=None)
    return buffer.getvalue()


@contextlib.contextmanager
def _strict_decoding():
    """Refuse truncated files while decoding an upload.

    WeasyPrint (PDF handouts, Art. 15 exports) switches Pillow's process-wide
    LOAD_TRUNCATED_IMAGES on when it is imported; an upload must never be accepted half-read.
    """
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def clean_photo(data: bytes) -> CleanPhoto:
    """Check and clean one uploaded photo. Raises PhotoError with a German message."""
    with _strict_decoding():
        return _clean_photo(data)


def _clean_photo(data: bytes) -> CleanPhoto:
    if len(data) > MAX_UPLOAD_BYTES:
        raise PhotoError(_("Das Foto ist größer als 15 MB. Bitte ein kleineres Foto wählen."))
    if not data:
        raise PhotoError(_("Die Datei ist leer."))
    image = _open(data)
    exif = image.getexif()
    gps = read_gps(exif)
    orientation = exif.get(ORIENTATION, 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upright = _upright_rgb(image, orientation)
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoError(_("Das Foto ist beschädigt und kann nicht gelesen werden.")) from exc
    thumb = ImageOps.contain(upright, (THUMB_EDGE, THUMB_EDGE), Image.Resampling.BILINEAR)
    return CleanPhoto(
        image=_jpeg(upright, quality=82),
        thumbnail=_jpeg(thumb, quality=75),
        width=upright.width,
        height=upright.height,
        gps=gps,
    )
