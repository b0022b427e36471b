"""Test images made on the fly: JPEG with GPS in EXIF, PNG, WebP, HEIC, bombs."""

import io

from PIL import Image, TiffImagePlugin

HARDENBERG = (51.318, 6.568)  # inside the Hardenbergviertel demo quarter


def _dms(value: float):
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return (
        TiffImagePlugin.IFDRational(degrees),
        TiffImagePlugin.IFDRational(minutes),
        TiffImagePlugin.IFDRational(seconds),
    )


def jpeg_with_gps(lat=HARDENBERG[0], lon=HARDENBERG[1], size=(3000, 2000), quality=85) -> bytes:
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Secret Model 7"  # Model
    exif[0x0131] = "CameraApp 1.0"  # Software
    exif[0x8825] = {1: "N", 2: _dms(lat), 3: "E", 4: _dms(lon)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif, comment=b"owner: Hanna")
    return buffer.getvalue()


def image_bytes(fmt: str, size=(800, 600), mode="RGB") -> bytes:
    image = Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def png_bomb(pixels=(20_000, 20_000)) -> bytes:
    """A tiny PNG file that claims a huge canvas (decompression bomb)."""
    image = Image.new("1", pixels)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
