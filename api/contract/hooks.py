"""Schemathesis hooks of the contract run (`cargo xtask test`).

The document says a profile photo is a PNG, JPEG or WebP file of 80 to
4096 pixels a side; a schema cannot say "a decodable image", so real
images of those kinds are generated here for the photo upload.
"""

import io

import schemathesis
from hypothesis import strategies as st
from PIL import Image


def _image(image_format):
    def encode(width, height, color):
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), color).save(buffer, format=image_format)
        return buffer.getvalue()

    side = st.integers(min_value=80, max_value=640)
    channel = st.integers(min_value=0, max_value=255)
    return st.builds(encode, side, side, st.tuples(channel, channel, channel))


for media_type, image_format in (
    ("image/png", "PNG"),
    ("image/jpeg", "JPEG"),
    ("image/webp", "WEBP"),
):
    schemathesis.openapi.media_type(media_type, _image(image_format))
