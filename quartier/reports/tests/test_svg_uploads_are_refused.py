"""An SVG (markup that can carry script) is never accepted as a photo."""

import pytest

from quartier.core.photos import PhotoError, clean_photo

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


@pytest.mark.parametrize("data", [SVG, b'<?xml version="1.0"?>' + SVG])
def test_svg_is_not_a_photo(data):
    with pytest.raises(PhotoError) as error:
        clean_photo(data)
    assert "kein Foto" in str(error.value)
