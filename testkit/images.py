"""Test images made on the fly: JPEG with GPS in EXIF, PNG, WebP, HEIC, bombs."""

import io

from PIL import Image, TiffImagePlugin

from testkit.factories import HARDENBERG  # noqa: F401  (images carry it in their EXIF)


def _dms(value: float):
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return (
        TiffImagePlugin.IFDRational(degrees),
        TiffImagePlugin.IFDRational(minutes),
        TiffImagePlugin.IFDRational(seconds),
    )


def jpeg_with_gps(
    lat=HARDENBERG[0], lon=HARDENBERG[1], size=(3000, 2000), quality=85, noisy=False
) -> bytes:
    """A JPEG with camera metadata and GPS; `noisy` makes it large like a real photo."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    if noisy:
        noise = Image.effect_noise(size, 50).convert("RGB")
        image = Image.blend(image, noise, 0.5)
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


def small_jpeg(*, with_gps: bool = False, size=(64, 48)) -> bytes:
    """A tiny JPEG (a photo or a scanned sheet); `with_gps` adds camera make and a position."""
    image = Image.new("RGB", size, (200, 80, 40))
    buffer = io.BytesIO()
    if with_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: _dms(51.3), 3: "E", 4: _dms(6.55)}  # GPS IFD
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="JPEG")
    return buffer.getvalue()
