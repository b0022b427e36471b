"""Photos: GPS is read, every piece of metadata stripped, size limited, bad files refused."""

import io

import pytest
from PIL import Image

from quartier.core.photos import MAX_EDGE, THUMB_EDGE, PhotoError, clean_photo
from testkit.images import HARDENBERG, image_bytes, jpeg_with_gps, png_bomb


def test_gps_is_read_before_the_metadata_is_stripped():
    original = jpeg_with_gps()
    assert b"Secret Model 7" in original

    photo = clean_photo(original)

    assert photo.gps == pytest.approx(HARDENBERG, abs=1e-5)
    for marker in (b"Exif", b"Secret Model 7", b"PhoneMaker", b"owner: Hanna"):
        assert marker not in photo.image
        assert marker not in photo.thumbnail
    stored = Image.open(io.BytesIO(photo.image))
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info
    assert "icc_profile" not in stored.info


def test_large_photos_are_downscaled_and_get_a_thumbnail():
    photo = clean_photo(jpeg_with_gps(size=(6000, 4000)))

    assert max(photo.width, photo.height) <= MAX_EDGE
    image = Image.open(io.BytesIO(photo.image))
    thumb = Image.open(io.BytesIO(photo.thumbnail))
    assert max(image.size) <= MAX_EDGE
    assert max(thumb.size) == THUMB_EDGE
    assert image.format == thumb.format == "JPEG"


def test_camera_orientation_is_applied():
    image = Image.new("RGB", (400, 200), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)

    photo = clean_photo(buffer.getvalue())

    assert (photo.width, photo.height) == (200, 400)


@pytest.mark.parametrize(("fmt", "mode"), [("PNG", "RGBA"), ("WEBP", "RGB"), ("HEIF", "RGB")])
def test_png_webp_and_heic_are_accepted(fmt, mode):
    photo = clean_photo(image_bytes(fmt, mode=mode))
    assert Image.open(io.BytesIO(photo.image)).format == "JPEG"
    assert photo.gps is None


def test_not_an_image_gets_a_german_message():
    with pytest.raises(PhotoError, match="kein Foto"):
        clean_photo(b"%PDF-1.4 this is a letter, not a photo")


def test_gif_is_refused_with_the_accepted_formats_named():
    with pytest.raises(PhotoError, match="JPEG, PNG, WebP und HEIC"):
        clean_photo(image_bytes("GIF"))


def test_file_over_15_mb_is_refused():
    with pytest.raises(PhotoError, match="15 MB"):
        clean_photo(b"\xff\xd8" + b"0" * (15 * 1024 * 1024))


def test_decompression_bomb_is_refused_before_decoding():
    bomb = png_bomb()
    assert len(bomb) < 100_000  # tiny file, 400 million pixels

    with pytest.raises(PhotoError, match="zu viele Bildpunkte"):
        clean_photo(bomb)


def test_truncated_jpeg_is_refused():
    data = jpeg_with_gps()
    with pytest.raises(PhotoError):
        clean_photo(data[: len(data) // 3])


def test_truncated_jpeg_is_refused_even_after_a_pdf_library_relaxed_pillow():
    import weasyprint  # noqa: F401  (its import sets ImageFile.LOAD_TRUNCATED_IMAGES = True)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    data = jpeg_with_gps()
    with pytest.raises(PhotoError):
        clean_photo(data[: len(data) // 3])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # restored for WeasyPrint's own images
